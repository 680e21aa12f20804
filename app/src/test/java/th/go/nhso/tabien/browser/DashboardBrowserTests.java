package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.birth.BirthCases;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/**
 * In a real Chromium: the public dashboard draws its charts without a login, a facility user
 * sees its own dashboard, and a birth case page shows the process diagram with the current
 * step marked.
 */
@TabienTest
class DashboardBrowserTests extends BrowserTestSupport {

    @Autowired BirthCases births;
    @Autowired AccountDirectory accounts;

    @Test
    void thePublicDashboardDrawsItsChartsWithoutLogin() {
        browser.open("/public/dashboard");
        assertThat(browser.text("dashboard-title")).isEqualTo("แดชบอร์ดข้อมูลสาธารณะ");
        waitForChart("chart-births");
        waitForChart("chart-transitions");
        waitForChart("chart-coverage");
        assertThat(browser.driver().findElements(By.cssSelector("#table-coverage tbody tr"))).hasSize(12);
        assertThat(browser.driver().findElement(By.id("dashboard-export")).getAttribute("href")).endsWith("/public/dashboard.xlsx");
        browser.screenshot("dashboard-public");
    }

    @Test
    void aFacilityUserSeesItsDashboard() {
        browser.logIn("facility", "facility");
        browser.open("/").click("action-dashboard");
        assertThat(browser.currentPath()).isEqualTo("/dashboard");
        assertThat(browser.text("dashboard-area")).contains("โรงพยาบาลขอนแก่น", "10670");
        assertThat(browser.text("access-sla")).isNotBlank();
        waitForChart("chart-births");
        browser.screenshot("dashboard-facility");
    }

    @Test
    void aBirthCasePageShowsTheDiagramWithTheCurrentStepMarked() {
        StaffUser clerk = accounts.find("facility").orElseThrow().asStaffUser();
        String number = births.file(clerk, thaiBirth(), null).birth().certificateNumber();

        browser.logIn("facility", "facility");
        browser.open("/births/" + number);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> !d.findElements(
                By.cssSelector("#diagram-canvas svg .djs-element.current-step")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#diagram-history tbody tr"))).isNotEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("#diagram-history tbody tr.open-step")).getText())
                .contains("กำลังดำเนินการ");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('process-diagram').scrollIntoView()");
        browser.screenshot("birth-case-diagram");
    }

    private void waitForChart(String canvasId) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return typeof Chart !== 'undefined' && !!Chart.getChart(arguments[0])", canvasId)));
        assertThat(browser.driver().findElement(By.id(canvasId)).getTagName()).isEqualTo("canvas");
    }

    private static BirthRecord thaiBirth() {
        var born = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).minusDays(3)
                .withHour(8).withMinute(30).withSecond(0).withNano(0);
        return new BirthRecord("10670",
                new BirthRecord.Child("", "ใจดี", "F", born, "FACILITY", 1, 1, 3100, 39),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมศรี", "ใจดี", "THA", java.time.LocalDate.of(1995, 4, 2), "40"),
                null, "MARRIED",
                new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"),
                java.util.List.of(), java.util.List.of(), null,
                new BirthRecord.Other("", "สมศรี ใจดี (มารดา)"));
    }
}
