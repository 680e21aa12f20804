package th.go.nhso.tabien.authen.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.system.ThaiDates;

/** Seed 001, case 1: the 180-day lock through the daily sweep, with its warning 14 days before. */
@TabienTest
class InactivityLockTests extends LifecycleTestSupport {

    @Autowired InactivitySweep sweep;
    @Autowired MockMvc mvc;

    private Map<String, Object> activityRow(String username) {
        return jdbc.sql("select last_activity_at, warned_at, locked_at from account_activity where username = :u")
                .param("u", username).query().singleRow();
    }

    @Test
    void accountUnusedFor180DaysIsWarnedFourteenDaysBeforeThenLockedAndRefusedAtLogin() throws Exception {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String soon = staffAccount("sweep-soon");
        String dormant = staffAccount("sweep-dormant");
        lastActivity(soon, now.minusDays(167));
        lastActivity(dormant, now.minusDays(181));

        InactivitySweep.Result result = sweep.sweep(now);

        assertThat(result.warned()).contains(soon).doesNotContain(dormant);
        assertThat(result.locked()).contains(dormant).doesNotContain(soon);
        MailOutbox.Mail warning = mailsTo(soon + "@facility.example").get(0);
        String lockDate = ThaiDates.format(now.minusDays(167).plusDays(180).atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate(),
                ThaiDates.THAI);
        assertThat(warning.subject()).isEqualTo("บัญชีผู้ใช้งานระบบทะเบียนจะถูกล็อกในวันที่ " + lockDate);
        assertThat(warning.body()).contains("จะถูกล็อกในวันที่ " + lockDate).contains("กรุณาเข้าสู่ระบบอย่างน้อยหนึ่งครั้งก่อนวันดังกล่าว")
                .contains(soon);
        assertThat(mailsTo(dormant + "@facility.example")).as("a lock is not a warning").isEmpty();
        assertThat(account(dormant).inactivityLocked()).isTrue();
        assertThat(audits("LOCK_INACTIVE_ACCOUNT", dormant)).isOne();
        assertThat(audits("WARN_INACTIVE_ACCOUNT", soon)).isOne();

        mvc.perform(formLogin().user(dormant).password(PASSWORD)).andExpect(redirectedUrl("/login?refused=INACTIVE"));
        mvc.perform(get("/login").param("refused", "INACTIVE"))
                .andExpect(content().string(containsString("ไม่ได้เข้าใช้งานเกิน 180 วัน")));
        mvc.perform(formLogin().user(soon).password(PASSWORD)).andExpect(redirectedUrl("/"));

        InactivitySweep.Result again = sweep.sweep(now.plusHours(1));
        assertThat(again.warned()).doesNotContain(soon, dormant);
        assertThat(again.locked()).doesNotContain(soon, dormant);
        assertThat(mailsTo(soon + "@facility.example")).hasSize(1);
    }

    @Test
    void anActiveAccountIsNeitherReadNorWrittenBySweep() {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String active = staffAccount("sweep-active");
        String lockedLongAgo = staffAccount("sweep-long-ago");
        lastActivity(active, now.minusDays(3));
        lastActivity(lockedLongAgo, now.minusDays(400));
        Map<String, Object> before = activityRow(active);

        InactivitySweep.Result result = sweep.sweep(now);

        assertThat(result.warned()).doesNotContain(active, lockedLongAgo);
        assertThat(result.locked()).as("outside the catch-up range: the index range never reaches it")
                .doesNotContain(active, lockedLongAgo);
        assertThat(activityRow(active)).isEqualTo(before);
        assertThat(account(active).inactivityLocked()).isFalse();
        assertThat(audits("WARN_INACTIVE_ACCOUNT", active) + audits("LOCK_INACTIVE_ACCOUNT", active)).isZero();
        assertThat(mailsTo(active + "@facility.example")).isEmpty();
    }

    @Test
    void aLoginIsRecordedAtMostOnceAnHourAndClearsAWarning() throws Exception {
        String user = staffAccount("activity");
        OffsetDateTime halfHourAgo = OffsetDateTime.now().minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        lastActivity(user, halfHourAgo);
        mvc.perform(formLogin().user(user).password(PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(activity.lastActivityOf(user)).hasValueSatisfying(t -> assertThat(t).isAtSameInstantAs(halfHourAgo));

        OffsetDateTime twoHoursAgo = OffsetDateTime.now().minusHours(2);
        lastActivity(user, twoHoursAgo);
        jdbc.sql("update account_activity set warned_at = :t where username = :u").param("t", twoHoursAgo).param("u", user).update();
        mvc.perform(formLogin().user(user).password(PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(activity.lastActivityOf(user)).hasValueSatisfying(t -> assertThat(t).isAfter(OffsetDateTime.now().minusMinutes(1)));
        assertThat(activityRow(user).get("WARNED_AT")).isNull();
    }

    @Test
    void anAccountTheDirectoryCannotLockIsTriedAgainByTheNextSweep() {
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String dormant = staffAccount("sweep-retry");
        lastActivity(dormant, now.minusDays(181));
        jdbc.sql("insert into account_activity (username, last_activity_at) values ('ghost-of-the-directory', :t)")
                .param("t", now.minusDays(181)).update();

        InactivitySweep.Result result = sweep.sweep(now);

        assertThat(result.locked()).contains(dormant).doesNotContain("ghost-of-the-directory");
        assertThat(activityRow("ghost-of-the-directory").get("LOCKED_AT")).isNull();
        jdbc.sql("delete from account_activity where username = 'ghost-of-the-directory'").update();
    }
}
