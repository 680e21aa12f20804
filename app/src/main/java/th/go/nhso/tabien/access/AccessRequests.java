package th.go.nhso.tabien.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Data Center account requests ({@code AccessRequestProcess.bpmn}): the facility prepares
 * people and files, the provincial office verifies, the regional office approves. Every
 * decision is a conditional update of the request's status, so two approvers deciding at
 * the same moment get one decision and one clear refusal.
 */
@Service
public class AccessRequests {

    public enum ProvinceDecision { FORWARD, RETURN, REJECT }

    public enum RegionDecision { APPROVE, REJECT }

    public enum FileKind { SIGNED_SCAN, ATTACHMENT_ONE }

    public record StoredFile(String fileName, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Registry registry;
    private final AreaPolicy areas;
    private final AuditTrail audit;
    private final AccessMail mail;
    private final RequestedPeopleCheck check;
    private final AccountDirectory directory;
    private final BilingualMessages messages;
    private final Settings settings;
    private final Clock clock;
    private final ManagementService management;

    AccessRequests(JdbcClient jdbc, RuntimeService runtime, TaskService tasks, Registry registry, AreaPolicy areas,
                   AuditTrail audit, AccessMail mail, RequestedPeopleCheck check, AccountDirectory directory,
                   BilingualMessages messages, Settings settings, Clock clock, ManagementService management) {
        this.jdbc = jdbc;
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.registry = registry;
        this.areas = areas;
        this.audit = audit;
        this.mail = mail;
        this.check = check;
        this.directory = directory;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- the facility prepares ------------------------------------------------------------

    @Transactional
    public long createDraft(StaffUser user, String hcode) {
        Facility facility = areas.requireAccess(user, new HospitalCode(hcode));
        requireFacilityStaff(user, facility.hcode());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into access_request (facility_code, province_code, region, status, created_by, created_at)
                        values (:f, :p, :r, 'DRAFT', :by, :now)
                        """)
                .param("f", facility.hcode()).param("p", facility.provinceCode()).param("r", facility.region())
                .param("by", user.username()).param("now", now())
                .update(key, "request_id");
        long id = key.getKeyAs(Number.class).longValue();
        event(id, user.username(), "CREATED", null);
        return id;
    }

    /**
     * Replaces the people of a draft or returned request, from the form or attachment 1; the
     * same check refuses them all with every problem by row and column, and nothing is saved.
     */
    @Transactional
    public void replacePeople(StaffUser user, long id, List<RequestedPerson> people) {
        AccessRequest request = requireEditable(user, id);
        List<RowProblem> problems = new ArrayList<>(check.problemsWith(people));
        problems.addAll(secondKtbAdmin(request.facilityCode(), people));
        if (!problems.isEmpty()) {
            throw new InvalidAttachmentException(problems);
        }
        jdbc.sql("delete from access_request_person where request_id = :id").param("id", id).update();
        int line = 1;
        for (RequestedPerson p : people) {
            insertPerson(id, line++, p);
        }
        event(id, user.username(), "PEOPLE_SET", people.size() + " people");
        audit.record(user.username(), "ACCESS_REQUEST_PEOPLE", "ACCESS_REQUEST", String.valueOf(request.requestId()),
                people.stream().map(RequestedPerson::nationalId).collect(Collectors.joining(",")));
    }

    /** Seed 001: one KTB Health Wallet admin per facility, counting the accounts it already has. */
    private List<RowProblem> secondKtbAdmin(String hcode, List<RequestedPerson> people) {
        List<String> askingToBeAdmin = people.stream().filter(p -> p.roles().contains(DataCenterRole.KTB_WALLET_ADMIN))
                .map(RequestedPerson::nationalId).toList();
        if (askingToBeAdmin.isEmpty()) {
            return List.of();
        }
        Optional<String> existing = directory.accountsOfFacility(hcode).stream()
                .filter(a -> a.dataCenterRoles().contains(DataCenterRole.KTB_WALLET_ADMIN) && !a.suspended())
                .map(a -> a.nationalId()).filter(pid -> !askingToBeAdmin.contains(pid)).findFirst();
        if (existing.isEmpty()) {
            return List.of();
        }
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i).roles().contains(DataCenterRole.KTB_WALLET_ADMIN)) {
                BilingualMessages.Bilingual m = messages.resolve("access.ktbAdminExists", existing.get());
                problems.add(new RowProblem(i + 1, RequestedSystem.KTB_HEALTH_WALLET.header(), m.th(), m.en()));
            }
        }
        return problems;
    }

    private void insertPerson(long id, int line, RequestedPerson p) {
        jdbc.sql("""
                        insert into access_request_person (request_id, line_no, national_id, title, first_name, last_name,
                                                           position, email, mobile, roles, outcome)
                        values (:id, :line, :pid, :title, :first, :last, :position, :email, :mobile, :roles, 'REQUESTED')
                        """)
                .param("id", id).param("line", line).param("pid", p.nationalId()).param("title", p.title())
                .param("first", p.firstName()).param("last", p.lastName()).param("position", p.position())
                .param("email", p.email()).param("mobile", p.mobile())
                .param("roles", p.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .update();
    }

    @Transactional
    public void setLetterReference(StaffUser user, long id, String reference) {
        requireEditable(user, id);
        jdbc.sql("update access_request set letter_reference = :ref where request_id = :id")
                .param("ref", reference == null || reference.isBlank() ? null : reference.strip()).param("id", id).update();
    }

    /** Keeps an uploaded file (already checked by its kind's reader) with the request, replacing the previous one. */
    @Transactional
    public void storeFile(StaffUser user, long id, FileKind kind, String fileName, byte[] content) {
        requireEditable(user, id);
        jdbc.sql("delete from access_request_file where request_id = :id and kind = :kind")
                .param("id", id).param("kind", kind.name()).update();
        jdbc.sql("""
                        insert into access_request_file (request_id, kind, file_name, content, sha256, uploaded_by, uploaded_at)
                        values (:id, :kind, :name, :content, :sha, :by, :now)
                        """)
                .param("id", id).param("kind", kind.name()).param("name", fileName).param("content", content)
                .param("sha", sha256(content)).param("by", user.username()).param("now", now()).update();
        event(id, user.username(), "FILE_" + kind.name(), fileName);
    }

    public Optional<StoredFile> file(StaffUser user, long id, FileKind kind) {
        find(user, id);
        return jdbc.sql("select file_name, content from access_request_file where request_id = :id and kind = :kind")
                .param("id", id).param("kind", kind.name())
                .query((rs, n) -> new StoredFile(rs.getString("file_name"), rs.getBytes("content"))).optional();
    }

    /**
     * Sends a draft to the province (starts the process), or a corrected request back to it
     * (completes the correction task). Needs at least one person and the signed scan.
     */
    @Transactional
    public void submit(StaffUser user, long id) {
        AccessRequest request = requireEditable(user, id);
        if (lines(id).isEmpty()) {
            throw TabienException.unprocessable("access.noPeople");
        }
        if (!hasFile(id, FileKind.SIGNED_SCAN)) {
            throw TabienException.unprocessable("access.signedScanMissing");
        }
        int updated = jdbc.sql("""
                        update access_request set status = 'AT_PROVINCE', submitted_at = :now, return_reason = null,
                               escalated_at = null
                        where request_id = :id and status = :status
                        """)
                .param("now", now()).param("id", id).param("status", request.status().name()).update();
        if (updated == 0) {
            throw TabienException.conflict("access.alreadySubmitted", id);
        }
        jdbc.sql("update access_request_person set outcome = 'REQUESTED', outcome_reason = null where request_id = :id")
                .param("id", id).update();
        if (request.status() == AccessRequestStatus.DRAFT) {
            runtime.startProcessInstanceByKey(AccessRequestProcess.ID, String.valueOf(id), Variables.createVariables()
                    .putValue(AccessRequestProcess.REQUEST_ID, id)
                    .putValue(AccessRequestProcess.FACILITY_CODE, request.facilityCode())
                    .putValue(AccessRequestProcess.FACILITY_GROUP, "facility:" + request.facilityCode())
                    .putValue(AccessRequestProcess.PROVINCE_GROUP, "province:" + request.provinceCode())
                    .putValue(AccessRequestProcess.REGION_GROUP, "region:" + request.region())
                    .putValue(AccessRequestProcess.PROVINCE_DEADLINE, settings.text(DurationSetting.ACCESS_PROVINCE_DEADLINE))
                    .putValue(AccessRequestProcess.PROVINCE_REMINDER, settings.text(DurationSetting.ACCESS_PROVINCE_REMINDER))
                    .putValue(AccessRequestProcess.REGION_SLA, settings.text(DurationSetting.ACCESS_REGION_SLA))
                    .putValue(AccessRequestProcess.REGION_REMINDER, settings.text(DurationSetting.ACCESS_REGION_REMINDER)));
            event(id, user.username(), "SUBMITTED", null);
        } else {
            tasks.complete(openTask(id, AccessRequestProcess.TASK_CORRECT).getId());
            event(id, user.username(), "RESUBMITTED", null);
        }
        audit.record(user.username(), "ACCESS_REQUEST_SUBMIT", "ACCESS_REQUEST", String.valueOf(id), null);
    }

    // ---- the province verifies --------------------------------------------------------------

    /**
     * FORWARD sends the chosen lines to the region (the others need the reason); RETURN and
     * REJECT need a reason. The facility is e-mailed the outcome.
     */
    @Transactional
    public void decideAtProvince(StaffUser user, long id, ProvinceDecision decision, Set<Integer> forwardedLines,
                                 String reason) {
        AccessRequest request = find(user, id);
        if (!isProvinceOf(user, request)) {
            throw TabienException.forbidden("access.onlyProvince");
        }
        requireStatus(request, AccessRequestStatus.AT_PROVINCE);
        if (decision == null) {
            throw TabienException.invalid("access.decisionRequired");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        Set<Integer> chosen = forwardedLines == null ? Set.of() : forwardedLines;
        List<AccessRequest.Line> lines = lines(id);
        if (decision == ProvinceDecision.FORWARD) {
            if (chosen.isEmpty()) {
                throw TabienException.invalid("access.nobodyChosen");
            }
            if (chosen.size() < lines.size() && why == null) {
                throw TabienException.invalid("access.reasonForOthers");
            }
        } else if (why == null) {
            throw TabienException.invalid("access.reasonRequired");
        }
        AccessRequestStatus next = switch (decision) {
            case FORWARD -> AccessRequestStatus.AT_REGION;
            case RETURN -> AccessRequestStatus.RETURNED;
            case REJECT -> AccessRequestStatus.REJECTED;
        };
        transition(id, AccessRequestStatus.AT_PROVINCE, next);
        switch (decision) {
            case FORWARD -> {
                jdbc.sql("update access_request set received_at = :now where request_id = :id")
                        .param("now", now()).param("id", id).update();
                setOutcomes(id, lines, chosen, PersonOutcome.FORWARDED, PersonOutcome.NOT_FORWARDED, why);
            }
            case RETURN -> jdbc.sql("update access_request set return_reason = :why where request_id = :id")
                    .param("why", why).param("id", id).update();
            case REJECT -> close(id);
        }
        tasks.complete(openTask(id, AccessRequestProcess.TASK_VERIFY).getId(),
                Map.of(AccessRequestProcess.PROVINCE_DECISION, decision.name()));
        event(id, user.username(), "PROVINCE_" + decision.name(), why);
        audit.record(user.username(), "ACCESS_REQUEST_PROVINCE_" + decision.name(), "ACCESS_REQUEST", String.valueOf(id), why);
        mail.provinceDecided(request, decision, why);
    }

    // ---- the region approves ----------------------------------------------------------------

    @Transactional
    public void decideAtRegion(StaffUser user, long id, RegionDecision decision, Set<Integer> approvedLines, String reason) {
        AccessRequest request = find(user, id);
        if (!isRegionOf(user, request)) {
            throw TabienException.forbidden("access.onlyRegion");
        }
        requireStatus(request, AccessRequestStatus.AT_REGION);
        if (decision == null) {
            throw TabienException.invalid("access.decisionRequired");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        Set<Integer> chosen = approvedLines == null ? Set.of() : approvedLines;
        List<AccessRequest.Line> forwarded = lines(id).stream()
                .filter(l -> l.outcome() == PersonOutcome.FORWARDED).toList();
        if (decision == RegionDecision.APPROVE) {
            Set<Integer> forwardedNos = forwarded.stream().map(AccessRequest.Line::lineNo).collect(Collectors.toSet());
            if (chosen.isEmpty() || !forwardedNos.containsAll(chosen)) {
                throw TabienException.invalid("access.nobodyChosen");
            }
            if (chosen.size() < forwarded.size() && why == null) {
                throw TabienException.invalid("access.reasonForOthers");
            }
        } else if (why == null) {
            throw TabienException.invalid("access.reasonRequired");
        }
        transition(id, AccessRequestStatus.AT_REGION,
                decision == RegionDecision.APPROVE ? AccessRequestStatus.PROVISIONING : AccessRequestStatus.REJECTED);
        if (decision == RegionDecision.APPROVE) {
            setOutcomes(id, forwarded, chosen, PersonOutcome.APPROVED, PersonOutcome.NOT_APPROVED, why);
        } else {
            close(id);
        }
        tasks.complete(openTask(id, AccessRequestProcess.TASK_APPROVE).getId(),
                Map.of(AccessRequestProcess.REGION_DECISION, decision.name()));
        event(id, user.username(), "REGION_" + decision.name(), why);
        audit.record(user.username(), "ACCESS_REQUEST_REGION_" + decision.name(), "ACCESS_REQUEST", String.valueOf(id), why);
        if (decision == RegionDecision.REJECT) {
            mail.regionRejected(request, why);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * The request for reading its people (the case page, the letter, the ZIP): {@link #find},
     * and the read on the audit trail, with what was read.
     */
    public AccessRequest read(StaffUser user, long id, String what) {
        AccessRequest request = find(user, id);
        audit.record(user.username(), "READ_ACCESS_REQUEST", "ACCESS_REQUEST", String.valueOf(id), what);
        return request;
    }

    /** The request if the user's area covers its facility (a facility its own, a province its facilities, ...). */
    public AccessRequest find(StaffUser user, long id) {
        AccessRequest request = require(id);
        Facility facility = registry.requireFacility(new HospitalCode(request.facilityCode()));
        if (!areas.mayAccess(user, facility)) {
            throw TabienException.forbidden("area.forbidden", request.facilityCode());
        }
        return request;
    }

    public AccessRequest.Details details(StaffUser user, long id) {
        AccessRequest request = read(user, id, "details");
        return new AccessRequest.Details(request, lines(id), history(id), hasFile(id, FileKind.SIGNED_SCAN),
                hasFile(id, FileKind.ATTACHMENT_ONE), provisioningTrouble(request));
    }

    /**
     * Why a request stays in provisioning: the job failed (the directory or the database was out
     * of reach) and waits for its next try, or its tries ran out and an incident waits for an
     * admin in Cockpit. Null while nothing failed.
     */
    private AccessRequest.ProvisioningTrouble provisioningTrouble(AccessRequest request) {
        if (request.status() != AccessRequestStatus.PROVISIONING) {
            return null;
        }
        var process = runtime.createProcessInstanceQuery().processDefinitionKey(AccessRequestProcess.ID)
                .processInstanceBusinessKey(String.valueOf(request.requestId())).singleResult();
        if (process == null) {
            return null;
        }
        var job = management.createJobQuery().processInstanceId(process.getId()).activityId("Task_ProvisionAccounts")
                .singleResult();
        if (job == null || job.getExceptionMessage() == null) {
            return null;
        }
        return new AccessRequest.ProvisioningTrouble(job.getRetries(),
                job.getRetries() > 0 && job.getDuedate() != null
                        ? OffsetDateTime.ofInstant(job.getDuedate().toInstant(), ThaiDates.BANGKOK) : null,
                job.getRetries() == 0);
    }

    /** The requests the user may see, newest first: own facility, province, region, or all for an admin. */
    public List<AccessRequest> visibleTo(StaffUser user) {
        AreaPolicy.Area area = areas.areaOf(user);
        String where = switch (area.level()) {
            case NATION -> "1 = 1";
            case REGION -> "r.region = cast(:code as integer)";
            case PROVINCE -> "r.province_code = :code";
            case FACILITY -> "r.facility_code = :code";
            case NONE -> "1 = 0";
        };
        return jdbc.sql(SELECT + " where " + where + " order by r.request_id desc")
                .param("code", area.code() == null ? "" : area.code())
                .query(AccessRequests::request).list();
    }

    AccessRequest require(long id) {
        return jdbc.sql(SELECT + " where r.request_id = :id").param("id", id).query(AccessRequests::request).optional()
                .orElseThrow(() -> TabienException.notFound("access.notFound", id));
    }

    List<AccessRequest.Line> lines(long id) {
        return jdbc.sql("""
                        select line_no, national_id, title, first_name, last_name, position, email, mobile, roles, outcome,
                               outcome_reason, provisioned_at
                        from access_request_person where request_id = :id order by line_no
                        """)
                .param("id", id).query(AccessRequests::line).list();
    }

    List<AccessRequest.Event> history(long id) {
        return jdbc.sql("""
                        select occurred_at, actor, step, detail from access_request_event
                        where request_id = :id order by event_id
                        """)
                .param("id", id)
                .query((rs, n) -> new AccessRequest.Event(rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("actor"), rs.getString("step"), rs.getString("detail")))
                .list();
    }

    boolean hasFile(long id, FileKind kind) {
        return jdbc.sql("select count(*) from access_request_file where request_id = :id and kind = :kind")
                .param("id", id).param("kind", kind.name()).query(Integer.class).single() > 0;
    }

    // ---- process steps ----------------------------------------------------------------------

    /** Event_*DeadlinePassed / Event_RegionSlaPassed: the flag the lists show; the e-mail goes up a level. */
    void escalate(long id) {
        AccessRequest request = require(id);
        jdbc.sql("update access_request set escalated_at = :now where request_id = :id and escalated_at is null")
                .param("now", now()).param("id", id).update();
        event(id, "system", "ESCALATED", request.status().name());
        mail.escalated(request);
    }

    void remind(long id) {
        AccessRequest request = require(id);
        event(id, "system", "REMINDED", request.status().name());
        mail.reminded(request);
    }

    void markProvisioned(long id, int lineNo, String actor) {
        jdbc.sql("""
                        update access_request_person set outcome = 'PROVISIONED', provisioned_at = :now
                        where request_id = :id and line_no = :line
                        """)
                .param("now", now()).param("id", id).param("line", lineNo).update();
        event(id, actor, "PROVISIONED", "line " + lineNo);
    }

    void finishProvisioning(long id) {
        transition(id, AccessRequestStatus.PROVISIONING, AccessRequestStatus.DONE);
        close(id);
        event(id, "system", "DONE", null);
        mail.provisioned(require(id), lines(id));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private AccessRequest requireEditable(StaffUser user, long id) {
        AccessRequest request = find(user, id);
        requireFacilityStaff(user, request.facilityCode());
        if (!request.editableByFacility()) {
            throw TabienException.conflict("access.notEditable", id);
        }
        return request;
    }

    /** Who acts at each step; the case page asks the same questions to show the right form. */
    public static boolean isFacilityOf(StaffUser user, String hcode) {
        return user.role() == Role.ADMIN || user.role() == Role.FACILITY_STAFF && hcode.equals(user.facilityCode());
    }

    public static boolean isProvinceOf(StaffUser user, AccessRequest request) {
        return user.role() == Role.ADMIN
                || user.role() == Role.PROVINCIAL_APPROVER && request.provinceCode().equals(user.provinceCode());
    }

    public static boolean isRegionOf(StaffUser user, AccessRequest request) {
        return user.role() == Role.ADMIN
                || user.role() == Role.REGIONAL_APPROVER && user.region() != null && request.region() == user.region();
    }

    private static void requireFacilityStaff(StaffUser user, String hcode) {
        if (!isFacilityOf(user, hcode)) {
            throw TabienException.forbidden("access.onlyFacility");
        }
    }

    private static void requireStatus(AccessRequest request, AccessRequestStatus expected) {
        if (request.status() != expected) {
            throw TabienException.conflict("access.alreadyDecided", request.requestId());
        }
    }

    private void transition(long id, AccessRequestStatus from, AccessRequestStatus to) {
        int updated = jdbc.sql("""
                        update access_request set status = :to, escalated_at = null
                        where request_id = :id and status = :from
                        """)
                .param("to", to.name()).param("id", id).param("from", from.name()).update();
        if (updated == 0) {
            throw TabienException.conflict("access.alreadyDecided", id);
        }
    }

    private void close(long id) {
        jdbc.sql("update access_request set closed_at = :now where request_id = :id").param("now", now()).param("id", id)
                .update();
    }

    private void setOutcomes(long id, List<AccessRequest.Line> lines, Set<Integer> chosen, PersonOutcome yes,
                             PersonOutcome no, String reasonForNo) {
        for (AccessRequest.Line line : lines) {
            boolean picked = chosen.contains(line.lineNo());
            jdbc.sql("update access_request_person set outcome = :o, outcome_reason = :r where request_id = :id and line_no = :l")
                    .param("o", (picked ? yes : no).name()).param("r", picked ? null : reasonForNo)
                    .param("id", id).param("l", line.lineNo()).update();
        }
    }

    private Task openTask(long id, String taskKey) {
        Task task = tasks.createTaskQuery().processDefinitionKey(AccessRequestProcess.ID).processInstanceBusinessKey(String.valueOf(id)).taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw TabienException.conflict("access.alreadyDecided", id);
        }
        return task;
    }

    private void event(long id, String actor, String step, String detail) {
        jdbc.sql("""
                        insert into access_request_event (request_id, occurred_at, actor, step, detail)
                        values (:id, :now, :actor, :step, :detail)
                        """)
                .param("id", id).param("now", now()).param("actor", actor).param("step", step).param("detail", detail)
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            select r.request_id, r.facility_code, f.name_th as facility_name, r.province_code, r.region, r.status,
                   r.letter_reference, r.created_by, r.created_at, r.submitted_at, r.received_at, r.closed_at,
                   r.escalated_at, r.return_reason
            from access_request r join facility f on f.hcode = r.facility_code
            """;

    private static AccessRequest request(ResultSet rs, int row) throws SQLException {
        return new AccessRequest(rs.getLong("request_id"), rs.getString("facility_code"), rs.getString("facility_name"),
                rs.getString("province_code"), rs.getInt("region"), AccessRequestStatus.valueOf(rs.getString("status")),
                rs.getString("letter_reference"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("submitted_at", OffsetDateTime.class),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                rs.getObject("escalated_at", OffsetDateTime.class), rs.getString("return_reason"));
    }

    private static AccessRequest.Line line(ResultSet rs, int row) throws SQLException {
        Set<DataCenterRole> roles = EnumSet.noneOf(DataCenterRole.class);
        String stored = rs.getString("roles");
        if (!stored.isEmpty()) {
            Arrays.stream(stored.split(",")).map(DataCenterRole::valueOf).forEach(roles::add);
        }
        RequestedPerson person = new RequestedPerson(rs.getString("national_id"), rs.getString("title"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("position"), rs.getString("email"),
                rs.getString("mobile"), roles);
        return new AccessRequest.Line(rs.getInt("line_no"), person, PersonOutcome.valueOf(rs.getString("outcome")),
                rs.getString("outcome_reason"), rs.getObject("provisioned_at", OffsetDateTime.class));
    }
}
