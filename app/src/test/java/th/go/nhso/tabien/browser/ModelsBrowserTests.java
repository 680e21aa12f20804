package th.go.nhso.tabien.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import th.go.nhso.tabien.support.BrowserTestSupport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;

/** An admin tunes the processes in a real Chromium: a changed DMN deployed, a duration changed. */
@TabienTest
class ModelsBrowserTests extends BrowserTestSupport {

    @Autowired RepositoryService repository;
    @Autowired DecisionService decisions;
    @Autowired Settings settings;

    @AfterEach
    void restore() {
        repository.createDeploymentQuery().deploymentSource("tabien-models-page").list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
        settings.reset(DurationSetting.ACCESS_PROVINCE_DEADLINE);
    }

    @Test
    void anAdminUploadsAChangedDecisionTableSeesTheNewVersionListedAndTheNewRuleApplies() throws IOException {
        String xml;
        try (InputStream in = new ClassPathResource("processes/birth-nationality.dmn").getInputStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("      <rule id=\"Rule_NoThaiParent\">", """
                          <rule id="Rule_TestLaoParents">
                            <inputEntry id="Entry_TestLao_Mother"><text>"LAO"</text></inputEntry>
                            <inputEntry id="Entry_TestLao_Father"><text>"LAO"</text></inputEntry>
                            <outputEntry id="Output_TestLao"><text>"THAI"</text></outputEntry>
                          </rule>
                          <rule id="Rule_NoThaiParent">""");
        }
        Path file = Files.createTempDirectory("models").resolve("birth-nationality.dmn");
        Files.writeString(file, xml);
        int before = repository.createDecisionDefinitionQuery().decisionDefinitionKey("birth-nationality").latestVersion()
                .singleResult().getVersion();

        browser.logIn("admin", "admin");
        browser.clickThrough("nav-models");
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.clickThrough("check-button");
        assertThat(browser.text("check-valid")).isEqualTo("ไฟล์นี้ผ่านการตรวจ นำขึ้นใช้ได้");
        assertThat(browser.text("diff-added")).isEqualTo("Rule_TestLaoParents");

        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.clickThrough("deploy-button");
        assertThat(browser.text("deployed")).startsWith("นำ birth-nationality ขึ้นใช้แล้ว");
        assertThat(browser.text("latest-birth-nationality")).isEqualTo((before + 1) + " (จากหน้านี้)");
        // the next birth with two Lao parents takes the new rule (the business rule task uses the latest version)
        String route = decisions.evaluateDecisionTableByKey("birth-nationality", Variables.createVariables()
                .putValue("motherNationality", "LAO").putValue("fatherNationality", "LAO")).getSingleResult().getSingleEntry();
        assertThat(route).isEqualTo("THAI");
        browser.screenshot("models-deployed");
    }

    @Test
    void anAdminShortensTheProvinceDeadline() {
        browser.logIn("admin", "admin");
        browser.open("/admin/settings");
        browser.type("value-tabien.access.province-deadline", "ห้าสิบวัน").click("save-tabien.access.province-deadline");
        assertThat(browser.text("settings-problem")).contains("ไม่ใช่ระยะเวลาที่ใช้ได้", "is not a valid duration");

        browser.type("value-tabien.access.province-deadline", "2 วันทำการ").click("save-tabien.access.province-deadline");
        assertThat(browser.text("settings-changed")).contains("tabien.access.province-deadline");
        assertThat(browser.driver().findElement(By.cssSelector("#setting-tabien\\.access\\.province-deadline .value")).getText())
                .isEqualTo("2 working days");
        assertThat(settings.text(DurationSetting.ACCESS_PROVINCE_DEADLINE)).isEqualTo("2 working days");
        browser.screenshot("settings-changed");
    }
}
