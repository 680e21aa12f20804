package th.go.nhso.tabien.models;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.BilingualMessages.Bilingual;

/**
 * The deployed BPMN and DMN models and new versions of them uploaded by an admin (issue 7).
 * A new version is checked before it reaches the engine: it parses, it keeps its key (or is
 * declared new), it sets a history time to live, every delegate expression names a Spring
 * bean, no Java class or script is smuggled in, and every ID our code binds to in the current
 * version (activities, events with a trigger, message names; a decision's key and output
 * names) is still there. Nothing here knows a process package: what is bound is read from
 * the current version itself.
 */
@Service
public class ProcessModels {

    /** The deployment source of versions uploaded here, so they can be told from the application's own. */
    public static final String SOURCE = "tabien-models-page";
    static final String DEPLOYMENT_NAME = "tabien-admin";

    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("delegateExpression=\"([^\"]*)\"");
    private static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern FORBIDDEN = Pattern.compile("camunda:class=|<(bpmn:)?scriptTask|<camunda:script|camunda:resource=");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ApplicationContext beans;
    private final BilingualMessages messages;
    private final AuditTrail audit;
    private final DecisionExpressions expressions;

    ProcessModels(RepositoryService repository, RuntimeService runtime, ApplicationContext beans,
                  BilingualMessages messages, AuditTrail audit, DecisionExpressions expressions) {
        this.expressions = expressions;
        this.repository = repository;
        this.runtime = runtime;
        this.beans = beans;
        this.messages = messages;
        this.audit = audit;
    }

    public enum Kind { BPMN, DMN }

    /** Every deployed model by key, newest version first, with running instances and open incidents per version. */
    public List<DeployedModel> deployed() {
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        List<DeployedModel> models = new ArrayList<>();
        Map<String, List<ProcessDefinition>> processes = repository.createProcessDefinitionQuery()
                .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().desc().list().stream()
                .collect(Collectors.groupingBy(ProcessDefinition::getKey, LinkedHashMap::new, Collectors.toList()));
        processes.forEach((key, versions) -> models.add(new DeployedModel(Kind.BPMN, key, versions.get(0).getName(),
                versions.stream().map(d -> new Version(d.getId(), d.getVersion(), d.getDeploymentId(),
                        deployedAt(deployments, d.getDeploymentId()), uploaded(deployments, d.getDeploymentId()),
                        runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                        runtime.createIncidentQuery().processDefinitionId(d.getId()).count())).toList())));
        Map<String, List<DecisionDefinition>> decisions = repository.createDecisionDefinitionQuery()
                .orderByDecisionDefinitionKey().asc().orderByDecisionDefinitionVersion().desc().list().stream()
                .collect(Collectors.groupingBy(DecisionDefinition::getKey, LinkedHashMap::new, Collectors.toList()));
        decisions.forEach((key, versions) -> models.add(new DeployedModel(Kind.DMN, key, versions.get(0).getName(),
                versions.stream().map(d -> new Version(d.getId(), d.getVersion(), d.getDeploymentId(),
                        deployedAt(deployments, d.getDeploymentId()), uploaded(deployments, d.getDeploymentId()),
                        -1, -1)).toList())));
        return models;
    }

    /** The XML of one deployed version, to edit in Camunda Modeler. */
    public Resource xml(Kind kind, String definitionId) {
        if (kind == Kind.BPMN) {
            ProcessDefinition d = repository.getProcessDefinition(definitionId);
            return new Resource(fileName(d.getResourceName()), readAll(repository.getProcessModel(definitionId)));
        }
        DecisionDefinition d = repository.getDecisionDefinition(definitionId);
        return new Resource(fileName(d.getResourceName()), readAll(repository.getDecisionModel(definitionId)));
    }

    /** The largest model file taken: Tabien's own models are under 100 KB, and a model is parsed as a whole (DOM). */
    public static final long MAX_BYTES = 2L * 1024 * 1024;

    /** The refusal of a file over {@link #MAX_BYTES}, told from its size alone, before it is read. */
    public Check tooLarge(String fileName) {
        return Check.refused(fileName, null, problem("models.tooLarge", fileName, MAX_BYTES / (1024 * 1024) + " MB"));
    }

    /** Checks an uploaded file against the current versions without deploying it. */
    public Check check(String fileName, byte[] content, boolean declaredNew) {
        if (content.length > MAX_BYTES) {
            return tooLarge(fileName);
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            return checkBpmn(fileName, content, declaredNew);
        }
        if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            return checkDmn(fileName, content, declaredNew);
        }
        return Check.refused(fileName, null, problem("models.unknownType", fileName));
    }

    /**
     * Deploys a checked file as a new version and, for a BPMN, moves the running instances of
     * the previous version onto it when Camunda's migration plan (equal activity IDs) validates.
     * An invalid file never reaches the engine.
     */
    public Result deploy(String username, String fileName, byte[] content, boolean declaredNew, boolean migrate) {
        Check check = check(fileName, content, declaredNew);
        if (!check.valid()) {
            return new Result(check, null, List.of());
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (String key : check.keys()) {
            if (check.kind() == Kind.BPMN) {
                ProcessDefinition d = latestProcess(key);
                if (d != null) {
                    previous.put(key, d.getId());
                }
            }
        }
        Deployment deployment;
        try {
            deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source(SOURCE)
                    .addInputStream(resourceName(check), new ByteArrayInputStream(content)).deploy();
        } catch (ProcessEngineException e) {
            return new Result(check.withProblem(problem("models.engineRefused", e.getMessage())), null, List.of());
        }
        List<Migration> migrations = new ArrayList<>();
        if (check.kind() == Kind.BPMN && migrate) {
            for (Map.Entry<String, String> p : previous.entrySet()) {
                ProcessDefinition next = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                        .processDefinitionKey(p.getKey()).singleResult();
                migrations.add(migrate(repository.getProcessDefinition(p.getValue()), next));
            }
        }
        audit.record(username, "DEPLOY_MODEL", check.kind().name(), String.join(",", check.keys()),
                fileName + " deployment " + deployment.getId() + "; added " + check.added() + " removed " + check.removed()
                        + migrations.stream().map(m -> "; " + m.summary()).collect(Collectors.joining()));
        return new Result(check, deployment.getId(), migrations);
    }

    /** Moves the running instances of an older version to the latest version of its process. */
    public Migration migrateToLatest(String username, String definitionId) {
        ProcessDefinition from = repository.getProcessDefinition(definitionId);
        ProcessDefinition latest = latestProcess(from.getKey());
        Migration migration = migrate(from, latest);
        audit.record(username, "MIGRATE_INSTANCES", Kind.BPMN.name(), from.getKey(), migration.summary());
        return migration;
    }

    /** Moves the running instances of one version to another, as one transaction of the engine. */
    Migration migrate(ProcessDefinition from, ProcessDefinition to) {
        long running = runtime.createProcessInstanceQuery().processDefinitionId(from.getId()).count();
        if (running == 0 || from.getId().equals(to.getId())) {
            return new Migration(from.getKey(), from.getVersion(), to.getVersion(), 0, null);
        }
        try {
            MigrationPlan plan = runtime.createMigrationPlan(from.getId(), to.getId())
                    .mapEqualActivities().updateEventTriggers().build();
            runtime.newMigration(plan)
                    .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(from.getId()))
                    .execute();
            return new Migration(from.getKey(), from.getVersion(), to.getVersion(), running, null);
        } catch (MigrationPlanValidationException e) {
            return new Migration(from.getKey(), from.getVersion(), to.getVersion(), 0,
                    messages.resolve("models.migrationInvalid", e.getValidationReport().toString()));
        } catch (ProcessEngineException e) {
            return new Migration(from.getKey(), from.getVersion(), to.getVersion(), 0,
                    messages.resolve("models.migrationFailed", e.getMessage()));
        }
    }

    private Check checkBpmn(String fileName, byte[] content, boolean declaredNew) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (ModelException e) {
            return Check.refused(fileName, Kind.BPMN, problem("models.unparseable", fileName, rootMessage(e)));
        }
        List<Bilingual> problems = new ArrayList<>(commonXmlProblems(content));
        List<Process> processes = model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
        if (processes.isEmpty()) {
            problems.add(problem("models.noProcess", fileName));
        }
        List<String> keys = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        boolean anyNew = false;
        for (Process process : processes) {
            keys.add(process.getId());
            if (blank(process.getCamundaHistoryTimeToLiveString())) {
                problems.add(problem("models.noTtl", process.getId()));
            }
            Set<String> ids = bpmnIds(model);
            ProcessDefinition current = latestProcess(process.getId());
            if (current == null) {
                anyNew = true;
                if (!declaredNew) {
                    problems.add(problem("models.unknownKey", process.getId()));
                }
                added.addAll(ids);
                continue;
            }
            BpmnModelInstance currentModel = repository.getBpmnModelInstance(current.getId());
            Set<String> currentIds = bpmnIds(currentModel);
            added.addAll(difference(ids, currentIds));
            removed.addAll(difference(currentIds, ids));
            for (String bound : boundBpmnIds(currentModel)) {
                if (!ids.contains(bound)) {
                    problems.add(problem("models.removedBound", bound, process.getId(), current.getVersion()));
                }
            }
        }
        return new Check(fileName, Kind.BPMN, keys, anyNew, List.copyOf(added), List.copyOf(removed), problems);
    }

    private Check checkDmn(String fileName, byte[] content, boolean declaredNew) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (ModelException e) {
            return Check.refused(fileName, Kind.DMN, problem("models.unparseable", fileName, rootMessage(e)));
        }
        List<Bilingual> problems = new ArrayList<>(commonXmlProblems(content));
        expressions.problems(model).forEach(p -> problems.add(problem("models.badExpression", p.elementId(), p.text(), p.reason())));
        Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
        if (decisions.isEmpty()) {
            problems.add(problem("models.noDecision", fileName));
        }
        List<String> keys = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        Set<String> ids = dmnIds(model);
        boolean anyNew = false;
        Set<String> checkedAgainst = new LinkedHashSet<>();
        for (Decision decision : decisions) {
            keys.add(decision.getId());
            if (blank(decision.getCamundaHistoryTimeToLiveString())) {
                problems.add(problem("models.noTtl", decision.getId()));
            }
            DecisionDefinition current = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision.getId())
                    .latestVersion().singleResult();
            if (current == null) {
                anyNew = true;
                if (!declaredNew) {
                    problems.add(problem("models.unknownKey", decision.getId()));
                }
                continue;
            }
            if (!checkedAgainst.add(current.getDeploymentId() + "/" + current.getResourceName())) {
                continue;
            }
            DmnModelInstance currentModel = repository.getDmnModelInstance(current.getId());
            Set<String> currentIds = dmnIds(currentModel);
            added.addAll(difference(ids, currentIds));
            removed.addAll(difference(currentIds, ids));
            Set<String> bound = new LinkedHashSet<>();
            currentModel.getModelElementsByType(Decision.class).forEach(d -> bound.add(d.getId()));
            currentModel.getModelElementsByType(Output.class).forEach(o -> bound.add("output " + o.getName()));
            for (String b : bound) {
                if (!ids.contains(b)) {
                    problems.add(problem("models.removedBound", b, decision.getId(), current.getVersion()));
                }
            }
        }
        if (anyNew && keys.size() == decisions.size() && checkedAgainst.isEmpty()) {
            added.addAll(ids);
        }
        return new Check(fileName, Kind.DMN, keys, anyNew, List.copyOf(added), List.copyOf(removed), problems);
    }

    /** Delegate expressions must name a bean; classes, scripts and external resources are refused. */
    private List<Bilingual> commonXmlProblems(byte[] content) {
        String xml = new String(content, StandardCharsets.UTF_8);
        List<Bilingual> problems = new ArrayList<>();
        Matcher delegates = DELEGATE_EXPRESSION.matcher(xml);
        while (delegates.find()) {
            Matcher bean = BEAN.matcher(delegates.group(1));
            if (!bean.matches() || !beans.containsBean(bean.group(1))) {
                problems.add(problem("models.noBean", delegates.group(1)));
            }
        }
        Matcher forbidden = FORBIDDEN.matcher(xml);
        if (forbidden.find()) {
            problems.add(problem("models.forbidden", forbidden.group().replace("=", "")));
        }
        return problems;
    }

    /** The element IDs a diff shows: flow nodes and message names. */
    private static Set<String> bpmnIds(BpmnModelInstance model) {
        Set<String> ids = new TreeSet<>();
        model.getModelElementsByType(FlowNode.class).forEach(n -> ids.add(n.getId()));
        model.getModelElementsByType(Message.class).forEach(m -> ids.add("message " + m.getName()));
        return ids;
    }

    /**
     * What code may bind to: every activity (task keys, service tasks, call activities,
     * sub-processes), every event with a trigger (timers, messages, errors; boundary events)
     * and every message name.
     */
    private static Set<String> boundBpmnIds(BpmnModelInstance model) {
        Set<String> ids = new TreeSet<>();
        model.getModelElementsByType(Activity.class).forEach(a -> ids.add(a.getId()));
        model.getModelElementsByType(BoundaryEvent.class).forEach(e -> ids.add(e.getId()));
        model.getModelElementsByType(CatchEvent.class).stream().filter(e -> !e.getEventDefinitions().isEmpty())
                .forEach(e -> ids.add(e.getId()));
        model.getModelElementsByType(ThrowEvent.class).stream().filter(e -> !e.getEventDefinitions().isEmpty())
                .forEach(e -> ids.add(e.getId()));
        model.getModelElementsByType(Message.class).forEach(m -> ids.add("message " + m.getName()));
        return ids;
    }

    /** The element IDs a diff shows for a decision table: decisions, inputs, outputs (by name too) and rules. */
    private static Set<String> dmnIds(DmnModelInstance model) {
        Set<String> ids = new TreeSet<>();
        model.getModelElementsByType(Decision.class).forEach(d -> ids.add(d.getId()));
        model.getModelElementsByType(Input.class).forEach(i -> ids.add(i.getId()));
        model.getModelElementsByType(Output.class).forEach(o -> {
            ids.add(o.getId());
            ids.add("output " + o.getName());
        });
        model.getModelElementsByType(Rule.class).forEach(r -> ids.add(r.getId()));
        return ids;
    }

    private String resourceName(Check check) {
        String key = check.keys().get(0);
        String current = null;
        if (check.kind() == Kind.BPMN) {
            ProcessDefinition d = latestProcess(key);
            current = d == null ? null : d.getResourceName();
        } else {
            DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
            current = d == null ? null : d.getResourceName();
        }
        if (current != null) {
            return current;
        }
        return key.replaceAll("[^A-Za-z0-9_-]", "_") + (check.kind() == Kind.BPMN ? ".bpmn" : ".dmn");
    }

    private ProcessDefinition latestProcess(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private Bilingual problem(String code, Object... args) {
        return messages.resolve(code, args);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static Instant deployedAt(Map<String, Deployment> deployments, String id) {
        Deployment d = deployments.get(id);
        return d == null || d.getDeploymentTime() == null ? null : d.getDeploymentTime().toInstant();
    }

    private static boolean uploaded(Map<String, Deployment> deployments, String id) {
        Deployment d = deployments.get(id);
        return d != null && SOURCE.equals(d.getSource());
    }

    private static String fileName(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public record DeployedModel(Kind kind, String key, String name, List<Version> versions) {
        public Version latest() {
            return versions.get(0);
        }
    }

    /** One version; running and incidents are -1 for decisions, which have no instances. */
    public record Version(String definitionId, int version, String deploymentId, Instant deployedAt, boolean uploaded,
                         long running, long incidents) {
    }

    public record Resource(String fileName, byte[] content) {
    }

    /** The outcome of checking a file: its keys, the diff of element IDs against the current version, the problems. */
    public record Check(String fileName, Kind kind, List<String> keys, boolean newModel, List<String> added,
                        List<String> removed, List<Bilingual> problems) {
        static Check refused(String fileName, Kind kind, Bilingual problem) {
            return new Check(fileName, kind, List.of(), false, List.of(), List.of(), List.of(problem));
        }

        Check withProblem(Bilingual problem) {
            List<Bilingual> all = new ArrayList<>(problems);
            all.add(problem);
            return new Check(fileName, kind, keys, newModel, added, removed, all);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** What a migration did: how many instances moved, or why none did. */
    public record Migration(String key, int fromVersion, int toVersion, long migrated, Bilingual problem) {
        String summary() {
            return problem == null ? key + " v" + fromVersion + "->v" + toVersion + ": " + migrated + " migrated"
                    : key + " v" + fromVersion + "->v" + toVersion + ": not migrated (" + problem.en() + ")";
        }
    }

    /** A deployment attempt: the check, the deployment made (null when refused) and the migrations run. */
    public record Result(Check check, String deploymentId, List<Migration> migrations) {
        public boolean deployed() {
            return deploymentId != null;
        }
    }
}
