package th.go.nhso.tabien.authen.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Seed 001, case 3: scheduled maintenance. Admins define the windows; during one,
 * {@code LoginPolicy} refuses everyone but admins and the login page shows when it ends.
 */
@Service
public class MaintenanceWindows {

    private static final Pattern DATE_TIME = Pattern.compile("(.+?)\\s+(\\d{1,2})[:.](\\d{2})(?:\\s*น\\.)?");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    MaintenanceWindows(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Open and coming windows, and those of the last 30 days. */
    public List<Window> recentAndComing() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("select window_id, starts_at, ends_at, reason from maintenance_window where ends_at > :since order by starts_at")
                .param("since", now.minusDays(30))
                .query((rs, n) -> {
                    OffsetDateTime starts = rs.getObject("starts_at", OffsetDateTime.class);
                    OffsetDateTime ends = rs.getObject("ends_at", OffsetDateTime.class);
                    return new Window(rs.getLong("window_id"), starts, ends, rs.getString("reason"), starts.isAfter(now));
                })
                .list();
    }

    /** Start and end as people type them, in Bangkok time: "24/11/2569 22:00" (either era). */
    public long add(StaffUser admin, String startsAt, String endsAt, String reason) {
        requireAdmin(admin);
        OffsetDateTime starts = parse(startsAt);
        OffsetDateTime ends = parse(endsAt);
        if (!ends.isAfter(starts)) {
            throw TabienException.invalid("maintenance.endBeforeStart");
        }
        if (!ends.isAfter(OffsetDateTime.now(clock))) {
            throw TabienException.invalid("maintenance.inThePast");
        }
        if (reason == null || reason.isBlank()) {
            throw TabienException.invalid("maintenance.reasonRequired");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into maintenance_window (starts_at, ends_at, reason) values (:s, :e, :r)")
                .param("s", starts).param("e", ends).param("r", reason.strip()).update(key, "window_id");
        long id = key.getKeyAs(Number.class).longValue();
        audit.record(admin.username(), "ADD_MAINTENANCE_WINDOW", "MAINTENANCE", String.valueOf(id),
                starts + " – " + ends + ": " + reason.strip());
        return id;
    }

    /** Only a window that has not started may be removed: one that ran is history. */
    public void remove(StaffUser admin, long windowId) {
        requireAdmin(admin);
        int deleted = jdbc.sql("delete from maintenance_window where window_id = :id and starts_at > :now")
                .param("id", windowId).param("now", OffsetDateTime.now(clock)).update();
        if (deleted == 0) {
            throw TabienException.conflict("maintenance.notRemovable", windowId);
        }
        audit.record(admin.username(), "REMOVE_MAINTENANCE_WINDOW", "MAINTENANCE", String.valueOf(windowId), null);
    }

    static OffsetDateTime parse(String text) {
        Matcher m = DATE_TIME.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw TabienException.invalid("maintenance.dateTimeInvalid", text);
        }
        LocalDate date = ThaiDates.parse(m.group(1));
        try {
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return date.atTime(time).atZone(ThaiDates.BANGKOK).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            throw TabienException.invalid("maintenance.dateTimeInvalid", text);
        }
    }

    private static void requireAdmin(StaffUser user) {
        if (!user.isAdmin()) {
            throw TabienException.forbidden("maintenance.onlyAdmin");
        }
    }

    public record Window(long id, OffsetDateTime startsAt, OffsetDateTime endsAt, String reason, boolean removable) {
    }
}
