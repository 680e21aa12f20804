package th.go.nhso.tabien.authen.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.TabienTest;

/** The day's codes as CSV for Excel, and the OpenAPI description of the JSON API. */
@TabienTest
class CounterExportTests {

    @Autowired MockMvc mvc;
    @Autowired AuthenCodes codes;
    @Autowired AccountDirectory accounts;

    @Test
    void theDaysCodesExportAsCsvThatExcelReadsInThai() throws Exception {
        StaffUser clerk = accounts.find("facility").orElseThrow().asStaffUser();
        String code = codes.issue(clerk, new AuthenCodes.AuthenRequest("1400100123451", "0812345678", "PP", "10670",
                null, null, null)).code().authenCode();
        byte[] csv = mvc.perform(get("/counter/codes.csv").with(user(principalOf("facility"))))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("authen-10670-")))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFauthen_code,national_id,service_type");
        assertThat(text).contains(code + ",1400100123451,PP,UC,10670,0812345678");
    }

    @Test
    void onlyFacilityStaffReachTheCounter() throws Exception {
        mvc.perform(get("/counter").with(user(principalOf("province")))).andExpect(status().isForbidden());
        mvc.perform(get("/kiosk").with(user(principalOf("region")))).andExpect(status().isForbidden());
    }

    @Test
    void theJsonApiIsDescribedInOpenApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/v1/authen")))
                .andExpect(content().string(containsString("/api/v1/claims/check")))
                .andExpect(content().string(containsString("/api/v1/births")));
    }

    private org.springframework.security.core.userdetails.UserDetails principalOf(String username) {
        return Principals.of(accounts.find(username).orElseThrow());
    }
}
