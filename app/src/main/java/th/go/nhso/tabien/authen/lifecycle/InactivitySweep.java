package th.go.nhso.tabien.authen.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.system.ScheduledRuns;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienProperties;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Seed 001, case 1: an account nobody has used for {@code tabien.accounts.inactivity-lock}
 * (180 days) is locked, and its owner is warned by e-mail {@code inactivity-warning} (14 days)
 * before. Runs daily; tests call {@link #sweep(OffsetDateTime)} with the day they want.
 */
@Component
public class InactivitySweep {

    static final String SYSTEM_USER = "system";
    private static final Logger log = LoggerFactory.getLogger(InactivitySweep.class);

    private final JdbcClient jdbc;
    private final AccountDirectory directory;
    private final MailOutbox mail;
    private final AuditTrail audit;
    private final TabienProperties.Accounts settings;
    private final Settings durations;
    private final Clock clock;
    private final ScheduledRuns scheduledRuns;

    public InactivitySweep(JdbcClient jdbc, AccountDirectory directory, MailOutbox mail, AuditTrail audit,
                           TabienProperties properties, Settings durations, Clock clock, ScheduledRuns scheduledRuns) {
        this.scheduledRuns = scheduledRuns;
        this.jdbc = jdbc;
        this.directory = directory;
        this.mail = mail;
        this.audit = audit;
        this.settings = properties.accounts();
        this.durations = durations;
        this.clock = clock;
    }

    @Scheduled(cron = "${tabien.accounts.sweep-cron:0 15 2 * * *}", zone = "Asia/Bangkok")
    public void daily() {
        if (!scheduledRuns.claim("inactivity-sweep")) {
            return;
        }
        Result result = sweep(OffsetDateTime.now(clock));
        log.info("Inactivity sweep: {} warned, {} locked", result.warned().size(), result.locked().size());
    }

    /**
     * Warns and locks the accounts whose last activity crossed a threshold since the last
     * sweeps. It never reads every account: each step is one range query on the index of
     * {@code account_activity.last_activity_at}, bounded below by the catch-up period, so an
     * active account (or one locked long ago) is neither read nor written.
     */
    public Result sweep(OffsetDateTime now) {
        Duration lock = durations.duration(DurationSetting.ACCOUNTS_INACTIVITY_LOCK);
        Duration catchUp = settings.sweepCatchUp();
        OffsetDateTime lockBefore = now.minus(lock);
        OffsetDateTime warnBefore = now.minus(lock.minus(durations.duration(DurationSetting.ACCOUNTS_INACTIVITY_WARNING)));
        List<String> locked = new ArrayList<>();
        for (Row row : rows(lockBefore.minus(catchUp), lockBefore, "locked_at is null")) {
            try {
                directory.lockInactive(row.username());
            } catch (RuntimeException e) {
                // A directory outage (or an account removed from it): the row stays unlocked and
                // in range, so the next sweeps try again within the catch-up period.
                log.warn("Inactivity lock of {} failed: {}", row.username(), e.toString());
                continue;
            }
            jdbc.sql("update account_activity set locked_at = :now where username = :u")
                    .param("now", now).param("u", row.username()).update();
            audit.record(SYSTEM_USER, "LOCK_INACTIVE_ACCOUNT", "ACCOUNT", row.username(),
                    "no activity since " + row.lastActivityAt() + " (" + lock + ")");
            locked.add(row.username());
        }
        List<String> warned = new ArrayList<>();
        for (Row row : rows(warnBefore.minus(catchUp), warnBefore, "warned_at is null and locked_at is null")) {
            directory.find(row.username()).filter(a -> a.email() != null && !a.email().isBlank())
                    .ifPresent(a -> warn(a, row.lastActivityAt().plus(lock)));
            jdbc.sql("update account_activity set warned_at = :now where username = :u")
                    .param("now", now).param("u", row.username()).update();
            audit.record(SYSTEM_USER, "WARN_INACTIVE_ACCOUNT", "ACCOUNT", row.username(),
                    "locks at " + row.lastActivityAt().plus(lock));
            warned.add(row.username());
        }
        return new Result(warned, locked);
    }

    private List<Row> rows(OffsetDateTime from, OffsetDateTime before, String condition) {
        return jdbc.sql("select username, last_activity_at from account_activity"
                        + " where last_activity_at >= :from and last_activity_at < :before and " + condition
                        + " order by last_activity_at")
                .param("from", from).param("before", before)
                .query((rs, n) -> new Row(rs.getString("username"), rs.getObject("last_activity_at", OffsetDateTime.class)))
                .list();
    }

    private void warn(StaffAccount account, OffsetDateTime locksAt) {
        String date = ThaiDates.format(locksAt.atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate(), ThaiDates.THAI);
        mail.enqueue(account.email(), "บัญชีผู้ใช้งานระบบทะเบียนจะถูกล็อกในวันที่ " + date,
                "เรียน " + account.displayName() + "\n\n"
                        + "บัญชีผู้ใช้งาน " + account.username() + " ไม่ได้เข้าใช้งานระบบมาเป็นเวลานาน"
                        + " และจะถูกล็อกในวันที่ " + date + " ตามหลักเกณฑ์การไม่เข้าใช้งานเกิน " + durations.duration(DurationSetting.ACCOUNTS_INACTIVITY_LOCK).toDays() + " วัน\n\n"
                        + "หากต้องการใช้งานบัญชีต่อ กรุณาเข้าสู่ระบบอย่างน้อยหนึ่งครั้งก่อนวันดังกล่าว"
                        + " เมื่อบัญชีถูกล็อกแล้ว หน่วยบริการต้องยื่นคำขอปลดล็อกต่อ สปสช. เขต\n\n"
                        + "ระบบทะเบียน สปสช.");
    }

    private record Row(String username, OffsetDateTime lastActivityAt) {
    }

    /** The usernames warned and locked by one sweep. */
    public record Result(List<String> warned, List<String> locked) {
    }
}
