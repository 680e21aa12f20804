package th.go.nhso.tabien.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/**
 * A one-task model deployed beside the real ones ({@value #PROCESS}: candidate group and
 * {@code facilityCode} from variables, formKey {@code access/verify}), accounts in chosen
 * areas, and a way to read a whole tab. Business keys carry a prefix per test so tests of
 * the shared application context never see each other's tasks.
 */
final class TaskFixtures {

    static final String PROCESS = "TaskListTestProcess";
    static final String TASK = "Task_CheckSomething";

    private final ProcessEngine engine;
    private final AccountDirectory accounts;
    private final TaskList taskList;
    final String prefix = "T" + UUID.randomUUID().toString().substring(0, 8) + "-";

    TaskFixtures(ProcessEngine engine, AccountDirectory accounts, TaskList taskList) {
        this.engine = engine;
        this.accounts = accounts;
        this.taskList = taskList;
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("Task list test").camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask(TASK).name("Check something").camundaFormKey("access/verify")
                .camundaCandidateGroups("${group}").camundaDueDate("${due}")
                .endEvent().done();
        engine.getRepositoryService().createDeployment().name("task-list-test").enableDuplicateFiltering(true)
                .addModelInstance(PROCESS + ".bpmn", model).deploy();
    }

    /** Starts a case whose one task has this candidate group, facility (may be null) and due date. */
    Task start(String name, String group, String facilityCode, Duration dueIn) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("group", group);
        variables.put("due", Date.from(Instant.now().plus(dueIn)));
        if (facilityCode != null) {
            variables.put(TaskIndexer.FACILITY_CODE, facilityCode);
        }
        String instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS, prefix + name, variables).getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    }

    StaffUser account(String name, Role role, String hcode, String province, Integer region) {
        return accounts.createOrUpdate(new NewAccount(prefix + name, "1100000000024", name, null, role, hcode, province, region),
                "password-123").asStaffUser();
    }

    /** Business keys (without the prefix) of this test's tasks in a whole tab, all pages. */
    Set<String> names(StaffUser user, Tab tab) {
        return names(user, tab, new Filter(PROCESS, null, null, null));
    }

    Set<String> names(StaffUser user, Tab tab, Filter filter) {
        return rows(user, tab, filter).stream().map(TaskList.TaskRow::businessKey).filter(k -> k != null && k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).collect(Collectors.toSet());
    }

    List<TaskList.TaskRow> rows(StaffUser user, Tab tab, Filter filter) {
        List<TaskList.TaskRow> all = new ArrayList<>();
        TaskList.Page page = taskList.page(user, tab, filter, 1);
        all.addAll(page.rows());
        for (int n = 2; n <= page.pages(); n++) {
            all.addAll(taskList.page(user, tab, filter, n).rows());
        }
        return all;
    }
}
