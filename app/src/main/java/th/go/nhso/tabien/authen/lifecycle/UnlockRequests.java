package th.go.nhso.tabien.authen.lifecycle;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.MailOutbox;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;

/**
 * Unlocking an account locked for inactivity ({@code AccountUnlockProcess.bpmn}): the
 * facility's staff ask with a reason, the regional NHSO office decides within
 * {@code tabien.accounts.unlock-deadline}; one open request per account.
 */
@Service
public class UnlockRequests {

    static final String PROCESS_ID = "AccountUnlockProcess";
    static final String TASK_DECIDE = "Task_DecideUnlock";
    static final String REQUEST_ID = "requestId";
    static final String REGION_GROUP = "regionGroup";
    static final String UNLOCK_DUE = "unlockDue";
    static final String UNLOCK_REMINDER = "unlockReminder";
    static final String APPROVED = "approved";

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AccountDirectory directory;
    private final AccountActivity activity;
    private final Registry registry;
    private final AccountRules rules;
    private final MailOutbox mail;
    private final AuditTrail audit;
    private final Settings settings;
    private final Clock clock;

    UnlockRequests(JdbcClient jdbc, RuntimeService runtime, TaskService tasks, AccountDirectory directory,
                   AccountActivity activity, Registry registry, AccountRules rules, MailOutbox mail, AuditTrail audit,
                   Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tasks = tasks;
        this.directory = directory;
        this.activity = activity;
        this.registry = registry;
        this.rules = rules;
        this.mail = mail;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Facility staff ask to unlock a locked account of their own facility.
     *
     * @throws TabienException 409 {@code unlock.alreadyRequested} while a request for the account is open
     */
    @Transactional
    public long request(StaffUser user, String username, String reason) {
        if (user.role() != Role.FACILITY_STAFF) {
            throw TabienException.forbidden("unlock.onlyFacilityStaff");
        }
        StaffAccount account = rules.require(username);
        if (account.facilityCode() == null || !account.facilityCode().equals(user.facilityCode())) {
            throw TabienException.forbidden("area.forbidden", username);
        }
        if (reason == null || reason.isBlank()) {
            throw TabienException.invalid("unlock.reasonRequired");
        }
        if (!locked(account)) {
            throw TabienException.conflict("unlock.notLocked", username);
        }
        if (openRequestOf(username).isPresent()) {
            throw TabienException.conflict("unlock.alreadyRequested", username);
        }
        Facility facility = registry.requireFacility(HospitalCode.parse(account.facilityCode()));
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                            insert into account_unlock_request (username, open_username, facility_code, region, reason,
                                                                requested_by, requested_at, status)
                            values (:u, :u, :facility, :region, :reason, :by, :now, 'OPEN')
                            """)
                    .param("u", username).param("facility", facility.hcode()).param("region", facility.region())
                    .param("reason", reason.strip()).param("by", user.username()).param("now", OffsetDateTime.now(clock))
                    .update(key, "request_id");
        } catch (DuplicateKeyException raced) {
            throw TabienException.conflict("unlock.alreadyRequested", username);
        }
        long id = key.getKeyAs(Number.class).longValue();
        runtime.startProcessInstanceByKey(PROCESS_ID, String.valueOf(id), Variables.createVariables()
                .putValue(REQUEST_ID, id)
                .putValue(REGION_GROUP, "region:" + facility.region())
                .putValue(UNLOCK_DUE, settings.text(DurationSetting.ACCOUNTS_UNLOCK_DEADLINE))
                .putValue(UNLOCK_REMINDER, "R/" + settings.text(DurationSetting.ACCOUNTS_UNLOCK_REMINDER)));
        audit.record(user.username(), "REQUEST_ACCOUNT_UNLOCK", "ACCOUNT", username, reason.strip());
        return id;
    }

    /** Locked for inactivity: marked by the sweep, or past the limit before the sweep came by. */
    boolean locked(StaffAccount account) {
        return account.inactivityLocked()
                || account.lastActivity().plus(settings.duration(DurationSetting.ACCOUNTS_INACTIVITY_LOCK)).isBefore(OffsetDateTime.now(clock));
    }

    /** Task_DecideUnlock: the regional approver of the facility's region (or an admin) decides, with a reason to reject. */
    @Transactional
    public void decide(StaffUser user, long requestId, boolean approve, String reason) {
        if (!AccountRules.mayManage(user)) {
            throw TabienException.forbidden("accounts.onlyNhso");
        }
        Request request = find(requestId);
        if (!user.isAdmin() && (user.region() == null || user.region() != request.region())) {
            throw TabienException.forbidden("area.forbidden", request.username());
        }
        String cleanReason = reason == null || reason.isBlank() ? null : reason.strip();
        if (!approve && cleanReason == null) {
            throw TabienException.invalid("unlock.rejectionReasonRequired");
        }
        int updated = jdbc.sql("""
                        update account_unlock_request set status = :status, open_username = null, decided_by = :by,
                               decided_at = :now, decision_reason = :reason
                        where request_id = :id and status = 'OPEN'
                        """)
                .param("status", approve ? "APPROVED" : "REJECTED").param("by", user.username())
                .param("now", OffsetDateTime.now(clock)).param("reason", cleanReason).param("id", requestId).update();
        if (updated == 0) {
            throw TabienException.conflict("unlock.decided.already", requestId);
        }
        Task task = tasks.createTaskQuery().processDefinitionKey(PROCESS_ID).processInstanceBusinessKey(String.valueOf(requestId))
                .taskDefinitionKey(TASK_DECIDE).singleResult();
        tasks.complete(task.getId(), Map.of(APPROVED, approve));
        audit.record(user.username(), approve ? "APPROVE_ACCOUNT_UNLOCK" : "REJECT_ACCOUNT_UNLOCK", "ACCOUNT",
                request.username(), cleanReason);
    }

    /** Open requests the user may decide: the approver's region, all for an admin. */
    public List<Request> open(StaffUser user) {
        if (!AccountRules.mayManage(user)) {
            throw TabienException.forbidden("accounts.onlyNhso");
        }
        return jdbc.sql(SELECT + " where status = 'OPEN' and (:all = true or region = :region) order by request_id")
                .param("all", user.isAdmin()).param("region", user.region() == null ? -1 : user.region())
                .query(UnlockRequests::request).list();
    }

    public Optional<Request> openRequestOf(String username) {
        return jdbc.sql(SELECT + " where open_username = :u").param("u", username).query(UnlockRequests::request).optional();
    }

    public Request find(long requestId) {
        return jdbc.sql(SELECT + " where request_id = :id").param("id", requestId).query(UnlockRequests::request)
                .optional().orElseThrow(() -> TabienException.notFound("unlock.notFound", requestId));
    }

    /** Task_UnlockAccount (async: a directory outage retries and ends as an incident, never lost). */
    void unlock(long requestId) {
        Request request = find(requestId);
        directory.unlock(request.username());
        activity.started(request.username());
        directory.find(request.username()).filter(a -> a.email() != null && !a.email().isBlank())
                .ifPresent(a -> mail.enqueue(a.email(), "บัญชีผู้ใช้งานระบบทะเบียนได้รับการปลดล็อกแล้ว",
                        "เรียน " + a.displayName() + "\n\n"
                                + "สปสช. ได้ปลดล็อกบัญชีผู้ใช้งาน " + a.username() + " แล้ว ท่านสามารถเข้าสู่ระบบได้ตามปกติ\n"
                                + "กรุณาเข้าใช้งานอย่างน้อยหนึ่งครั้งทุก " + settings.duration(DurationSetting.ACCOUNTS_INACTIVITY_LOCK).toDays()
                                + " วัน เพื่อไม่ให้บัญชีถูกล็อกอีก\n\n"
                                + "ระบบทะเบียน สปสช."));
        audit.record(InactivitySweep.SYSTEM_USER, "UNLOCK_ACCOUNT", "ACCOUNT", request.username(),
                "unlock request " + requestId);
    }

    /** Task_NotifyUnlockRejected: the requester learns why. */
    void notifyRejected(long requestId) {
        Request request = find(requestId);
        directory.find(request.requestedBy()).filter(a -> a.email() != null && !a.email().isBlank())
                .ifPresent(a -> mail.enqueue(a.email(), "คำขอปลดล็อกบัญชี " + request.username() + " ไม่ได้รับการอนุมัติ",
                        "เรียน " + a.displayName() + "\n\n"
                                + "สปสช. เขต " + request.region() + " ไม่อนุมัติคำขอปลดล็อกบัญชีผู้ใช้งาน "
                                + request.username() + "\nเหตุผล: " + request.decisionReason() + "\n\n"
                                + "ระบบทะเบียน สปสช."));
    }

    /** Task_RemindUnlockApprovers: every regional approver of the region with an e-mail. */
    void remindApprovers(long requestId) {
        Request request = find(requestId);
        directory.accountsInRole(Role.REGIONAL_APPROVER).stream()
                .filter(a -> a.region() != null && a.region() == request.region() && a.email() != null && !a.suspended())
                .forEach(a -> mail.enqueue(a.email(), "คำขอปลดล็อกบัญชีรอการพิจารณา: " + request.username(),
                        "เรียน " + a.displayName() + "\n\n"
                                + "คำขอปลดล็อกบัญชีผู้ใช้งาน " + request.username() + " ของหน่วยบริการ "
                                + request.facilityCode() + " รอการพิจารณาในระบบทะเบียน\nเหตุผลที่ขอ: " + request.reason()
                                + "\n\nระบบทะเบียน สปสช."));
    }

    private static final String SELECT = """
            select request_id, username, facility_code, region, reason, requested_by, requested_at, status,
                   decided_by, decided_at, decision_reason
            from account_unlock_request
            """;

    private static Request request(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Request(rs.getLong("request_id"), rs.getString("username"), rs.getString("facility_code"),
                rs.getInt("region"), rs.getString("reason"), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class), rs.getString("status"), rs.getString("decided_by"),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_reason"));
    }

    public record Request(long requestId, String username, String facilityCode, int region, String reason,
                          String requestedBy, OffsetDateTime requestedAt, String status, String decidedBy,
                          OffsetDateTime decidedAt, String decisionReason) {
    }
}
