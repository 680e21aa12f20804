package th.go.nhso.tabien.entitlement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.system.TabienException;

/**
 * Conflicts found in agency files, reviewed by the regional approver of the person's region
 * ({@code EntitlementChangeProcess.bpmn}): keep the existing right, keep the new one, keep
 * both (dated), or reject the change, always with a reason.
 */
@Service
public class ConflictReviews {

    static final String PROCESS_ID = "EntitlementChangeProcess";
    static final String TASK_REVIEW = "Task_ReviewConflict";
    static final String CONFLICT_ID = "conflictId";
    static final String REGION_GROUP = "regionGroup";
    static final String REVIEW_DUE = "reviewDue";
    static final String REVIEW_REMINDER = "reviewReminder";
    static final String DECISION = "decision";

    public enum Decision { KEEP_EXISTING, KEEP_NEW, KEEP_BOTH, REJECT }

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final Registry registry;
    private final AuditTrail audit;
    private final Clock clock;

    ConflictReviews(JdbcClient jdbc, TaskService tasks, Registry registry, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** Open conflicts a reviewer may decide: the approver's region, or all for an admin. */
    public List<Conflict> open(StaffUser user) {
        requireReviewer(user);
        audit.record(user.username(), "READ_CONFLICTS", "REGION", user.region() == null ? null : String.valueOf(user.region()), "open");
        return jdbc.sql(SELECT + " where status = 'OPEN' and (:all = true or region = :region) order by conflict_id")
                .param("all", user.role() == Role.ADMIN).param("region", user.region() == null ? -1 : user.region())
                .query(ConflictReviews::conflict).list();
    }

    public Conflict find(long conflictId) {
        return jdbc.sql(SELECT + " where conflict_id = :id").param("id", conflictId).query(ConflictReviews::conflict)
                .optional().orElseThrow(() -> TabienException.notFound("feed.conflictNotFound", conflictId));
    }

    /** Records the decision and completes the review task; the process then applies it. */
    @Transactional
    public void decide(StaffUser user, long conflictId, Decision decision, String reason) {
        requireReviewer(user);
        Conflict conflict = find(conflictId);
        if (user.role() != Role.ADMIN && (user.region() == null || user.region() != conflict.region())) {
            // the conflict's number, never the person's PID: the caller is outside the person's region
            throw TabienException.forbidden("security.conflictOutsideRegion", conflictId);
        }
        if (reason == null || reason.isBlank()) {
            throw TabienException.invalid("birth.reasonRequired");
        }
        if (decision == null) {
            throw TabienException.invalid("feed.decisionRequired");
        }
        int updated = jdbc.sql("""
                        update entitlement_conflict set status = :status, decided_by = :by, decided_at = :now, decision_reason = :reason
                        where conflict_id = :id and status = 'OPEN'
                        """)
                .param("status", statusOf(decision)).param("by", user.username()).param("now", OffsetDateTime.now(clock))
                .param("reason", reason.strip()).param("id", conflictId).update();
        if (updated == 0) {
            throw TabienException.conflict("feed.conflictDecided", conflictId);
        }
        Task task = tasks.createTaskQuery().processDefinitionKey(PROCESS_ID).processInstanceBusinessKey(String.valueOf(conflictId))
                .taskDefinitionKey(TASK_REVIEW).singleResult();
        tasks.complete(task.getId(), java.util.Map.of(DECISION, decision.name()));
        audit.record(user.username(), "REVIEW_ENTITLEMENT_CONFLICT", "PERSON", conflict.nationalId(),
                decision + ": " + reason.strip());
    }

    /** Task_ApplyDecision: what the reviewer decided becomes the person's rights. */
    void applyDecision(long conflictId, Decision decision) {
        Conflict c = find(conflictId);
        if (decision != Decision.KEEP_NEW && decision != Decision.KEEP_BOTH || !"START".equals(c.event())) {
            return;
        }
        Person person = registry.requirePerson(new NationalId(c.nationalId()));
        Scheme scheme = Scheme.valueOf(c.scheme());
        if (decision == Decision.KEEP_NEW) {
            jdbc.sql("""
                            update entitlement set valid_to = :to
                            where person_id = :p and valid_to is null and valid_from < :from
                            """)
                    .param("to", c.effectiveDate().minusDays(1)).param("p", person.personId()).param("from", c.effectiveDate())
                    .update();
        }
        registry.recordEntitlement(person, scheme, c.effectiveDate(), null, "REVIEW", scheme == Scheme.UC ? c.facilityCode() : null);
    }

    private static String statusOf(Decision d) {
        return switch (d) {
            case KEEP_EXISTING -> "KEPT_EXISTING";
            case KEEP_NEW -> "KEPT_NEW";
            case KEEP_BOTH -> "KEPT_BOTH";
            case REJECT -> "REJECTED";
        };
    }

    private static void requireReviewer(StaffUser user) {
        if (user.role() != Role.REGIONAL_APPROVER && user.role() != Role.ADMIN) {
            throw TabienException.forbidden("feed.onlyRegionOrAdmin");
        }
    }

    private static final String SELECT = """
            select conflict_id, batch_id, row_number, national_id, region, scheme, event, effective_date, facility_code,
                   existing_scheme, kind, status, decided_by, decision_reason
            from entitlement_conflict
            """;

    private static Conflict conflict(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Conflict(rs.getLong("conflict_id"), rs.getString("batch_id"), rs.getInt("row_number"),
                rs.getString("national_id"), rs.getInt("region"), rs.getString("scheme"), rs.getString("event"),
                rs.getObject("effective_date", LocalDate.class), rs.getString("facility_code"), rs.getString("existing_scheme"),
                rs.getString("kind"), rs.getString("status"), rs.getString("decided_by"), rs.getString("decision_reason"));
    }

    public record Conflict(long conflictId, String batchId, int rowNumber, String nationalId, int region, String scheme,
                           String event, LocalDate effectiveDate, String facilityCode, String existingScheme, String kind,
                           String status, String decidedBy, String decisionReason) {
    }
}
