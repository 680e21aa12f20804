package th.go.nhso.tabien.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.tasks.TaskList.Filter;
import th.go.nhso.tabien.tasks.TaskList.Tab;

/**
 * A user task never disappears from sight: every open task of the engine is in a list
 * someone can see: the assignee's "my tasks", a member's "my group's tasks", or the admins'
 * "unattended" list when its group has no member or its assignee no active account.
 */
@TabienTest
class NeverDisappearsTests {

    @Autowired ProcessEngine engine;
    @Autowired AccountDirectory accounts;
    @Autowired TaskList taskList;
    @Autowired JdbcClient jdbc;

    TaskFixtures fx;

    @Test
    void everyOpenTaskOfTheEngineIsInAListSomeoneSees() {
        fx = new TaskFixtures(engine, accounts, taskList);
        StaffUser admin = fx.account("admin", Role.ADMIN, null, null, null);
        fx.account("prov-40", Role.PROVINCIAL_APPROVER, null, "40", null);
        fx.start("attended", "province:40", "10670", Duration.ofDays(3));
        fx.start("region-without-approver", "region:13", null, Duration.ofDays(3));
        fx.start("unknown-facility", "facility:99999", null, Duration.ofDays(3));
        fx.start("group-we-do-not-know", "nhso-it", null, Duration.ofDays(3));
        Task gone = fx.start("assignee-gone", "province:40", "10670", Duration.ofDays(3));
        engine.getTaskService().setAssignee(gone.getId(), "left-the-office-" + fx.prefix);

        assertThat(fx.names(admin, Tab.UNATTENDED)).containsExactlyInAnyOrder("region-without-approver", "unknown-facility",
                "group-we-do-not-know", "assignee-gone");

        Set<String> seen = new HashSet<>();
        for (StaffAccount account : everyAccount()) {
            StaffUser user = account.asStaffUser();
            seen.addAll(ids(user, Tab.MINE));
            if (user.isAdmin()) {
                seen.addAll(ids(user, Tab.UNATTENDED));
            } else {
                // the admins' "all unassigned" tab is left out: it would hide a task lost to everybody else
                seen.addAll(ids(user, Tab.GROUP));
            }
        }
        List<String> open = engine.getTaskService().createTaskQuery().list().stream().map(Task::getId).toList();
        long rows = jdbc.sql("select count(*) from ACT_RU_TASK").query(Long.class).single();
        assertThat(open).hasSize((int) rows).isNotEmpty();
        assertThat(seen).as("open tasks nobody sees").containsAll(open);
        assertThat(fx.names(admin, Tab.UNATTENDED)).doesNotContain("attended");
    }

    private List<StaffAccount> everyAccount() {
        return Stream.of(Role.values()).flatMap(r -> accounts.accountsInRole(r).stream())
                .filter(a -> !a.suspended() && !a.inactivityLocked()).collect(Collectors.toCollection(ArrayList::new));
    }

    private Set<String> ids(StaffUser user, Tab tab) {
        return fx.rows(user, tab, Filter.NONE).stream().map(TaskList.TaskRow::taskId).collect(Collectors.toSet());
    }
}
