package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.birth.BirthCases;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/**
 * In a real Chromium: the public dashboard draws its charts without a login, a facility user
 * sees its own dashboard, and the case pages (a birth, an entitlement conflict) show the process
 * diagram with the current step marked.
 */
@TabienTest
class DashboardBrowserTests extends BrowserTestSupport {

    @Autowired BirthCases births;
    @Autowired AccountDirectory accounts;
    @Autowired Registry registry;
    @Autowired JdbcClient jdbc;

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

    @Test
    void aConflictPicksItsDiagramOnTheConflictsPage() throws Exception {
        NationalId id = TestIds.nextThai();
        Person person = registry.registerPerson(new Registry.NewPerson(id, "นาย", "ทดสอบ", "แผนภาพ", "M",
                java.time.LocalDate.of(1985, 6, 1), "THA", "40", null));
        registry.recordEntitlement(person, Scheme.SSS, java.time.LocalDate.of(2015, 5, 1), null, "TEST", null);
        Path file = Files.createTempFile("sso-", ".csv");
        Files.writeString(file, "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date\n"
                + id.value() + ",OFC,START,2024-02-01,,,,\n");
        browser.logIn("region", "region");
        browser.open("/entitlement-changes");
        new Select(browser.driver().findElement(By.id("agency"))).selectByValue("SSO");
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.click("upload");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("batch-status")).getText().equals("นำเข้าเสร็จแล้ว"));
        long conflictId = jdbc.sql("select conflict_id from entitlement_conflict where national_id = :p")
                .param("p", id.value()).query(Long.class).single();

        browser.open("/entitlement-changes/conflicts");
        browser.click("diagram-" + conflictId);
        browser.waitFor(By.cssSelector("#diagram-canvas [data-element-id='Task_ReviewConflict'].current-step"));
        browser.screenshot("conflict-diagram");
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
