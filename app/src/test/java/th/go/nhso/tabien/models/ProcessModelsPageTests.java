package th.go.nhso.tabien.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.support.TabienTest;

/**
 * /admin/models: a new version is checked before it reaches the engine, deployed when valid,
 * and the running instances move to it. Every deployment made here is deleted afterwards so
 * the shared engine stays as the other test classes expect it.
 */
@TabienTest
class ProcessModelsPageTests {

    static final String MIGRATION_KEY = "Test_ModelsMigration";

    @Autowired ProcessModels models;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired DecisionService decisions;
    @Autowired MockMvc mvc;
    @Autowired AccountDirectory accounts;

    @AfterEach
    void deleteWhatWasDeployed() {
        deleteUploadedDeployments(repository);
    }

    static void deleteUploadedDeployments(RepositoryService repository) {
        repository.createDeploymentQuery().deploymentSource(ProcessModels.SOURCE).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
    }

    static String model(String name) throws IOException {
        try (InputStream in = new ClassPathResource("processes/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** birth-nationality.dmn with one more rule: a Myanmar mother and a Myanmar father route THAI (a test-only rule). */
    static String changedBirthNationality() throws IOException {
        return model("birth-nationality.dmn").replace("      <rule id=\"Rule_NoThaiParent\">", """
                      <rule id="Rule_TestMyanmarParents">
                        <description>Test-only rule</description>
                        <inputEntry id="Entry_TestMyanmar_Mother"><text>"MMR"</text></inputEntry>
                        <inputEntry id="Entry_TestMyanmar_Father"><text>"MMR"</text></inputEntry>
                        <outputEntry id="Output_TestMyanmar"><text>"THAI"</text></outputEntry>
                      </rule>
                      <rule id="Rule_NoThaiParent">""");
    }

    String route(String mother, String father) {
        return decisions.evaluateDecisionTableByKey("birth-nationality", Variables.createVariables()
                .putValue("motherNationality", mother).putValue("fatherNationality", father)).getSingleResult().getSingleEntry();
    }

    UserDetails admin() {
        return Principals.of(accounts.find("admin").orElseThrow());
    }

    static String reviewProcess(boolean withConfirmation) {
        var builder = Bpmn.createExecutableProcess(MIGRATION_KEY).name("Migration test").camundaHistoryTimeToLive(1)
                .startEvent("Event_Started").userTask("Task_Review").name("Review");
        var model = withConfirmation
                ? builder.userTask("Task_Confirm").name("Confirm").endEvent("Event_Done").done()
                : builder.endEvent("Event_Done").done();
        return Bpmn.convertToString(model);
    }

    @Test
    void aBpmnWithARemovedBoundIdIsRefusedWithAClearMessage() throws Exception {
        String renamed = model("AccessRequestProcess.bpmn").replace("Task_VerifyRequest", "Task_CheckRequest");
        long versions = repository.createProcessDefinitionQuery().processDefinitionKey("AccessRequestProcess").count();

        ProcessModels.Result result = models.deploy("admin", "AccessRequestProcess.bpmn", renamed.getBytes(StandardCharsets.UTF_8), false, true);

        assertThat(result.deployed()).isFalse();
        assertThat(result.check().problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith("Task_VerifyRequest หายไป").contains("Task_VerifyRequest removed"));
        assertThat(result.check().removed()).contains("Task_VerifyRequest");
        assertThat(result.check().added()).contains("Task_CheckRequest");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("AccessRequestProcess").count()).isEqualTo(versions);

        mvc.perform(multipart("/admin/models").file(new MockMultipartFile("file", "AccessRequestProcess.bpmn",
                                "application/xml", renamed.getBytes(StandardCharsets.UTF_8)))
                        .param("action", "deploy").with(csrf()).with(user(admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Task_VerifyRequest หายไป")))
                .andExpect(content().string(Matchers.containsString("Task_VerifyRequest removed")));
    }

    @Test
    void aDelegateExpressionWithoutABeanOrAJavaClassIsRefused() throws Exception {
        String xml = model("AccountUnlockProcess.bpmn");
        String noBean = xml.replaceFirst("delegateExpression=\"\\$\\{(\\w+)}\"", "delegateExpression=\"\\${noSuchDelegate}\"");
        assertThat(models.check("AccountUnlockProcess.bpmn", noBean.getBytes(StandardCharsets.UTF_8), false).problems())
                .extracting(Object::toString).anySatisfy(p -> assertThat(p).contains("${noSuchDelegate}"));

        String javaClass = xml.replaceFirst("camunda:delegateExpression=\"\\$\\{(\\w+)}\"", "camunda:class=\"java.lang.Runtime\"");
        assertThat(models.check("AccountUnlockProcess.bpmn", javaClass.getBytes(StandardCharsets.UTF_8), false).valid()).isFalse();
    }

    @Test
    void anUnknownKeyIsRefusedUnlessDeclaredNewAndAFileThatDoesNotParseIsRefused() {
        byte[] xml = reviewProcess(false).getBytes(StandardCharsets.UTF_8);
        assertThat(models.check("Test.bpmn", xml, false).problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains(MIGRATION_KEY).contains("does not exist yet"));
        assertThat(models.check("Test.bpmn", xml, true).valid()).isTrue();
        assertThat(models.check("Broken.dmn", "<definitions".getBytes(StandardCharsets.UTF_8), false).valid()).isFalse();
        assertThat(models.check("notes.txt", xml, true).valid()).isFalse();
    }

    @Test
    void aDecisionTableWhoseExpressionsTheEngineCannotCompileIsRefusedBeforeItCanFailAFiling() throws Exception {
        assertThat(models.check("entitlement-rules.dmn", model("entitlement-rules.dmn").getBytes(StandardCharsets.UTF_8), false)
                .problems()).as("the shipped tables compile").isEmpty();
        assertThat(models.check("birth-nationality.dmn", changedBirthNationality().getBytes(StandardCharsets.UTF_8), false)
                .problems()).isEmpty();

        // FEEL-Scala's equality in an input expression, which the engine evaluates as JUEL
        String feelScalaInput = model("entitlement-rules.dmn")
                .replace(" expressionLanguage=\"juel\"", "").replace("currentScheme == newScheme", "currentScheme = newScheme");
        assertThat(models.check("entitlement-rules.dmn", feelScalaInput.getBytes(StandardCharsets.UTF_8), false).problems())
                .extracting(Object::toString).singleElement().satisfies(p -> assertThat(p)
                        .contains("InputExpression_SameScheme", "currentScheme = newScheme", "ใช้ไม่ได้", "does not compile"));

        // a FEEL-Scala function in a rule entry, and an output entry declared FEEL
        String feelScalaEntries = changedBirthNationality()
                .replace("<inputEntry id=\"Entry_TestMyanmar_Mother\"><text>\"MMR\"</text>",
                        "<inputEntry id=\"Entry_TestMyanmar_Mother\"><text>starts with(?, \"MM\")</text>")
                .replace("<outputEntry id=\"Output_TestMyanmar\">", "<outputEntry id=\"Output_TestMyanmar\" expressionLanguage=\"feel\">");
        assertThat(models.check("birth-nationality.dmn", feelScalaEntries.getBytes(StandardCharsets.UTF_8), false).problems())
                .extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("Entry_TestMyanmar_Mother"))
                .anySatisfy(p -> assertThat(p).contains("Output_TestMyanmar", "only juel"))
                .hasSize(2);
    }

    @Test
    void aChangedDecisionTableDeploysAsANewVersionAndTheNewRuleApplies() throws Exception {
        assertThat(route("MMR", "MMR")).isEqualTo("FOREIGN");
        int before = repository.createDecisionDefinitionQuery().decisionDefinitionKey("birth-nationality").latestVersion()
                .singleResult().getVersion();

        ProcessModels.Result result = models.deploy("admin", "birth-nationality.dmn",
                changedBirthNationality().getBytes(StandardCharsets.UTF_8), false, true);

        assertThat(result.check().problems()).isEmpty();
        assertThat(result.deployed()).isTrue();
        assertThat(result.check().added()).containsExactly("Rule_TestMyanmarParents");
        assertThat(result.check().removed()).isEmpty();
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("birth-nationality").latestVersion()
                .singleResult().getVersion()).isEqualTo(before + 1);
        assertThat(route("MMR", "MMR")).isEqualTo("THAI");
        assertThat(route("THA", "")).isEqualTo("THAI");

        deleteUploadedDeployments(repository);
        assertThat(route("MMR", "MMR")).isEqualTo("FOREIGN");
    }

    @Test
    void runningInstancesOfThePreviousVersionMoveToTheNewOne() {
        ProcessModels.Result first = models.deploy("admin", "Test_ModelsMigration.bpmn",
                reviewProcess(false).getBytes(StandardCharsets.UTF_8), true, true);
        assertThat(first.deployed()).isTrue();
        ProcessInstance running = runtime.startProcessInstanceByKey(MIGRATION_KEY);

        ProcessModels.Result second = models.deploy("admin", "Test_ModelsMigration.bpmn",
                reviewProcess(true).getBytes(StandardCharsets.UTF_8), false, true);

        assertThat(second.deployed()).isTrue();
        assertThat(second.check().added()).containsExactly("Task_Confirm");
        assertThat(second.migrations()).singleElement().satisfies(m -> {
            assertThat(m.migrated()).isEqualTo(1);
            assertThat(m.problem()).isNull();
            assertThat(m.toVersion()).isEqualTo(m.fromVersion() + 1);
        });
        String latest = repository.createProcessDefinitionQuery().processDefinitionKey(MIGRATION_KEY).latestVersion().singleResult().getId();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).singleResult().getProcessDefinitionId())
                .isEqualTo(latest);
    }

    @Test
    void instancesLeftOnAnOlderVersionAreMigratedFromTheModelsPage() throws Exception {
        models.deploy("admin", "Test_ModelsMigration.bpmn", reviewProcess(false).getBytes(StandardCharsets.UTF_8), true, true);
        String first = repository.createProcessDefinitionQuery().processDefinitionKey(MIGRATION_KEY).latestVersion().singleResult().getId();
        ProcessInstance running = runtime.startProcessInstanceByKey(MIGRATION_KEY);
        ProcessModels.Result second = models.deploy("admin", "Test_ModelsMigration.bpmn",
                reviewProcess(true).getBytes(StandardCharsets.UTF_8), false, false);
        assertThat(second.migrations()).isEmpty();
        mvc.perform(get("/admin/models").with(user(admin())))
                .andExpect(content().string(Matchers.containsString("migrate-" + first)));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/admin/models/migration")
                        .param("definitionId", first).with(csrf()).with(user(admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("แล้ว 1 เรื่อง")));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).singleResult().getProcessDefinitionId())
                .isNotEqualTo(first);
    }

    @Test
    void theModelsPageListsVersionsWithRunningInstancesAndLinksToCockpit() throws Exception {
        mvc.perform(get("/admin/models").with(user(admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("BirthNotificationProcess")))
                .andExpect(content().string(Matchers.containsString("birth-nationality")))
                .andExpect(content().string(Matchers.containsString("/camunda/app/cockpit/default/")));
        mvc.perform(get("/admin/models").with(user(Principals.of(accounts.find("region").orElseThrow()))))
                .andExpect(status().isForbidden());
    }
}
