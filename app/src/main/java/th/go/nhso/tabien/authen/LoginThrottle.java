package th.go.nhso.tabien.authen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.TabienProperties;

/**
 * Stops password guessing on the login form and on HTTP Basic: after
 * {@code tabien.login.max-failures} wrong passwords for one username within
 * {@code tabien.login.failure-window}, or {@code tabien.login.max-failures-per-address} from
 * one client address, every further attempt (a right password too) is refused for
 * {@code tabien.login.lock-duration}; each refusal is on the audit trail.
 *
 * <p>Kept in memory, per node: a restart forgets the counts, and with several nodes behind a
 * balancer each node counts its own (the balancer's stickiness keeps one client on one node).
 */
@Component
public class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final TabienProperties.Login limits;
    private final AuditTrail audit;
    private final Clock clock;

    LoginThrottle(TabienProperties properties, AuditTrail audit, Clock clock) {
        this.limits = properties.login();
        this.audit = audit;
        this.clock = clock;
    }

    /** How long the attempt must still wait, or empty when it may go ahead. Audits the refusal. */
    public Optional<Duration> refuse(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = lockedFor(userKey(username), now).or(() -> lockedFor(addressKey(address), now));
        wait.ifPresent(w -> audit.record(username == null ? "" : username, "LOGIN_THROTTLED", "ACCOUNT",
                username, "from " + address + ", " + w.toSeconds() + " s left"));
        return wait;
    }

    /** A wrong password: counts against the username and the address. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), limits.maxFailures(), now);
        count(addressKey(address), limits.maxFailuresPerAddress(), now);
    }

    /** A right password outside a lock: the username starts again from nothing. */
    public void succeeded(String username) {
        counters.remove(userKey(username));
    }

    private Optional<Duration> lockedFor(String key, Instant now) {
        Counter c = counters.get(key);
        if (c == null || c.lockedUntil == null || !now.isBefore(c.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, c.lockedUntil));
    }

    private void count(String key, int max, Instant now) {
        if (counters.size() > MAX_KEYS) {
            // a spray of usernames or addresses: drop what no longer counts, so memory stays bounded
            counters.values().removeIf(c -> c.windowStart.plus(limits.failureWindow()).isBefore(now)
                    && (c.lockedUntil == null || !now.isBefore(c.lockedUntil)));
        }
        counters.compute(key, (k, c) -> {
            Counter next = c == null || c.windowStart.plus(limits.failureWindow()).isBefore(now)
                    || c.lockedUntil != null && !now.isBefore(c.lockedUntil) ? new Counter(now) : c;
            next.failures++;
            if (next.failures >= max) {
                next.lockedUntil = now.plus(limits.lockDuration());
            }
            return next;
        });
    }

    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static final class Counter {
        final Instant windowStart;
        int failures;
        Instant lockedUntil;

        Counter(Instant windowStart) {
            this.windowStart = windowStart;
        }
    }
}
