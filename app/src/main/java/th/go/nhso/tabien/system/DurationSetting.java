package th.go.nhso.tabien.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durations the processes use that an admin may change at runtime (issue 7), each with
 * its property name, its configured default and whether the process reads it through the
 * business calendar (so "N working days" is allowed) or as a plain ISO-8601 duration
 * (timer cycles "R/…" and durations Java computes with).
 */
public enum DurationSetting {

    BIRTH_REGISTRATION_DEADLINE("tabien.birth.registration-deadline", true, p -> iso(p.birth().registrationDeadline())),
    BIRTH_FOLLOW_UP_DUE("tabien.birth.follow-up-due", true, p -> p.birth().followUpDue()),
    BIRTH_FOLLOW_UP_REMINDER("tabien.birth.follow-up-reminder", false, p -> iso(p.birth().followUpReminder())),
    ENTITLEMENT_REVIEW_DUE("tabien.entitlement.review-due", true, p -> p.entitlement().reviewDue()),
    ENTITLEMENT_REVIEW_REMINDER("tabien.entitlement.review-reminder", false, p -> iso(p.entitlement().reviewReminder())),
    ACCESS_PROVINCE_DEADLINE("tabien.access.province-deadline", true, p -> p.access().provinceDeadline()),
    ACCESS_PROVINCE_REMINDER("tabien.access.province-reminder", true, p -> p.access().provinceReminder()),
    ACCESS_REGION_SLA("tabien.access.region-sla", true, p -> p.access().regionSla()),
    ACCESS_REGION_REMINDER("tabien.access.region-reminder", true, p -> p.access().regionReminder()),
    ACCOUNTS_INACTIVITY_LOCK("tabien.accounts.inactivity-lock", false, p -> iso(p.accounts().inactivityLock())),
    ACCOUNTS_INACTIVITY_WARNING("tabien.accounts.inactivity-warning", false, p -> iso(p.accounts().inactivityWarning())),
    ACCOUNTS_UNLOCK_DEADLINE("tabien.accounts.unlock-deadline", true, p -> p.accounts().unlockDeadline()),
    ACCOUNTS_UNLOCK_REMINDER("tabien.accounts.unlock-reminder", false, p -> iso(p.accounts().unlockReminder()));

    private final String key;
    private final boolean workingDaysAllowed;
    private final Function<TabienProperties, String> configured;

    DurationSetting(String key, boolean workingDaysAllowed, Function<TabienProperties, String> configured) {
        this.key = key;
        this.workingDaysAllowed = workingDaysAllowed;
        this.configured = configured;
    }

    /** The property name, also the row's name in {@code duration_setting} and the message code suffix. */
    public String key() {
        return key;
    }

    public boolean workingDaysAllowed() {
        return workingDaysAllowed;
    }

    public String configuredDefault(TabienProperties properties) {
        return configured.apply(properties);
    }

    /** ISO-8601 as people write it: whole days as "P30D" rather than java.time's "PT720H". */
    static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    public static Optional<DurationSetting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
