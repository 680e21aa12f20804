package th.go.nhso.tabien.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.BilingualMessages.Bilingual;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.tasks.TaskList.DueState;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/** The task list on the whole application: area scoping, claim / unclaim / hand-over, and the index following the engine. */
@TabienTest
class TaskListTests {

    @Autowired ProcessEngine engine;
    @Autowired AccountDirectory accounts;
    @Autowired TaskList taskList;
    @Autowired JdbcClient jdbc;
    @Autowired BilingualMessages messages;
    @Autowired MockMvc mvc;
    @Autowired TaskIndexRepair repair;
    @Autowired PlatformTransactionManager transactions;

    TaskFixtures fx;
    StaffUser staff10670;
    StaffUser staff10997;
    StaffUser khonKaen;
    StaffUser khonKaen2;
    StaffUser kalasin;
    StaffUser roiEt;
    StaffUser region7;
    StaffUser admin;

    @BeforeEach
    void areas() {
        fx = new TaskFixtures(engine, accounts, taskList);
        staff10670 = fx.account("staff-10670", Role.FACILITY_STAFF, "10670", null, null);
        staff10997 = fx.account("staff-10997", Role.FACILITY_STAFF, "10997", null, null);
        khonKaen = fx.account("prov-40", Role.PROVINCIAL_APPROVER, null, "40", null);
        khonKaen2 = fx.account("prov-40b", Role.PROVINCIAL_APPROVER, null, "40", null);
        kalasin = fx.account("prov-46", Role.PROVINCIAL_APPROVER, null, "46", null);
        roiEt = fx.account("prov-45", Role.PROVINCIAL_APPROVER, null, "45", null);
        region7 = fx.account("region-7", Role.REGIONAL_APPROVER, null, null, 7);
        admin = fx.account("admin", Role.ADMIN, null, null, null);
    }

    @Test
    void eachUserSeesExactlyTheTasksOfTheirGroupInTheirArea() {
        fx.start("facility-10670", "facility:10670", null, Duration.ofDays(10));
        fx.start("province-40", "province:40", "10997", Duration.ofDays(10));
        fx.start("province-46", "province:46", "10709", Duration.ofDays(10));
        fx.start("region-7-facility", "region:7", "10670", Duration.ofDays(10));
        fx.start("region-7-only", "region:7", null, Duration.ofDays(10));

        assertThat(fx.names(staff10670, Tab.GROUP)).containsExactly("facility-10670");
        assertThat(fx.names(staff10997, Tab.GROUP)).isEmpty();
        assertThat(fx.names(khonKaen, Tab.GROUP)).containsExactly("province-40");
        assertThat(fx.names(kalasin, Tab.GROUP)).containsExactly("province-46");
        assertThat(fx.names(roiEt, Tab.GROUP)).as("another province sees none").isEmpty();
        assertThat(fx.names(region7, Tab.GROUP)).containsExactlyInAnyOrder("region-7-facility", "region-7-only");
        assertThat(fx.names(admin, Tab.GROUP)).containsExactlyInAnyOrder("facility-10670", "province-40", "province-46",
                "region-7-facility", "region-7-only");
        assertThat(fx.names(region7, Tab.GROUP, new Filter(TaskFixtures.PROCESS, "10670", null, null)))
                .containsExactly("region-7-facility");
        assertThat(fx.names(khonKaen, Tab.MINE)).isEmpty();
    }

    @Test
    void rowsCarryTheAreaTheCasePageAndTheDueState() {
        Task overdue = fx.start("overdue", "province:40", "10997", Duration.ofDays(-3));
        fx.start("later", "province:40", "10997", Duration.ofDays(30));

        TaskList.TaskRow row = taskList.find(overdue.getId()).orElseThrow();
        assertThat(row.facilityCode()).isEqualTo("10997");
        assertThat(row.provinceCode()).isEqualTo("40");
        assertThat(row.region()).isEqualTo(7);
        assertThat(row.candidateGroup()).isEqualTo("province:40");
        assertThat(row.caseUrl()).isEqualTo("/access-requests/" + fx.prefix + "overdue");
        assertThat(row.dueState()).isEqualTo(DueState.OVERDUE);
        assertThat(row.workingDaysLeft()).isLessThanOrEqualTo(0);

        assertThat(fx.names(khonKaen, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, null, DueState.OVERDUE))).containsExactly("overdue");
        assertThat(fx.names(khonKaen, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, null, DueState.LATER))).containsExactly("later");
        var rows = fx.rows(khonKaen, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, null, null));
        assertThat(rows.get(0).businessKey()).as("sorted by due date").isEqualTo(fx.prefix + "overdue");
    }

    @Test
    void claimUnclaimAndHandOverStayInsideTheArea() {
        Task task = fx.start("claim", "province:40", "10997", Duration.ofDays(10));

        assertThatThrownBy(() -> taskList.claim(kalasin, task.getId()))
                .isInstanceOfSatisfying(TabienException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("tasks.notYourArea");
                    Bilingual text = messages.resolve(e);
                    assertThat(text.th()).contains("นอกกลุ่มหรือพื้นที่").contains(fx.prefix + "claim");
                    assertThat(text.en()).contains("outside your group or area");
                });
        assertThatThrownBy(() -> taskList.claim(staff10997, task.getId())).isInstanceOf(TabienException.class);

        taskList.claim(khonKaen, task.getId());
        assertThat(fx.names(khonKaen, Tab.MINE)).containsExactly("claim");
        assertThat(fx.names(khonKaen, Tab.GROUP)).doesNotContain("claim");
        assertThat(assigneeInIndex(task)).isEqualTo(khonKaen.username());
        assertThatThrownBy(() -> taskList.claim(khonKaen2, task.getId()))
                .isInstanceOfSatisfying(TabienException.class, e -> assertThat(e.code()).isEqualTo("tasks.alreadyClaimed"));

        assertThatThrownBy(() -> taskList.delegate(khonKaen, task.getId(), kalasin.username()))
                .isInstanceOfSatisfying(TabienException.class, e -> {
                    assertThat(e.code()).isEqualTo("tasks.delegateOutsideArea");
                    assertThat(messages.resolve(e).en()).contains("outside the task's area");
                    assertThat(messages.resolve(e).th()).contains("นอกพื้นที่");
                });
        assertThatThrownBy(() -> taskList.delegate(khonKaen, task.getId(), staff10997.username()))
                .as("the facility of the case is in the area, but not in the province's group").isInstanceOf(TabienException.class);
        assertThatThrownBy(() -> taskList.delegate(khonKaen, task.getId(), "nobody-" + fx.prefix))
                .isInstanceOfSatisfying(TabienException.class, e -> assertThat(e.code()).isEqualTo("tasks.unknownUser"));

        taskList.delegate(khonKaen, task.getId(), khonKaen2.username());
        assertThat(fx.names(khonKaen2, Tab.MINE)).containsExactly("claim");
        assertThat(fx.names(khonKaen, Tab.MINE)).isEmpty();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getOwner())
                .isEqualTo(khonKaen.username());

        assertThatThrownBy(() -> taskList.unclaim(khonKaen, task.getId()))
                .isInstanceOfSatisfying(TabienException.class, e -> assertThat(e.code()).isEqualTo("tasks.notYours"));
        taskList.unclaim(khonKaen2, task.getId());
        assertThat(fx.names(khonKaen, Tab.GROUP)).contains("claim");
        assertThat(assigneeInIndex(task)).isNull();
    }

    @Test
    void aClaimOutsideTheAreaIsRefusedOnThePageInBothLanguages() throws Exception {
        Task task = fx.start("page-claim", "province:40", "10997", Duration.ofDays(10));
        mvc.perform(post("/tasks/{id}/claim", task.getId()).with(csrf()).with(user(principal(kalasin))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("อยู่นอกกลุ่มหรือพื้นที่ที่ท่านรับผิดชอบ")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is outside your group or area")));
        mvc.perform(post("/tasks/{id}/claim", task.getId()).with(csrf()).with(user(principal(khonKaen))))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/tasks").param("tab", "mine").with(user(principal(khonKaen))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("งานของฉัน")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(fx.prefix + "page-claim")));
        mvc.perform(get("/tasks").param("tab", "mine").param("lang", "en").with(user(principal(khonKaen))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("My group&#39;s tasks")));
    }

    @Test
    void colleaguesLeaveNotesOnATaskInsideTheirAreaOnly() {
        Task task = fx.start("noted", "province:40", "10997", Duration.ofDays(10));

        taskList.comment(khonKaen, task.getId(), "  โทรสอบถามหน่วยบริการแล้ว รอสำเนาบัตร  ");
        assertThatThrownBy(() -> taskList.comment(kalasin, task.getId(), "ไม่ใช่พื้นที่"))
                .isInstanceOfSatisfying(TabienException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> taskList.comment(khonKaen, task.getId(), " "))
                .isInstanceOfSatisfying(TabienException.class, e -> assertThat(e.code()).isEqualTo("tasks.commentRequired"));

        TaskList.TaskRow row = taskList.find(task.getId()).orElseThrow();
        assertThat(taskList.notesOf(List.of(row)).get(task.getId())).singleElement().satisfies(n -> {
            assertThat(n.author()).isEqualTo(khonKaen.username());
            assertThat(n.text()).isEqualTo("โทรสอบถามหน่วยบริการแล้ว รอสำเนาบัตร");
        });
    }

    @Test
    void theIndexFollowsTheEngine() {
        Task completed = fx.start("completed", "region:7", null, Duration.ofDays(5));
        Task deleted = fx.start("deleted", "region:7", null, Duration.ofDays(5));
        Task moved = fx.start("moved", "region:7", null, Duration.ofDays(5));
        assertThat(fx.names(region7, Tab.GROUP)).containsExactlyInAnyOrder("completed", "deleted", "moved");

        engine.getTaskService().setAssignee(moved.getId(), region7.username());
        assertThat(assigneeInIndex(moved)).isEqualTo(region7.username());
        Task loaded = engine.getTaskService().createTaskQuery().taskId(moved.getId()).singleResult();
        Date newDue = Date.from(OffsetDateTime.now().plusDays(40).toInstant());
        loaded.setDueDate(newDue);
        engine.getTaskService().saveTask(loaded);
        assertThat(taskList.find(moved.getId()).orElseThrow().due().toInstant()).isEqualTo(newDue.toInstant());

        engine.getTaskService().complete(completed.getId());
        engine.getRuntimeService().deleteProcessInstance(deleted.getProcessInstanceId(), "test");
        assertThat(taskList.find(completed.getId())).isEmpty();
        assertThat(taskList.find(deleted.getId())).isEmpty();
        assertThat(fx.names(region7, Tab.GROUP)).isEmpty();
        assertThat(fx.names(region7, Tab.MINE)).containsExactly("moved");
    }

    @Test
    void theRowIsWrittenInTheEnginesTransaction() {
        String[] taskId = new String[1];
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            taskId[0] = fx.start("rolled-back", "region:7", null, Duration.ofDays(5)).getId();
            assertThat(taskList.find(taskId[0])).as("visible inside the transaction").isPresent();
            tx.setRollbackOnly();
        });
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId[0]).count()).isZero();
        assertThat(taskList.find(taskId[0])).as("gone with the engine's rollback").isEmpty();
    }

    @Test
    void theRepairAtStartUpIndexesTasksTheIndexMissed() {
        Task missed = fx.start("missed", "province:40", "10997", Duration.ofDays(10));
        engine.getTaskService().setAssignee(missed.getId(), khonKaen.username());
        jdbc.sql("delete from task_index where task_id = :id").param("id", missed.getId()).update();
        jdbc.sql("insert into task_index (task_id, process_key, task_key, created) values ('finished-long-ago', 'X', 'Y', :now)")
                .param("now", OffsetDateTime.now()).update();

        repair.repair();

        TaskList.TaskRow row = taskList.find(missed.getId()).orElseThrow();
        assertThat(row.provinceCode()).isEqualTo("40");
        assertThat(row.facilityCode()).isEqualTo("10997");
        assertThat(row.candidateGroup()).isEqualTo("province:40");
        assertThat(row.formKey()).isEqualTo("access/verify");
        assertThat(row.assignee()).isEqualTo(khonKaen.username());
        assertThat(taskList.find("finished-long-ago")).isEmpty();
    }

    @Test
    void anUnknownFormKeyOrBusinessKeyHasNoCaseLink() {
        CasePages pages = new CasePages();
        assertThat(pages.urlFor("birth/follow-up", "10670-2569-000001")).contains("/births/10670-2569-000001");
        assertThat(pages.urlFor("entitlement/review", "17")).contains("/entitlement-changes/conflicts");
        assertThat(pages.urlFor("unknown/form", "1")).isEmpty();
        assertThat(pages.urlFor(null, "1")).isEmpty();
        assertThat(Set.of(pages.urlFor("access/approve", "5").orElseThrow())).containsExactly("/access-requests/5");
        assertThat(pages.documentFor("access/approve", "5")).contains("/access-requests/5/package.zip");
        assertThat(pages.documentFor("birth/follow-up", "10670-2569-000001")).contains("/births/10670-2569-000001/certificate.pdf");
        assertThat(pages.documentFor("entitlement/review", "17")).isEmpty();
    }

    @Test
    void aRegionalApproverNarrowsTheListToOneProvince() {
        fx.start("in-khon-kaen", "region:7", "10670", Duration.ofDays(10));
        fx.start("in-kalasin", "region:7", "10709", Duration.ofDays(10));
        assertThat(fx.names(region7, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, "40", null)))
                .contains("in-khon-kaen").doesNotContain("in-kalasin");
        assertThat(fx.names(region7, Tab.GROUP, new Filter(TaskFixtures.PROCESS, null, "46", null)))
                .contains("in-kalasin").doesNotContain("in-khon-kaen");
    }

    private String assigneeInIndex(Task task) {
        return jdbc.sql("select assignee from task_index where task_id = :id").param("id", task.getId())
                .query(String.class).optional().orElse(null);
    }

    private org.springframework.security.core.userdetails.UserDetails principal(StaffUser user) {
        return Principals.of(accounts.find(user.username()).orElseThrow());
    }
}
