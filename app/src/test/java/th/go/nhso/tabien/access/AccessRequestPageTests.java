package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.LocalAccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/** The request's downloads and uploads over HTTP: template, letter, signed scan, ZIP. */
@TabienTest
class AccessRequestPageTests {

    @Autowired MockMvc mvc;
    @Autowired AccessRequests requests;
    @Autowired LocalAccountDirectory directory;

    private RequestPostProcessor clerk() {
        return user(Principals.of(directory.find("facility").orElseThrow()));
    }

    private long draftWithOnePerson() {
        long id = requests.createDraft(AccessRequestProcessTests.CLERK, "10670");
        String pid = TestIds.nextThai().value();
        requests.replacePeople(AccessRequestProcessTests.CLERK, id, List.of(new RequestedPerson(pid, "นาย", "สมปอง",
                "ใจงาม", "เจ้าพนักงานเภสัชกรรม", pid + "@rpst.example", "0891234567", EnumSet.of(DataCenterRole.DRUG_CATALOG))));
        return id;
    }

    @Test
    void theLetterNamesThePeopleAndTheSystemsInThai() throws Exception {
        long id = draftWithOnePerson();
        byte[] pdf = mvc.perform(get("/access-requests/{id}/letter.pdf", id).with(clerk()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("สมปอง", "ใจงาม", "ระบบบริหารจัดการรหัสยา", "นายแพทย์สาธารณสุขจังหวัดขอนแก่น");
        }
    }

    @Test
    void aScanThatIsNotAPdfIsRefusedAndTheRealOneIsPackagedWithTheExcel() throws Exception {
        long id = draftWithOnePerson();
        var asClerk = clerk();
        mvc.perform(multipart("/access-requests/{id}/signed-scan", id)
                        .file(new MockMultipartFile("file", "scan.pdf", "application/pdf", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}))
                        .with(asClerk).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("problem"));
        assertThat(requests.hasFile(id, AccessRequests.FileKind.SIGNED_SCAN)).isFalse();

        byte[] letter = mvc.perform(get("/access-requests/{id}/letter.pdf", id).with(asClerk)).andReturn().getResponse()
                .getContentAsByteArray();
        mvc.perform(multipart("/access-requests/{id}/signed-scan", id)
                        .file(new MockMultipartFile("file", "ลงนามแล้ว.pdf", "application/pdf", letter)).with(asClerk).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeCount(0));

        var zip = mvc.perform(get("/access-requests/{id}/package.zip", id).with(asClerk))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''10670-")))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactlyInAnyOrder("10670-โรงพยาบาลขอนแก่น.pdf", "10670-โรงพยาบาลขอนแก่น-เอกสารแนบ 1.xlsx");
    }

    @Test
    void theTemplateIsTheFacilitysAttachmentOne() throws Exception {
        mvc.perform(get("/access-requests/attachment-1.xlsx").with(clerk()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("10670-attachment-1.xlsx")));
    }

    @Test
    void provinceForwardsSeveralSimpleRequestsAtOnceAndHearsOfOneAlreadyDecided() throws Exception {
        long first = submittedWithOnePerson();
        long second = submittedWithOnePerson();
        requests.decideAtProvince(AccessRequestProcessTests.PROVINCE, second, AccessRequests.ProvinceDecision.FORWARD,
                java.util.Set.of(1), null);
        RequestPostProcessor province = user(Principals.of(directory.find("province").orElseThrow()));

        mvc.perform(post("/access-requests/bulk-forward").param("request", String.valueOf(first), String.valueOf(second))
                        .with(province).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("forwarded", List.of(first)))
                .andExpect(flash().attribute("rowProblems", org.hamcrest.Matchers.contains(
                        org.hamcrest.Matchers.startsWith(second + ": "))));
        assertThat(requests.require(first).status()).isEqualTo(AccessRequestStatus.AT_REGION);
        assertThat(requests.lines(first)).allMatch(l -> l.outcome() == PersonOutcome.FORWARDED);
    }

    private long submittedWithOnePerson() {
        long id = draftWithOnePerson();
        requests.storeFile(AccessRequestProcessTests.CLERK, id, AccessRequests.FileKind.SIGNED_SCAN, "s.pdf", "%PDF-1.4".getBytes());
        requests.submit(AccessRequestProcessTests.CLERK, id);
        return id;
    }
}
