package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.support.TabienTest;

/** The engine itself resolving "N working days" in a task due date and in a boundary timer. */
@TabienTest
class WorkingDayBusinessCalendarTests {

    private static final String PROCESS = "Test_WorkingDayDeadline";

    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;

    @BeforeEach
    void deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_VerifyRequest").camundaDueDate("6 working days")
                .boundaryEvent("Event_Reminder").cancelActivity(false).timerWithDuration("${reminderAfter}")
                .endEvent()
                .moveToActivity("Task_VerifyRequest")
                .endEvent()
                .done();
        repository.createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy();
        // Friday 24 March 2566, 10:00 in Bangkok: the day the seed's province deadline starts
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(LocalDateTime.of(2023, 3, 24, 10, 0), ThaiDates.BANGKOK).toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        repository.createDeploymentQuery().list().stream()
                .filter(d -> repository.createProcessDefinitionQuery().deploymentId(d.getId()).processDefinitionKey(PROCESS).count() > 0)
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
    }

    private static Date bangkok(int year, int month, int day, int hour, int minute) {
        return Date.from(ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), ThaiDates.BANGKOK).toInstant());
    }

    @Test
    void taskDueDateCountsThaiWorkingDays() {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, java.util.Map.of("reminderAfter", "4 working days"));
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getDueDate()).isEqualTo(bangkok(2023, 4, 3, 16, 30));
    }

    @Test
    void timerDurationCountsThaiWorkingDays() {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, java.util.Map.of("reminderAfter", "4 วันทำการ"));
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        // Mon 27, Tue 28, Wed 29, Thu 30 March
        assertThat(timer.getDuedate()).isEqualTo(bangkok(2023, 3, 30, 16, 30));
    }

    @Test
    void isoDurationsStillWorkAsBefore() {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, java.util.Map.of("reminderAfter", "P2D"));
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(bangkok(2023, 3, 26, 10, 0));
    }
}
