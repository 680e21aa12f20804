package th.go.nhso.tabien.authen;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;

/**
 * Decides whether an account whose password was right may come in. It runs only after the
 * password check, so a refusal never tells a stranger that an account exists.
 */
@Component
public class LoginPolicy {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Settings settings;

    public LoginPolicy(JdbcClient jdbc, Clock clock, Settings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    public Optional<LoginRefusal> refusalFor(StaffAccount account) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (account.suspended()) {
            return Optional.of(LoginRefusal.SUSPENDED);
        }
        if (account.inactivityLocked() || account.lastActivity().plus(settings.duration(DurationSetting.ACCOUNTS_INACTIVITY_LOCK)).isBefore(now)) {
            return Optional.of(LoginRefusal.INACTIVE);
        }
        // Admins run the maintenance, so the window must not lock them out.
        if (account.role() != Role.ADMIN && maintenanceOpenAt(now)) {
            return Optional.of(LoginRefusal.MAINTENANCE);
        }
        if (account.passwordChangeRequired()) {
            return Optional.of(LoginRefusal.NEW_PASSWORD_REQUIRED);
        }
        return Optional.empty();
    }

    /** The end of the maintenance window open at that time, for the refusal message. */
    public Optional<OffsetDateTime> maintenanceEndAt(OffsetDateTime time) {
        return jdbc.sql("select max(ends_at) from maintenance_window where starts_at <= :t and ends_at > :t")
                .param("t", time).query(OffsetDateTime.class).optional();
    }

    public boolean maintenanceOpenAt(OffsetDateTime time) {
        return jdbc.sql("select count(*) from maintenance_window where starts_at <= :t and ends_at > :t")
                .param("t", time).query(Integer.class).single() > 0;
    }
}
