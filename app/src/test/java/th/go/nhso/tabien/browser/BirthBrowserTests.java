package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.ThaiDates;

/** A clerk files a birth in the Thai form and downloads the certificate, in a real Chromium. */
@TabienTest
class BirthBrowserTests extends BrowserTestSupport {

    @org.springframework.beans.factory.annotation.Autowired AccountDirectory accounts;


    @Test
    void clerkFilesABirthInThaiAndDownloadsTheCertificate() throws Exception {
        browser.logIn("facility", "facility");
        browser.open("/births").click("new-birth");
        String mother = TestIds.nextThai().value();
        String yesterday = ThaiDates.formatShort(LocalDate.now(ThaiDates.BANGKOK).minusDays(1));

        browser.type("childLastName", "สุขสำราญ");
        new Select(browser.driver().findElement(By.id("childSex"))).selectByValue("F");
        browser.type("birthDate", yesterday).type("birthTime", "08:30");
        browser.type("weightGrams", "3100").type("gestationalAgeWeeks", "39");
        browser.type("motherNationalId", mother.charAt(0) + "-" + mother.substring(1, 5) + "-" + mother.substring(5, 10) + "-"
                + mother.substring(10, 12) + "-" + mother.charAt(12));
        browser.type("motherFirstName", "น้ำทิพย์").type("motherLastName", "สุขสำราญ").type("motherBirthDate", "02/04/2538");
        browser.type("attendantName", "พญ. กิ่งแก้ว ใจดี");
        browser.type("defectSearch", "Q90.9");
        new Select(browser.driver().findElement(By.id("birthDefects"))).selectByValue("Q90.9");
        browser.click("noMotherIllnesses");
        browser.type("informant", "น้ำทิพย์ สุขสำราญ");
        browser.screenshot("birth-form");
        browser.click("submit-birth");

        assertThat(browser.text("filed")).contains("ออกเลขหนังสือรับรองการเกิด 10670-");
        assertThat(browser.text("case-status")).isEqualTo("รอจดทะเบียนการเกิด");
        assertThat(browser.text("case-route")).isEqualTo("สัญชาติไทย");
        browser.screenshot("birth-case");

        browser.click("correct");
        browser.type("childFirstName", "ปัทมา").type("reason", "ตั้งชื่อเด็กแล้ว");
        browser.click("submit-birth");
        assertThat(browser.text("corrected")).isEqualTo("บันทึกการแก้ไขแล้ว");

        String href = browser.driver().findElement(By.id("download-certificate")).getAttribute("href");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        try (var document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("น้ำทิพย์ สุขสำราญ", "Q90.9", "หนังสือรับรองการเกิด",
                    "ปัทมา สุขสำราญ");
        }
    }

    @Test
    void aDraftStartedByOneClerkIsFinishedByAnother() {
        accounts.createOrUpdate(new AccountDirectory.NewAccount("nurse-10670", "1100000000024", "พยาบาลห้องคลอด", null,
                Role.FACILITY_STAFF, "10670", null, null), "nurse-password-1");
        browser.logIn("nurse-10670", "nurse-password-1");
        browser.open("/births/new");
        String mother = TestIds.nextThai().value();
        browser.type("motherNationalId", mother).type("motherFirstName", "ร่างทดสอบ").type("motherLastName", "ต่อเนื่อง");
        browser.click("save-draft");
        assertThat(browser.text("draft-saved")).contains("บันทึกร่างแล้ว");

        browser.driver().manage().deleteAllCookies();
        browser.logIn("facility", "facility");
        browser.open("/births");
        browser.driver().findElement(By.linkText("ร่างทดสอบ ต่อเนื่อง")).click();
        assertThat(browser.driver().findElement(By.id("motherNationalId")).getAttribute("value")).isEqualTo(mother);
        new Select(browser.driver().findElement(By.id("childSex"))).selectByValue("M");
        browser.type("birthDate", ThaiDates.formatShort(LocalDate.now(ThaiDates.BANGKOK).minusDays(2)))
                .type("weightGrams", "2950").type("gestationalAgeWeeks", "38");
        browser.click("noBirthDefects").click("noMotherIllnesses");
        browser.click("submit-birth");

        assertThat(browser.text("filed")).contains("10670-");
        browser.open("/births");
        assertThat(browser.driver().findElements(By.linkText("ร่างทดสอบ ต่อเนื่อง"))).as("the draft is gone once filed").isEmpty();
    }

    @Test
    void aFormWithMistakesShowsEachProblemAtItsField() {
        browser.logIn("facility", "facility");
        browser.open("/births/new");
        browser.type("motherNationalId", "1234567890123").type("weightGrams", "50").type("birthDate", "31/02/2569");
        browser.click("submit-birth");

        assertThat(browser.text("form-problems")).contains("กรุณาแก้ไข");
        assertThat(browser.driver().findElement(By.cssSelector("[data-field='mother.nationalId']")).getText())
                .contains("เลขตรวจสอบ").contains("check digit");
        assertThat(browser.driver().findElement(By.cssSelector("[data-field='child.birthDateTime']")).getText())
                .contains("ไม่ถูกต้อง");
        assertThat(browser.driver().findElement(By.id("motherNationalId")).getAttribute("value"))
                .as("what was typed is kept").isEqualTo("1234567890123");
        browser.screenshot("birth-form-errors");
    }
}
