package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;

/** The main screens in a real Chromium, in Thai, as the demo users see them. */
@TabienTest
class MainScreensBrowserTests extends BrowserTestSupport {

    /** A demo person (demo/persons.csv): UC at Khon Kaen Hospital since 1 April 2002. */
    private static final String DEMO_PERSON = "1400100123451";




    @Test
    void facilityStaffSeeTheirFacilityAndWhatTheyCanDo() {
        browser.logIn("facility", "facility");
        assertThat(browser.currentPath()).isEqualTo("/");
        assertThat(browser.text("area")).isEqualTo("หน่วยบริการ: โรงพยาบาลขอนแก่น (10670)");
        assertThat(browser.text("actions")).contains("ค้นหาบุคคล", "หน่วยบริการ").doesNotContain("Cockpit");
        browser.screenshot("home-facility");
    }

    @Test
    void personPageShowsTheEntitlementHistoryWithBuddhistEraDates() {
        browser.logIn("facility", "facility");
        browser.open("/persons").type("nationalId", "1-4001-00123-45-1").click("search");
        assertThat(browser.text("person-name")).isEqualTo("นางสาวกัลยา ศรีสุวรรณ");
        assertThat(browser.text("person-birth")).isEqualTo("14 มีนาคม 2533");
        assertThat(browser.text("current-right")).contains("หลักประกันสุขภาพแห่งชาติ", "โรงพยาบาลขอนแก่น (10670)");
        assertThat(browser.text("history")).contains("1 เมษายน 2545", "ยังมีผล");
        browser.screenshot("person");
    }

    @Test
    void mistypedIdIsExplainedInThaiAndEnglish() {
        browser.logIn("province", "province");
        browser.open("/persons").type("nationalId", "1400100123452").click("search");
        assertThat(browser.text("problem"))
                .contains("เลขตรวจสอบหลักที่ 13 ไม่ตรง")
                .contains("check digit does not match");
        browser.screenshot("person-invalid-id");
    }

    @Test
    void pagesSwitchToEnglish() {
        browser.open("/login?lang=en");
        assertThat(browser.text("login-submit")).isEqualTo("Log in");
        browser.logIn("region", "region");
        assertThat(browser.text("area")).isEqualTo("NHSO region 7");
        browser.open("/?lang=th");
        assertThat(browser.text("area")).isEqualTo("สปสช. เขต 7");
    }

    @Test
    void cockpitOpensForAdmin() {
        browser.logIn("admin", "admin");
        assertThat(browser.text("actions")).contains("Camunda Cockpit");
        browser.click("action-cockpit");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.getTitle().contains("Cockpit"));
        browser.waitFor(By.cssSelector(".navbar, [cam-widget-header], header"));
        assertThat(browser.title()).contains("Cockpit");
        assertThat(browser.pageText()).doesNotContain("Login");
        browser.screenshot("cockpit-admin");
    }

    @Test
    void cockpitIsRefusedForFacilityStaff() {
        browser.logIn("facility", "facility");
        browser.open("/camunda/app/cockpit/default/");
        assertThat(browser.title()).doesNotContain("Cockpit");
        assertThat(browser.text("problem")).contains("ท่านไม่มีสิทธิเข้าถึงข้อมูลนี้");
        browser.screenshot("cockpit-refused");
    }

    @Test
    void otherFacilitiesAreRefusedWithTheReason() {
        browser.logIn("facility", "facility");
        browser.open("/facilities/10671");
        assertThat(browser.text("problem")).contains("อยู่นอกพื้นที่ที่ท่านรับผิดชอบ", "outside your area");
    }
}
