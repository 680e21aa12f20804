package th.go.nhso.tabien.authen.lifecycle;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.system.TabienException;

/**
 * Seed 001, case 2: NHSO suspends an account (a regional approver for the region's
 * facilities, an admin for any) with a reason code and a note, and reinstates it with a
 * reason. The directory holds the state; {@code account_suspension} keeps the history.
 */
@Service
public class AccountSuspensions {

    private final JdbcClient jdbc;
    private final AccountDirectory directory;
    private final AccountRules rules;
    private final AccountActivity activity;
    private final AuditTrail audit;
    private final Clock clock;

    AccountSuspensions(JdbcClient jdbc, AccountDirectory directory, AccountRules rules, AccountActivity activity,
                       AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.rules = rules;
        this.activity = activity;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void suspend(StaffUser user, String username, SuspensionReason reason, String note) {
        StaffAccount account = rules.requireManageable(user, username);
        if (reason == null) {
            throw TabienException.invalid("suspension.reasonRequired");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (reason == SuspensionReason.OTHER && cleanNote == null) {
            throw TabienException.invalid("suspension.noteRequired");
        }
        if (account.suspended()) {
            throw TabienException.conflict("suspension.already", username);
        }
        jdbc.sql("""
                        insert into account_suspension (username, reason_code, note, suspended_by, suspended_at)
                        values (:u, :reason, :note, :by, :now)
                        """)
                .param("u", username).param("reason", reason.name()).param("note", cleanNote)
                .param("by", user.username()).param("now", OffsetDateTime.now(clock)).update();
        directory.suspend(username);
        audit.record(user.username(), "SUSPEND_ACCOUNT", "ACCOUNT", username,
                reason + (cleanNote == null ? "" : ": " + cleanNote));
    }

    @Transactional
    public void reinstate(StaffUser user, String username, String reason) {
        StaffAccount account = rules.requireManageable(user, username);
        if (reason == null || reason.isBlank()) {
            throw TabienException.invalid("suspension.reinstatementReasonRequired");
        }
        if (!account.suspended()) {
            throw TabienException.conflict("suspension.notSuspended", username);
        }
        jdbc.sql("""
                        update account_suspension set reinstated_by = :by, reinstated_at = :now, reinstatement_reason = :reason
                        where username = :u and reinstated_at is null
                        """)
                .param("by", user.username()).param("now", OffsetDateTime.now(clock)).param("reason", reason.strip())
                .param("u", username).update();
        // The directory has one unlock for both locks; the inactivity clock starts again with it.
        directory.unlock(username);
        activity.started(username);
        audit.record(user.username(), "REINSTATE_ACCOUNT", "ACCOUNT", username, reason.strip());
    }

    /** Newest first. */
    public List<Suspension> history(String username) {
        return jdbc.sql("""
                        select suspension_id, username, reason_code, note, suspended_by, suspended_at,
                               reinstated_by, reinstated_at, reinstatement_reason
                        from account_suspension where username = :u order by suspended_at desc, suspension_id desc
                        """)
                .param("u", username)
                .query((rs, n) -> new Suspension(rs.getLong("suspension_id"), rs.getString("username"),
                        SuspensionReason.valueOf(rs.getString("reason_code")), rs.getString("note"),
                        rs.getString("suspended_by"), rs.getObject("suspended_at", OffsetDateTime.class),
                        rs.getString("reinstated_by"), rs.getObject("reinstated_at", OffsetDateTime.class),
                        rs.getString("reinstatement_reason")))
                .list();
    }

    public record Suspension(long id, String username, SuspensionReason reason, String note, String suspendedBy,
                             OffsetDateTime suspendedAt, String reinstatedBy, OffsetDateTime reinstatedAt,
                             String reinstatementReason) {
    }
}
