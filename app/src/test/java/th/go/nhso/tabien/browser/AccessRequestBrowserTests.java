package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import th.go.nhso.tabien.access.AttachmentOne;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.LocalSmtp;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.MailDelivery;

/**
 * Seed 001 end to end in a real Chromium: a facility files a request from the Thai screens
 * with a filled attachment 1 and the signed scan, the province forwards it, the region
 * approves it, and the person's e-mail arrives at a real SMTP server (GreenMail).
 */
@TabienTest
class AccessRequestBrowserTests extends BrowserTestSupport {

    @Autowired AttachmentOne attachmentOne;
    @Autowired Registry registry;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    private GreenMail smtp;

    @BeforeEach
    void smtp() {
        smtp = new GreenMail(ServerSetup.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static RequestedPerson person(String first, DataCenterRole role) {
        String pid = TestIds.nextThai().value();
        return new RequestedPerson(pid, "นางสาว", first, "ทดสอบระบบ", "นักวิชาการสาธารณสุข", pid + "@rpst.example",
                "0812345678", EnumSet.of(role));
    }

    private Path excel(List<RequestedPerson> people) throws Exception {
        Path file = Files.createTempFile("attachment-1-", ".xlsx");
        Files.write(file, attachmentOne.filled(registry.requireFacility(new HospitalCode("10670")), people));
        return file;
    }

    private static Path signedScan() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph("signed letter scan"));
        document.close();
        Path file = Files.createTempFile("signed-", ".pdf");
        Files.write(file, out.toByteArray());
        return file;
    }

    private void upload(String inputId, Path file, String buttonId) {
        browser.driver().findElement(By.id(inputId)).sendKeys(file.toAbsolutePath().toString());
        browser.clickThrough(buttonId);
    }

    @Test
    void facilityFilesProvinceForwardsRegionApprovesAndThePersonIsEmailed() throws Exception {
        RequestedPerson nurse = person("มาลี", DataCenterRole.E_CLAIM);
        RequestedPerson admin = person("สุดา", DataCenterRole.KTB_WALLET_USER);

        browser.logIn("facility", "facility");
        browser.open("/access-requests");
        browser.clickThrough("new-request");
        assertThat(browser.text("case-status")).isEqualTo("กำลังจัดทำ");
        String casePath = browser.currentPath();

        upload("attachment", excel(List.of(nurse, admin)), "upload-attachment");
        assertThat(browser.text("people")).contains(nurse.nationalId(), "มาลี", admin.nationalId(), "KTB Health Wallet (User)");
        browser.type("reference", "ขก 0033.1/245");
        browser.clickThrough("save-reference");
        assertThat(browser.text("letter-reference")).isEqualTo("ขก 0033.1/245");
        assertThat(browser.driver().findElement(By.id("download-letter")).getAttribute("href")).endsWith("/letter.pdf");
        upload("scan", signedScan(), "upload-scan");
        assertThat(browser.text("scan-state")).isEqualTo("แนบแล้ว");
        browser.clickThrough("submit-request");
        assertThat(browser.text("case-status")).isEqualTo("รอจังหวัดตรวจสอบ");
        browser.screenshot("access-request-submitted");

        browser.driver().manage().deleteAllCookies();
        browser.logIn("province", "province");
        browser.open(casePath);
        assertThat(browser.driver().findElement(By.id("download-zip")).getAttribute("href")).endsWith("/package.zip");
        // the process diagram marks the step the request is at: the province's verification
        browser.waitFor(By.cssSelector("#diagram-canvas [data-element-id='Task_VerifyRequest'].current-step"));
        browser.clickThrough("forward");
        assertThat(browser.text("case-status")).isEqualTo("รอ สปสช. เขตอนุมัติ");

        browser.driver().manage().deleteAllCookies();
        browser.logIn("region", "region");
        browser.open(casePath);
        browser.clickThrough("approve");
        assertThat(browser.text("case-status")).isEqualTo("กำลังสร้างบัญชี");

        String requestId = casePath.substring(casePath.lastIndexOf('/') + 1);
        String process = runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess").processInstanceBusinessKey(requestId).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(process).singleResult().getId());
        browser.open(casePath);
        assertThat(browser.text("case-status")).isEqualTo("สร้างบัญชีเรียบร้อย");
        assertThat(browser.text("people")).contains("สร้างบัญชีและแจ้งทางอีเมลแล้ว");
        browser.screenshot("access-request-done");

        new MailDelivery(jdbc, LocalSmtp.sender(smtp.getSmtp().getPort()), Clock.systemUTC()).deliver();
        List<MimeMessage> toNurse = List.of(smtp.getReceivedMessagesForDomain("rpst.example")).stream()
                .filter(m -> recipient(m).equals(nurse.email())).toList();
        assertThat(toNurse).hasSize(1);
        assertThat(toNurse.get(0).getSubject()).isEqualTo("บัญชีผู้ใช้งานระบบ Data Center ของ สปสช. พร้อมใช้งาน");
        assertThat(toNurse.get(0).getContent().toString()).contains(nurse.nationalId(), "รหัสผ่านชั่วคราว", "E-Claim");
    }

    @Test
    void anAttachmentWithMistakesIsRefusedWholeWithEveryProblemByRowAndColumn() throws Exception {
        RequestedPerson good = person("ดีงาม", DataCenterRole.E_CLAIM);
        RequestedPerson badId = new RequestedPerson(TestIds.withBadCheckDigit(TestIds.nextThai()), "นาย", "ผิดพลาด", "ทดสอบ",
                "พยาบาล", "not-an-email", "0812345678", EnumSet.of(DataCenterRole.E_CLAIM));
        browser.logIn("facility", "facility");
        browser.open("/access-requests");
        browser.clickThrough("new-request");
        upload("attachment", excel(List.of(good, badId)), "upload-attachment");

        String problems = browser.text("row-problems");
        assertThat(problems).contains("แถว 6", "เลขประจำตัวประชาชน", "อีเมล");
        assertThat(browser.text("problem")).contains("เอกสารแนบ 1");
        assertThat(browser.text("people")).doesNotContain(good.nationalId());
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
