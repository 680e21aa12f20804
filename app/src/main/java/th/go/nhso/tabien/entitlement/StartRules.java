package th.go.nhso.tabien.entitlement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.registry.Scheme;

/**
 * What happens when a right starts while another is open: the DMN table
 * {@code processes/entitlement-rules.dmn} decides. There are only a few dozen pairs of
 * schemes, so each answer is kept until an admin deploys a new version of the table.
 */
@Component
class StartRules {

    static final String DECISION = "entitlement-start";

    enum Action { SAME, SUPERSEDE, CONFLICT }

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final Map<String, Action> answers = new ConcurrentHashMap<>();
    private volatile String decisionVersion = "";

    StartRules(DecisionService decisions, RepositoryService repository) {
        this.decisions = decisions;
        this.repository = repository;
    }

    /** Forgets the kept answers when the table has a new version; called once per chunk of rows. */
    void refresh() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
                .latestVersion().singleResult();
        if (!latest.getId().equals(decisionVersion)) {
            answers.clear();
            decisionVersion = latest.getId();
        }
    }

    Action decide(Scheme current, Scheme starting) {
        return answers.computeIfAbsent(current + ">" + starting, key -> Action.valueOf(decisions
                .evaluateDecisionTableByKey(DECISION, Variables.createVariables()
                        .putValue("currentScheme", current.name()).putValue("newScheme", starting.name()))
                .getSingleResult().getSingleEntry()));
    }
}
