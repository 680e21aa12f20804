package th.go.nhso.tabien.authen.lifecycle;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.StaffLoggedIn;

/**
 * The last sign of life of every account, whichever directory holds it (Keycloak has no
 * inactivity lock of its own): {@code account_activity}, which {@link InactivitySweep} reads by
 * ranges of {@code last_activity_at}.
 */
@Component
public class AccountActivity {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AccountActivity(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A login, from any door. API clients log in on every call: at most one write an hour per
     * account is plenty for a lock counted in months. A login also clears a pending warning.
     */
    @EventListener
    public void loggedIn(StaffLoggedIn login) {
        if (login.recordedWithinTheHour()) {
            return;
        }
        int updated = jdbc.sql("""
                        update account_activity set last_activity_at = :at, warned_at = null
                        where username = :u and last_activity_at < :recent
                        """)
                .param("at", login.at()).param("recent", login.at().minusHours(1)).param("u", login.username()).update();
        if (updated == 0) {
            insertIfMissing(login.username(), login.at());
        }
    }

    /** A new or unlocked account: the clock starts again from now, with no warning or lock on record. */
    public void started(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                        update account_activity set last_activity_at = :at, warned_at = null, locked_at = null
                        where username = :u
                        """)
                .param("at", now).param("u", username).update();
        if (updated == 0) {
            insertIfMissing(username, now);
        }
    }

    /** The account was unlocked: the warning and lock on record no longer apply. */
    public void unlocked(String username) {
        jdbc.sql("update account_activity set warned_at = null, locked_at = null where username = :u")
                .param("u", username).update();
    }

    public java.util.Optional<OffsetDateTime> lastActivityOf(String username) {
        return jdbc.sql("select last_activity_at from account_activity where username = :u").param("u", username)
                .query(OffsetDateTime.class).optional();
    }

    private void insertIfMissing(String username, OffsetDateTime at) {
        try {
            jdbc.sql("""
                            insert into account_activity (username, last_activity_at)
                            select :u, cast(:at as timestamp with time zone)
                            where not exists (select 1 from account_activity where username = :u)
                            """)
                    .param("u", username).param("at", at).update();
        } catch (DuplicateKeyException raced) {
            // Two first logins at once: the other one wrote the row, which is all we need.
        }
    }
}
