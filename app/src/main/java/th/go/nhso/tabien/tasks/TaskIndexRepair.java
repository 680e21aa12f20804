package th.go.nhso.tabien.tasks;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At start-up, brings {@code task_index} level with the engine's open tasks: indexes tasks
 * created before the index existed (or by a path without the listener, e.g. a standalone
 * task) and drops rows of tasks that are gone. So no open task is missing from the lists.
 */
@Component
class TaskIndexRepair {

    private static final Logger log = LoggerFactory.getLogger(TaskIndexRepair.class);

    private final JdbcClient jdbc;
    private final TaskIndexer indexer;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;

    TaskIndexRepair(JdbcClient jdbc, TaskIndexer indexer, TaskService tasks, RuntimeService runtime,
                    RepositoryService repository) {
        this.jdbc = jdbc;
        this.indexer = indexer;
        this.tasks = tasks;
        this.runtime = runtime;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void repair() {
        int dropped = jdbc.sql("delete from task_index i where not exists (select 1 from ACT_RU_TASK t where t.ID_ = i.task_id)")
                .update();
        List<String> missing = jdbc.sql("""
                        select t.ID_ from ACT_RU_TASK t where not exists (select 1 from task_index i where i.task_id = t.ID_)
                        """)
                .query(String.class).list();
        missing.forEach(this::index);
        if (dropped > 0 || !missing.isEmpty()) {
            log.info("Task index repaired: {} rows of finished tasks dropped, {} open tasks added", dropped, missing.size());
        }
    }

    private void index(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            return;
        }
        String processKey = "standalone";
        String processName = null;
        String businessKey = null;
        Object facility = null;
        if (task.getProcessInstanceId() != null) {
            ProcessDefinition definition = repository.getProcessDefinition(task.getProcessDefinitionId());
            processKey = definition.getKey();
            processName = definition.getName();
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .singleResult();
            businessKey = instance == null ? null : instance.getBusinessKey();
            facility = runtime.getVariable(task.getExecutionId(), TaskIndexer.FACILITY_CODE);
        }
        String group = tasks.getIdentityLinksForTask(taskId).stream().map(IdentityLink::getGroupId)
                .filter(Objects::nonNull).sorted().filter(g -> CandidateGroup.parse(g).isPresent()).findFirst()
                .orElse(null);
        indexer.write(new TaskIndexer.Row(task.getId(), task.getProcessInstanceId(), processKey, processName,
                task.getTaskDefinitionKey() == null ? "standalone" : task.getTaskDefinitionKey(), task.getName(),
                task.getFormKey(), businessKey, facility == null ? null : facility.toString(), group, task.getAssignee(),
                TaskIndexer.utc(task.getCreateTime()), TaskIndexer.utc(task.getDueDate())));
    }
}
