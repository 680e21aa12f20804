package th.go.nhso.tabien.system;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durations the processes use, as an admin set them on /admin/settings, falling back to
 * the configured default ({@link TabienProperties}). Callers ask when a case starts, so the
 * next case takes a new value without a redeploy while running cases keep the values they
 * started with (process variables or case columns by then).
 */
@Component
public class Settings {

    private static final Pattern WORKING_DAYS = Pattern.compile("(\\d{1,3})\\s*(working days?|วันทำการ)");
    /** Anything longer is a typing slip, not a deadline (the longest default is 180 days). */
    private static final Duration LONGEST = Duration.ofDays(3 * 365);
    private static final int MOST_WORKING_DAYS = 250;

    /**
     * Every case start and every login reads a setting: a value is kept this long on the node,
     * and a change on this node takes effect at once (other nodes follow within the time).
     */
    static final Duration CACHED_FOR = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TabienProperties properties;
    private final Clock clock;
    private final Map<DurationSetting, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(String value, long until) {
    }

    public Settings(JdbcClient jdbc, TabienProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The value now in force, as Camunda reads it ("P30D", "6 working days"). */
    public String text(DurationSetting setting) {
        long now = System.nanoTime();
        Cached cached = cache.get(setting);
        if (cached != null && now - cached.until() < 0) {
            return cached.value();
        }
        String value = jdbc.sql("select setting_value from duration_setting where name = :name")
                .param("name", setting.key()).query(String.class).optional()
                .orElseGet(() -> setting.configuredDefault(properties));
        cache.put(setting, new Cached(value, now + CACHED_FOR.toNanos()));
        return value;
    }

    /** Forgets the kept value now and again once the change commits, so no reader keeps the old one. */
    private void forget(DurationSetting setting) {
        cache.remove(setting);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.remove(setting);
                }
            });
        }
    }

    /**
     * The value now in force as a duration, for the settings Java computes with (inactivity lock).
     *
     * @throws IllegalArgumentException for a setting that may be given in working days
     */
    public Duration duration(DurationSetting setting) {
        if (setting.workingDaysAllowed()) {
            throw new IllegalArgumentException(setting.key() + " may be in working days; read it as text");
        }
        return Duration.parse(text(setting));
    }

    /** Every setting with its value, default and who changed it last, in declaration order. */
    public List<Current> all() {
        Map<String, Current> changed = jdbc.sql("select name, setting_value, changed_by, changed_at from duration_setting")
                .query((rs, n) -> new Row(rs.getString("name"), rs.getString("setting_value"), rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class)))
                .list().stream()
                .flatMap(r -> DurationSetting.byKey(r.name()).stream()
                        .map(s -> new Current(s, r.value(), s.configuredDefault(properties), r.changedBy(), r.changedAt())))
                .collect(Collectors.toMap(c -> c.setting().key(), Function.identity()));
        return Arrays.stream(DurationSetting.values())
                .map(s -> changed.getOrDefault(s.key(),
                        new Current(s, s.configuredDefault(properties), s.configuredDefault(properties), null, null)))
                .toList();
    }

    /**
     * Changes a setting for the cases that start from now on.
     *
     * @return the value as stored (normalised: trimmed, upper-case ISO, "N working days")
     * @throws TabienException 400 {@code settings.invalid} (or {@code settings.invalidIso} where
     *                         working days are not allowed) for anything that is not a sensible duration
     */
    @Transactional
    public String change(DurationSetting setting, String value, String username) {
        String normalised = validate(setting, value);
        forget(setting);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("update duration_setting set setting_value = :v, changed_by = :u, changed_at = :t where name = :n")
                .param("v", normalised).param("u", username).param("t", now).param("n", setting.key()).update();
        if (updated == 0) {
            jdbc.sql("insert into duration_setting (name, setting_value, changed_by, changed_at) values (:n, :v, :u, :t)")
                    .param("n", setting.key()).param("v", normalised).param("u", username).param("t", now).update();
        }
        return normalised;
    }

    /** Back to the configured default: the row goes, so a later change of the default applies again. */
    @Transactional
    public void reset(DurationSetting setting) {
        forget(setting);
        jdbc.sql("delete from duration_setting where name = :n").param("n", setting.key()).update();
    }

    /** The value normalised, or a bilingual refusal that names the setting and what is allowed. */
    public static String validate(DurationSetting setting, String value) {
        String text = value == null ? "" : value.strip();
        Matcher days = WORKING_DAYS.matcher(text.toLowerCase(Locale.ROOT));
        if (days.matches()) {
            int n = Integer.parseInt(days.group(1));
            if (setting.workingDaysAllowed() && n >= 1 && n <= MOST_WORKING_DAYS) {
                return n + (n == 1 ? " working day" : " working days");
            }
            throw refusal(setting, text);
        }
        try {
            Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (!duration.isNegative() && !duration.isZero() && duration.compareTo(LONGEST) <= 0
                    && duration.compareTo(Duration.ofMinutes(1)) >= 0) {
                return text.toUpperCase(Locale.ROOT);
            }
        } catch (DateTimeParseException notIso) {
            // refused below
        }
        throw refusal(setting, text);
    }

    private static TabienException refusal(DurationSetting setting, String text) {
        return TabienException.invalid(setting.workingDaysAllowed() ? "settings.invalid" : "settings.invalidIso",
                text, setting.key());
    }

    private record Row(String name, String value, String changedBy, OffsetDateTime changedAt) {
    }

    /** A setting as it stands: the value in force, the configured default, the last change (null if none). */
    public record Current(DurationSetting setting, String value, String configuredDefault, String changedBy,
                          OffsetDateTime changedAt) {
        public boolean changed() {
            return changedBy != null;
        }
    }
}
