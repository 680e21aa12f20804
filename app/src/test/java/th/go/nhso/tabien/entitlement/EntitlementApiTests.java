package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/** The change-file API: 202 at once, the status while it runs, the row report as JSON and Excel. */
@TabienTest
class EntitlementApiTests {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    private static MockMultipartFile file(String name, String content) {
        return new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileIsAcceptedAtOnceAndItsReportReadLater() throws Exception {
        String csv = EntitlementRulesContractSupport.HEADER + "\n" + TestIds.nextThai() + ",SSS,START,2026-01-01,,ทดสอบ,ผ่านเอพีไอ,1990-01-01\n"
                + "not-a-pid,SSS,START,2026-01-01,,,,\n";
        String body = mvc.perform(multipart("/api/v1/entitlement-changes/batches").file(file("sso.csv", csv)).param("agency", "SSO")
                        .with(httpBasic("region", "region")))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.batchId").exists())
                .andReturn().getResponse().getContentAsString();
        String batchId = json.readTree(body).get("batchId").asText();

        String status = "";
        for (int i = 0; i < 300 && !status.equals("DONE"); i++) {
            Thread.sleep(100);
            status = json.readTree(mvc.perform(get("/api/v1/entitlement-changes/batches/{id}", batchId).with(httpBasic("region", "region")))
                    .andReturn().getResponse().getContentAsString()).get("status").asText();
        }
        mvc.perform(get("/api/v1/entitlement-changes/batches/{id}", batchId).with(httpBasic("region", "region")))
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.rows").value(2))
                .andExpect(jsonPath("$.applied").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.problemRows[0].reasonCode").value("nationalId.invalid.NOT_DIGITS"));
        mvc.perform(get("/api/v1/entitlement-changes/batches/{id}/rows", batchId).with(httpBasic("region", "region")))
                .andExpect(jsonPath("$.length()").value(2));
        byte[] xlsx = mvc.perform(get("/api/v1/entitlement-changes/batches/{id}/rows.xlsx", batchId).with(httpBasic("region", "region")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString(".xlsx")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(2).getCell(6).getStringCellValue()).contains("ต้องเป็นตัวเลขเท่านั้น");
        }
    }

    @Test
    void refusalsComeBackAtOnceInBothLanguages() throws Exception {
        mvc.perform(multipart("/api/v1/entitlement-changes/batches").file(file("sso.csv", "x")).param("agency", "SSO")
                .with(httpBasic("facility", "facility"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/api/v1/entitlement-changes/batches").file(file("sso.pdf", "x")).param("agency", "SSO")
                        .with(httpBasic("region", "region")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("feed.unknownFileType"))
                .andExpect(jsonPath("$.detailTh").value(containsString(".csv")));
        mvc.perform(multipart("/api/v1/entitlement-changes/batches").file(file("sso.csv", "")).param("agency", "SSO")
                .with(httpBasic("region", "region"))).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("feed.empty"));
        mvc.perform(get("/api/v1/entitlement-changes/batches/{id}", "no-such-batch").with(httpBasic("region", "region")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/entitlement-changes/batches/{id}", "no-such-batch").with(httpBasic("facility", "facility")))
                .andExpect(status().isForbidden());
    }
}
