package th.go.nhso.tabien.diagram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * A case's process diagram for its case page: the BPMN XML of the version the case runs on,
 * the steps it is at now, and what happened so far (step, start and end in BE, who). Knows no
 * process: a case is found by its process key and business key, and its area is read from the
 * variables every model sets ({@code facilityCode}, {@code facilityGroup} = facility:&lt;hcode&gt;,
 * {@code regionGroup} = region:&lt;n&gt;), then decided by {@link AreaPolicy}.
 */
@Component
public class ProcessDiagrams {

    static final String FACILITY_CODE = "facilityCode";
    static final String FACILITY_GROUP = "facilityGroup";
    static final String REGION_GROUP = "regionGroup";
    /**
     * Steps worth showing people: passing gateways and flows say nothing a reader needs (an
     * event-based gateway stays: the case waits there, e.g. "Registered or not?").
     */
    private static final Set<String> HIDDEN_TYPES = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
            "sequenceFlow", "multiInstanceBody");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final AreaPolicy areas;
    private final Registry registry;

    ProcessDiagrams(RepositoryService repository, RuntimeService runtime, HistoryService history, AreaPolicy areas,
                    Registry registry) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.areas = areas;
        this.registry = registry;
    }

    /**
     * The diagram of the newest case with this business key in this process.
     *
     * @throws TabienException 404 when there is no such case, 403 when it lies outside the user's area
     */
    public Diagram of(StaffUser user, String processKey, String businessKey, Locale locale) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                .orElseThrow(() -> TabienException.notFound("diagram.notFound", processKey, businessKey));
        requireArea(user, instance.getId());

        String xml;
        try (InputStream in = repository.getProcessModel(instance.getProcessDefinitionId())) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean running = instance.getEndTime() == null
                && runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0;
        List<String> current = running ? runtime.getActiveActivityIds(instance.getId()) : List.of();
        List<Step> steps = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .filter(a -> !HIDDEN_TYPES.contains(a.getActivityType()))
                .map(a -> step(a, locale))
                .toList();
        return new Diagram(instance.getId(), processKey, businessKey, xml, current, steps, !running);
    }

    private void requireArea(StaffUser user, String processInstanceId) {
        if (user.isAdmin()) {
            return;
        }
        Map<String, String> variables = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableNameIn(FACILITY_CODE, FACILITY_GROUP, REGION_GROUP).list()) {
            if (v.getValue() != null) {
                variables.put(v.getName(), v.getValue().toString());
            }
        }
        String facility = variables.get(FACILITY_CODE);
        if (facility == null && variables.getOrDefault(FACILITY_GROUP, "").startsWith("facility:")) {
            facility = variables.get(FACILITY_GROUP).substring("facility:".length());
        }
        if (facility != null) {
            boolean allowed = registry.findFacility(facility).map(f -> areas.mayAccess(user, f)).orElse(false);
            if (!allowed) {
                throw TabienException.forbidden("area.forbidden", facility);
            }
            return;
        }
        String regionGroup = variables.getOrDefault(REGION_GROUP, "");
        if (regionGroup.startsWith("region:") && user.role() == Role.REGIONAL_APPROVER
                && regionGroup.substring("region:".length()).equals(String.valueOf(user.region()))) {
            return;
        }
        throw TabienException.forbidden("diagram.forbidden");
    }

    private static Step step(HistoricActivityInstance a, Locale locale) {
        return new Step(a.getActivityId(), a.getActivityName() == null ? a.getActivityId() : a.getActivityName(),
                a.getActivityType(), format(a.getStartTime(), locale), format(a.getEndTime(), locale),
                a.getAssignee(), a.getEndTime() == null && !a.isCanceled());
    }

    private static String format(Date time, Locale locale) {
        return time == null ? "" : ThaiDates.format(OffsetDateTime.ofInstant(time.toInstant(), ThaiDates.BANGKOK), locale);
    }

    /** What the case page's viewer needs: the model, the current steps to mark, the history beside it. */
    public record Diagram(String processInstanceId, String processKey, String businessKey, String xml,
                          List<String> currentActivityIds, List<Step> history, boolean ended) {
    }

    /** One step of the history: its name, start and end (BE in Thai), who did it, whether it is open. */
    public record Step(String activityId, String name, String type, String started, String ended, String who,
                       boolean open) {
    }
}
