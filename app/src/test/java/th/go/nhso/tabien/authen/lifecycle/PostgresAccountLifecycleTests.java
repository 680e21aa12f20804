package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import th.go.nhso.tabien.authen.StaffLoggedIn;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.system.TabienException;

/** The lifecycle's own SQL on a real PostgreSQL: activity upsert, sweep ranges, suspension history, unlock requests. */
@PostgresTest
class PostgresAccountLifecycleTests extends LifecycleTestSupport {

    @Autowired ApplicationEventPublisher events;
    @Autowired InactivitySweep sweep;
    @Autowired AccountSuspensions suspensions;
    @Autowired UnlockRequests unlocks;
    @Autowired PasswordResets resets;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;

    @Test
    void aFirstLoginCreatesTheActivityRowAndTheSweepWarnsAndLocks() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        String fresh = staffAccount("pg-fresh");
        jdbc.sql("delete from account_activity where username = :u").param("u", fresh).update();
        OffsetDateTime at = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        events.publishEvent(new StaffLoggedIn(fresh, at));
        events.publishEvent(new StaffLoggedIn(fresh, at.plusMinutes(5)));
        assertThat(activity.lastActivityOf(fresh)).hasValueSatisfying(t -> assertThat(t).isAtSameInstantAs(at));

        OffsetDateTime now = OffsetDateTime.now();
        String soon = staffAccount("pg-soon");
        String dormant = staffAccount("pg-dormant");
        lastActivity(soon, now.minusDays(167));
        lastActivity(dormant, now.minusDays(181));
        InactivitySweep.Result result = sweep.sweep(now);
        assertThat(result.warned()).contains(soon).doesNotContain(fresh);
        assertThat(result.locked()).contains(dormant).doesNotContain(fresh);
        assertThat(account(dormant).inactivityLocked()).isTrue();
        assertThat(mailsTo(soon + "@facility.example")).hasSize(1);
    }

    @Test
    void suspensionUnlockAndResetLinksWorkOnPostgres() {
        String staff = staffAccount("pg-suspend");
        suspensions.suspend(ADMIN, staff, SuspensionReason.ABNORMAL_USE, "ทดสอบ");
        suspensions.reinstate(ADMIN, staff, "ตรวจแล้ว");
        assertThat(suspensions.history(staff)).singleElement().satisfies(s -> assertThat(s.reinstatedBy()).isEqualTo("admin"));

        String requester = staffAccount("pg-requester");
        String locked = staffAccount("pg-locked");
        lastActivity(locked, OffsetDateTime.now().minusDays(181));
        directory.lockInactive(locked);
        long id = unlocks.request(staffUser(requester), locked, "ขอใช้งานต่อ");
        assertThatThrownBy(() -> unlocks.request(staffUser(requester), locked, "อีกครั้ง"))
                .extracting(e -> ((TabienException) e).code()).isEqualTo("unlock.alreadyRequested");
        unlocks.decide(REGION_7, id, true, null);
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("AccountUnlockProcess").processInstanceBusinessKey(String.valueOf(id))
                .processDefinitionKey(UnlockRequests.PROCESS_ID).singleResult().getId();
        String job = management.createJobQuery().processInstanceId(instance).activityId("Task_UnlockAccount")
                .singleResult().getId();
        management.executeJob(job);
        assertThat(account(locked).inactivityLocked()).isFalse();

        resets.requestByPerson(staff, staff + "@facility.example");
        assertThat(jdbc.sql("select count(*) from password_reset_token where username = :u").param("u", staff)
                .query(Integer.class).single()).isOne();
    }
}
