package th.go.nhso.tabien;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import th.go.nhso.tabien.support.TabienTest;

/**
 * Every model under processes/ is deployed, keeps its history for a set time, uses IDs that
 * read like the business, and binds only to beans that exist.
 */
@TabienTest
class ProcessModelsTests {

    private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern GENERATED_ID = Pattern.compile(".*_[0-9a-z]{7}$");

    @Autowired RepositoryService repository;
    @Autowired HistoryService historyService;
    @Autowired ApplicationContext context;

    private static List<Resource> models(String pattern) throws IOException {
        return List.of(new PathMatchingResourcePatternResolver().getResources("classpath*:processes/" + pattern));
    }

    @Test
    void historyPastItsTimeToLiveIsRemovedEveryNight() {
        assertThat(historyService.findHistoryCleanupJobs()).as("the cleanup job is scheduled").isNotEmpty();
        assertThat(historyService.findHistoryCleanupJobs().get(0).getDuedate()).isNotNull();
    }

    @Test
    void everyBpmnModelIsDeployedWithAHistoryTimeToLive() throws IOException {
        List<Resource> files = models("*.bpmn");
        assertThat(files).isNotEmpty();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                BpmnModelInstance model = Bpmn.readModelFromStream(in);
                for (Process process : model.getModelElementsByType(Process.class)) {
                    assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
                    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(process.getId()).count())
                            .as("%s deployed", process.getId()).isPositive();
                    assertThat(file.getFilename()).isEqualTo(process.getId() + ".bpmn");
                }
            }
        }
    }

    @Test
    void everyDecisionIsDeployedWithAHistoryTimeToLive() throws IOException {
        for (Resource file : models("*.dmn")) {
            try (InputStream in = file.getInputStream()) {
                DmnModelInstance model = Dmn.readModelFromStream(in);
                for (Decision decision : model.getModelElementsByType(Decision.class)) {
                    assertThat(decision.getCamundaHistoryTimeToLiveString()).as(decision.getId()).isNotBlank();
                    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.getId()).count())
                            .as("%s deployed", decision.getId()).isPositive();
                }
            }
        }
    }

    @Test
    void everyDelegateExpressionNamesABeanAndNoIdIsGenerated() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Resource file : models("*.bpmn")) {
            String xml = new String(file.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher delegates = Pattern.compile("delegateExpression=\"([^\"]+)\"").matcher(xml);
            while (delegates.find()) {
                Matcher bean = BEAN_EXPRESSION.matcher(delegates.group(1));
                if (!bean.matches() || !context.containsBean(bean.group(1))) {
                    problems.add(file.getFilename() + ": no bean for " + delegates.group(1));
                }
            }
            try (InputStream in = file.getInputStream()) {
                for (BaseElement element : Bpmn.readModelFromStream(in).getModelElementsByType(BaseElement.class)) {
                    if (element.getId() != null && GENERATED_ID.matcher(element.getId()).matches()) {
                        problems.add(file.getFilename() + ": generated id " + element.getId());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
