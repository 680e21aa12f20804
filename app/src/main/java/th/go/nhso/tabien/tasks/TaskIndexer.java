package th.go.nhso.tabien.tasks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Province;
import th.go.nhso.tabien.registry.Registry;

/**
 * Keeps {@code task_index} in step with the engine: a built-in listener on every user task
 * of every model (see {@link TaskIndexPlugin}) that writes one row when a task is created,
 * follows its assignee and due date, and removes it when the task is completed or deleted.
 * It runs inside the engine's command, so the row and the task commit or roll back together.
 * <p>
 * The task's area comes from its candidate group and, when the process has one, the
 * {@value #FACILITY_CODE} variable (the facility the case is about).
 */
@Component
public class TaskIndexer implements TaskListener {

    /** The process variable a model sets when its tasks are about one facility. */
    public static final String FACILITY_CODE = "facilityCode";

    private final JdbcClient jdbc;
    private final Registry registry;

    public TaskIndexer(JdbcClient jdbc, Registry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> insert(task);
            // the assignment event can come before create; then the insert carries the assignee
            case EVENTNAME_ASSIGNMENT -> jdbc.sql("update task_index set assignee = :assignee where task_id = :id")
                    .param("assignee", task.getAssignee()).param("id", task.getId()).update();
            case EVENTNAME_UPDATE -> jdbc.sql("""
                            update task_index set assignee = :assignee, due = :due, task_name = :name where task_id = :id
                            """)
                    .param("assignee", task.getAssignee()).param("due", utc(task.getDueDate()))
                    .param("name", task.getName()).param("id", task.getId()).update();
            case EVENTNAME_COMPLETE, EVENTNAME_DELETE -> remove(task.getId());
            default -> {
                // timeout listeners are not registered
            }
        }
    }

    void remove(String taskId) {
        jdbc.sql("delete from task_index where task_id = :id").param("id", taskId).update();
    }

    private void insert(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String processKey = null;
        String processName = null;
        String businessKey = null;
        Object facilityVariable = null;
        if (execution instanceof ExecutionEntity entity) {
            ProcessDefinitionEntity definition = entity.getProcessDefinition();
            processKey = definition.getKey();
            processName = definition.getName();
            businessKey = entity.getProcessBusinessKey();
            facilityVariable = entity.getVariable(FACILITY_CODE);
        }
        String candidateGroup = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
                .sorted(Comparator.comparing((String g) -> CandidateGroup.parse(g).isEmpty()).thenComparing(g -> g))
                .findFirst().orElse(null);
        String formKey = formKeyOf(task);
        write(new Row(task.getId(), task.getProcessInstanceId(),
                processKey == null ? keyOf(task.getProcessDefinitionId()) : processKey, processName,
                task.getTaskDefinitionKey(), task.getName(), formKey, businessKey,
                facilityVariable == null ? null : facilityVariable.toString(), candidateGroup, task.getAssignee(),
                utc(task.getCreateTime()), utc(task.getDueDate())));
    }

    /** Writes one task's row, its area worked out from the candidate group and the facility. */
    void write(Row row) {
        Optional<CandidateGroup> group = CandidateGroup.parse(row.candidateGroup());
        Area.Level level = group.map(CandidateGroup::level).orElse(null);
        // the group's own level always carries the group's code, so its members find the task
        String facilityCode = level == Area.Level.FACILITY ? group.get().code() : row.facilityCode();
        Optional<Facility> facility = facilityCode == null ? Optional.empty() : registry.findFacility(facilityCode);
        String provinceCode = facility.map(Facility::provinceCode).orElse(null);
        Integer region = facility.map(Facility::region).orElse(null);
        if (level == Area.Level.PROVINCE) {
            provinceCode = group.get().code();
            region = registry.findProvince(provinceCode).map(Province::region).orElse(region);
        }
        if (level == Area.Level.REGION) {
            region = Integer.valueOf(group.get().code());
        }
        jdbc.sql("""
                        insert into task_index (task_id, process_instance_id, process_key, process_name, task_key, task_name,
                                                form_key, business_key, facility_code, province_code, region, candidate_group,
                                                candidate_level, assignee, created, due)
                        values (:id, :instance, :processKey, :processName, :taskKey, :taskName, :formKey, :businessKey,
                                :facility, :province, :region, :group, :level, :assignee, :created, :due)
                        """)
                .param("id", row.taskId()).param("instance", row.processInstanceId())
                .param("processKey", row.processKey()).param("processName", row.processName())
                .param("taskKey", row.taskKey()).param("taskName", row.taskName()).param("formKey", row.formKey())
                .param("businessKey", row.businessKey())
                .param("facility", facilityCode != null && facilityCode.length() <= 5 ? facilityCode : null)
                .param("province", provinceCode).param("region", region)
                .param("group", row.candidateGroup()).param("level", group.map(g -> g.level().name()).orElse(null))
                .param("assignee", row.assignee()).param("created", row.created() == null ? OffsetDateTime.now(ZoneOffset.UTC) : row.created())
                .param("due", row.due())
                .update();
    }

    private static String formKeyOf(DelegateTask task) {
        if (task instanceof org.camunda.bpm.engine.impl.persistence.entity.TaskEntity entity
                && entity.getTaskDefinition() != null && entity.getTaskDefinition().getFormKey() != null) {
            return entity.getTaskDefinition().getFormKey().getExpressionText();
        }
        return null;
    }

    private static String keyOf(String processDefinitionId) {
        if (processDefinitionId == null) {
            return "?";
        }
        int colon = processDefinitionId.indexOf(':');
        return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
    }

    static OffsetDateTime utc(Date date) {
        return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }

    /** What the index keeps of one open task, before its area is worked out. */
    record Row(String taskId, String processInstanceId, String processKey, String processName, String taskKey,
               String taskName, String formKey, String businessKey, String facilityCode, String candidateGroup,
               String assignee, OffsetDateTime created, OffsetDateTime due) {
    }
}
