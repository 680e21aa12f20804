package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;

/** The counter screen in a real Chromium: typed PID + phone → the code, then the same code again. */
@TabienTest
class CounterBrowserTests extends BrowserTestSupport {

    /** Demo person with UC at Khon Kaen Hospital (demo/persons.csv). */
    private static final String UC_PATIENT = "1400102315871";


    @Test
    void counterStaffGetACodeAndTheSameOneOnASecondTry() {
        browser.logIn("facility", "facility");
        browser.open("/counter").type("nationalId", UC_PATIENT).type("phone", "089-123-4567").click("issue");

        String code = browser.text("authen-code");
        assertThat(code).matches("OP[0-9A-Z]{10}");
        assertThat(browser.text("authen-scheme")).contains("หลักประกันสุขภาพแห่งชาติ", "10670");
        assertThat(browser.text("today")).contains(code, UC_PATIENT);
        browser.screenshot("counter-code");

        browser.open("/counter?nationalId=" + UC_PATIENT);
        assertThat(browser.driver().findElement(By.id("phone")).getAttribute("value")).as("phone from the last visit")
                .isEqualTo("0891234567");
        browser.click("issue");
        assertThat(browser.text("authen-code")).isEqualTo(code);
        assertThat(browser.pageText()).contains("ใช้รหัสเดิม");
    }

    @Test
    void aPatientWithoutARightIsToldWhy() {
        browser.logIn("facility", "facility");
        browser.open("/counter").type("nationalId", "1100000000016").type("phone", "0891234567").click("issue");
        assertThat(browser.text("problem")).contains("ไม่พบบุคคล").contains("No person");
    }

    @Test
    void kioskShowsOnlyTheCode() {
        browser.logIn("facility", "facility");
        browser.open("/kiosk").type("nationalId", UC_PATIENT).type("phone", "0891234567").click("issue");
        assertThat(browser.text("authen-code")).matches("OP[0-9A-Z]{10}");
        assertThat(browser.pageText()).doesNotContain("facility").doesNotContain("ออกจากระบบ");
        browser.screenshot("kiosk");
    }
}
