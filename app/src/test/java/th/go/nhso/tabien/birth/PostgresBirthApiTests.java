package th.go.nhso.tabien.birth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.TabienException;

/** Every endpoint and refusal of the birth API, on PostgreSQL. */
@PostgresTest
class PostgresBirthApiTests {

    private static final String PASSWORD = "api-password-123";

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired AccountDirectory accounts;
    @Autowired BirthCases births;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        account("his-10670", Role.FACILITY_STAFF, "10670", null, null);
        account("his-other", Role.FACILITY_STAFF, otherRegionFacility(), null, null);
        account("kk-province", Role.PROVINCIAL_APPROVER, null, "40", null);
        account("registrar-kk", Role.REGISTRAR, null, null, null);
    }

    private String otherRegionFacility() {
        return "10671";
    }

    private void account(String username, Role role, String hcode, String province, Integer region) {
        accounts.createOrUpdate(new NewAccount(username, "1100000000024", username, null, role, hcode, province, region), PASSWORD);
    }

    private static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    private ResultActions file(BirthRecord record, String user) throws Exception {
        return mvc.perform(post("/api/v1/births").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(record)));
    }

    private String filed(BirthRecord record) throws Exception {
        String body = file(record, "his-10670").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("certificateNumber").asText();
    }

    @Test
    void filingAnswers201WithTheCertificateNumberAndRoute() throws Exception {
        file(BirthRecords.thai(), "his-10670")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/births/10670-")))
                .andExpect(jsonPath("$.certificateNumber").value(matchesPattern("10670-25\\d\\d-\\d{6}")))
                .andExpect(jsonPath("$.status").value("AWAITING_REGISTRATION"))
                .andExpect(jsonPath("$.route").value("THAI"));
        file(BirthRecords.foreign(), "his-10670").andExpect(status().isCreated()).andExpect(jsonPath("$.route").value("FOREIGN"));
    }

    @Test
    void everyProblemIsNamedByItsFieldInThaiAndEnglish() throws Exception {
        BirthRecord good = BirthRecords.thai();
        BirthRecord bad = new BirthRecord("10670",
                new BirthRecord.Child("", "ใจดี", "X", BirthRecords.BORN.plusDays(10), "FACILITY", 1, 2, 50, 39),
                new BirthRecord.Parent(TestIds.withBadCheckDigit(TestIds.nextThai()), null, "สมศรี", "ใจดี", "THA", null, null),
                null, "MARRIED", good.attendant(), List.of("Q99.99", "Z00"), null, null, good.other());
        file(bad, "his-10670")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("birth.invalidRecord"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "child.sex", "child.birthDateTime", "child.birthOrder", "child.weightGrams", "mother.nationalId",
                        "birthDefects[0]", "birthDefects[1]", "motherIllnesses")))
                .andExpect(jsonPath("$.errors[?(@.field == 'mother.nationalId')].messageTh").value(hasItem(containsString("เลขตรวจสอบ"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'mother.nationalId')].message").value(hasItem(containsString("check digit"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'child.weightGrams')].message").value(hasItem(containsString("300"))));
    }

    @Test
    void unreadableBodyIs400() throws Exception {
        mvc.perform(post("/api/v1/births").with(as("his-10670")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"child\": {\"birthDateTime\": \"20/11/2569\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("request.unreadable"))
                .andExpect(jsonPath("$.detailTh").value(containsString("JSON")));
    }

    @Test
    void theSameBirthTwiceIs409WithTheFirstCertificate() throws Exception {
        BirthRecord record = BirthRecords.thai();
        String first = filed(record);
        file(record, "his-10670")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("birth.duplicate"))
                .andExpect(jsonPath("$.certificateNumber").value(first))
                .andExpect(jsonPath("$.detailTh").value(containsString(first)));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswer() throws Exception {
        BirthRecord record = BirthRecords.thai();
        String key = "his-" + System.nanoTime();
        String first = mvc.perform(post("/api/v1/births").with(as("his-10670")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(record)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/births").with(as("his-10670")).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(record)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.certificateNumber").value(json.readTree(first).get("certificateNumber").asText()));
    }

    @Test
    void onlyTheFacilityWhereTheChildWasBornFiles() throws Exception {
        file(BirthRecords.thai(), "his-other").andExpect(status().isForbidden());
        file(BirthRecords.thai(), "kk-province").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("birth.onlyFacilityFiles"));
    }

    @Test
    void theFilingFacilityAndItsProvinceSeeTheCaseOthersDoNot() throws Exception {
        String number = filed(BirthRecords.thai());
        mvc.perform(get("/api/v1/births/{n}", number).with(as("his-10670"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AWAITING_REGISTRATION"));
        mvc.perform(get("/api/v1/births/{n}", number).with(as("kk-province"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/births/{n}", number).with(as("his-other"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/births/{n}", number).with(as("registrar-kk"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/births/{n}", "10670-2569-999999").with(as("his-10670"))).andExpect(status().isNotFound());
    }

    @Test
    void registrarRegistersOnceAndOnlyTheRegistrarMay() throws Exception {
        String number = filed(BirthRecords.thai());
        String child = TestIds.nextThai().value();
        String body = "{\"nationalId\":\"" + child + "\",\"registeredOn\":\"" + java.time.LocalDate.now() + "\",\"registrarOffice\":\"เทศบาลนครขอนแก่น\"}";
        mvc.perform(post("/api/v1/registrar/births/{n}/registration", number).with(as("his-10670"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/registrar/births/{n}/registration", number).with(as("registrar-kk"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REGISTERED"))
                .andExpect(jsonPath("$.childNationalId").value(child));
        mvc.perform(post("/api/v1/registrar/births/{n}/registration", number).with(as("registrar-kk"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("birth.alreadyRegistered"));
        mvc.perform(post("/api/v1/registrar/births/{n}/registration", "10670-2569-999999").with(as("registrar-kk"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/persons/{id}", child).with(as("his-10670"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.currentEntitlement.scheme").value("UC"))
                .andExpect(jsonPath("$.currentEntitlement.mainFacilityCode").value("10670"));
    }

    @Test
    void registrationWithAnInvalidPidIs400AndChangesNothing() throws Exception {
        String number = filed(BirthRecords.thai());
        mvc.perform(post("/api/v1/registrar/births/{n}/registration", number).with(as("registrar-kk"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nationalId\":\"1234567890123\",\"registeredOn\":\"" + java.time.LocalDate.now() + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("nationalId.invalid.BAD_CHECKSUM"));
        mvc.perform(get("/api/v1/births/{n}", number).with(as("his-10670"))).andExpect(jsonPath("$.status").value("AWAITING_REGISTRATION"));
    }

    @Test
    void registrarReportsUnregisteredBirths() throws Exception {
        String number = filed(BirthRecords.thai());
        mvc.perform(post("/api/v1/registrar/births/unregistered").with(as("registrar-kk")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"certificateNumbers\":[\"" + number + "\",\"10670-2569-999999\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.movedToFollowUp").value(org.hamcrest.Matchers.contains(number)));
        mvc.perform(get("/api/v1/births/{n}", number).with(as("his-10670"))).andExpect(jsonPath("$.status").value("FOLLOW_UP"));
    }

    @Test
    void certificatePdfCarriesTheRecord() throws Exception {
        String number = filed(BirthRecords.withDefects(BirthRecords.thai(), "Q90.9"));
        byte[] pdf = mvc.perform(get("/api/v1/births/{n}/certificate.pdf", number).with(as("his-10670")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("หนังสือรับรองการเกิด", number, "สมศรี ใจดี", "Q90.9", "โรงพยาบาลขอนแก่น");
        }
    }

    @Test
    void theFilingFacilityCorrectsTheRecordWithAReason() throws Exception {
        BirthRecord record = BirthRecords.thai();
        String number = filed(record);
        BirthRecord.Parent m = record.mother();
        BirthRecord corrected = BirthRecords.withMother(record,
                new BirthRecord.Parent(m.nationalId(), null, m.firstName(), "ใจงาม", "THA", m.birthDate(), m.provinceCode()));
        String body = "{\"reason\":\"นามสกุลพิมพ์ผิด\",\"record\":" + json.writeValueAsString(corrected) + "}";
        mvc.perform(post("/api/v1/births/{n}/correction", number).with(as("kk-province")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/births/{n}/correction", number).with(as("his-10670")).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AWAITING_REGISTRATION"));
        assertThat(births.require(number).record().mother().lastName()).isEqualTo("ใจงาม");
        String noReason = "{\"reason\":\"\",\"record\":" + json.writeValueAsString(corrected) + "}";
        mvc.perform(post("/api/v1/births/{n}/correction", number).with(as("his-10670")).contentType(MediaType.APPLICATION_JSON)
                .content(noReason)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("birth.reasonRequired"));
    }

    @Test
    void theFilingFacilityCancelsWithAReason() throws Exception {
        String number = filed(BirthRecords.thai());
        mvc.perform(post("/api/v1/births/{n}/cancellation", number).with(as("his-10670")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"\"}")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("birth.reasonRequired"));
        mvc.perform(post("/api/v1/births/{n}/cancellation", number).with(as("kk-province")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"ผิด\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/births/{n}/cancellation", number).with(as("his-10670")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"แจ้งซ้ำโดยผิดพลาด\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void anyFacilityAddsADefectFoundLaterToARegisteredChild() throws Exception {
        String number = filed(BirthRecords.thai());
        String child = TestIds.nextThai().value();
        births.register(number, child, java.time.LocalDate.now(), "x", "registrar-kk");
        mvc.perform(post("/api/v1/persons/{id}/birth-defects", child).with(as("his-other")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"Q21.0\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/persons/{id}/birth-defects", child).with(as("his-other")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"Q21.77\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("birth.unknownDefect"));
        mvc.perform(post("/api/v1/persons/{id}/birth-defects", TestIds.nextThai().value()).with(as("his-other"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"Q21.0\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/persons/{id}/birth-defects", child).with(as("kk-province")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"Q21.0\"}")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("""
                        select d.source || ':' || d.facility_code from birth_defect d join person p on p.person_id = d.person_id
                        where p.national_id = :id and d.code = 'Q21.0'
                        """).param("id", child).query(String.class).list())
                .containsExactly("FACILITY_LATER:10671");
    }

    @Test
    void defectPickerSearchesThaiAndEnglish() throws Exception {
        mvc.perform(get("/api/v1/births/codes/defects").param("q", "Q90").with(as("his-10670")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].code").value(hasItem("Q90.9")));
        mvc.perform(get("/api/v1/births/codes/defects").param("q", "ดาวน์").with(as("his-10670")))
                .andExpect(jsonPath("$[*].code").value(hasItem("Q90.9")));
    }

    @Test
    void twoFirstFilingsOfTheYearAtOnceBothGetANumber() throws Exception {
        String hcode = "10709";
        account("his-10709", Role.FACILITY_STAFF, hcode, null, null);
        var clerk = accounts.find("his-10709").orElseThrow().asStaffUser();
        jdbc.sql("delete from certificate_sequence where facility_code = :h").param("h", hcode).update();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> numbers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                BirthRecord r = BirthRecords.thai();
                BirthRecord atThisFacility = new BirthRecord(hcode, r.child(), r.mother(), r.father(), r.familyStatus(),
                        r.attendant(), r.birthDefects(), r.motherIllnesses(), r.motherIllnessNotes(), r.other());
                numbers.add(pool.submit(() -> births.file(clerk, atThisFacility, null).birth().certificateNumber()));
            }
            assertThat(List.of(numbers.get(0).get(), numbers.get(1).get()))
                    .allMatch(n -> n.startsWith(hcode + "-")).doesNotHaveDuplicates();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoRegistrarMessagesForOneBirthHaveExactlyOneEffect() throws Exception {
        for (int round = 0; round < 5; round++) {
            String number = filed(BirthRecords.thai());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String child = TestIds.nextThai().value();
                    Callable<String> register = () -> {
                        try {
                            births.register(number, child, java.time.LocalDate.now(), "x", "registrar-kk");
                            return "OK";
                        } catch (TabienException e) {
                            return e.code();
                        }
                    };
                    results.add(pool.submit(register));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).containsExactlyInAnyOrder("OK", "birth.alreadyRegistered");
            } finally {
                pool.shutdown();
            }
            assertThat(births.require(number).status()).isEqualTo(BirthStatus.REGISTERED);
        }
    }
}
