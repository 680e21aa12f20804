package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/** A regional approver uploads an agency file and watches it apply, in a real Chromium. */
@TabienTest
class EntitlementBrowserTests extends BrowserTestSupport {

    @Test
    void regionalApproverUploadsAFileAndSeesTheSummary() throws Exception {
        Path file = Files.createTempFile("sso-", ".csv");
        Files.writeString(file, "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date\n"
                + TestIds.nextThai() + ",SSS,START,2026-11-01,,สมใจ,ทดลองนำเข้า,1990-01-01\n"
                + "1234567890123,SSS,START,2026-11-01,,,,\n");
        browser.logIn("region", "region");
        browser.open("/entitlement-changes");
        new Select(browser.driver().findElement(By.id("agency"))).selectByValue("SSO");
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.click("upload");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("batch-status")).getText().equals("นำเข้าเสร็จแล้ว"));
        assertThat(browser.text("rows-read")).isEqualTo("2");
        assertThat(browser.text("rows-applied")).isEqualTo("1");
        assertThat(browser.text("rows-rejected")).isEqualTo("1");
        browser.screenshot("entitlement-batch");
    }

    @Test
    void facilityStaffCannotUploadAgencyFiles() {
        browser.logIn("facility", "facility");
        browser.open("/entitlement-changes");
        assertThat(browser.text("problem")).contains("เฉพาะผู้อนุมัติระดับเขตหรือผู้ดูแลระบบ");
    }
}
