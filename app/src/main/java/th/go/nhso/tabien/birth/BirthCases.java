package th.go.nhso.tabien.birth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;

/**
 * What people and systems do with birth notifications: file, correct, cancel, register,
 * report unregistered, close a follow-up. Each call runs in one transaction with the
 * process engine, so a case and its process instance never disagree.
 */
@Service
public class BirthCases {

    private final BirthCaseRepository cases;
    private final BirthRecordValidator validator;
    private final CertificateNumbers numbers;
    private final RuntimeService runtime;
    private final DecisionService decisions;
    private final TaskService tasks;
    private final AreaPolicy areas;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Settings settings;
    private final BirthDefectRegistry defects;
    private final CodeLists codes;
    private final Registry registry;
    private final ProcessBusinessKey businessKeys;

    BirthCases(BirthCaseRepository cases, BirthRecordValidator validator, CertificateNumbers numbers, RuntimeService runtime,
               DecisionService decisions, TaskService tasks, AreaPolicy areas, AuditTrail audit, JdbcClient jdbc,
               Settings settings, BirthDefectRegistry defects, CodeLists codes, Registry registry,
               ProcessBusinessKey businessKeys) {
        this.businessKeys = businessKeys;
        this.decisions = decisions;
        this.defects = defects;
        this.codes = codes;
        this.registry = registry;
        this.cases = cases;
        this.validator = validator;
        this.numbers = numbers;
        this.runtime = runtime;
        this.tasks = tasks;
        this.areas = areas;
        this.audit = audit;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Files a birth and starts its process. A retried request with the same Idempotency-Key
     * gets the first filing back; the same mother, birth date and birth order filed twice is
     * refused with the first certificate number.
     */
    @Transactional
    public Filed file(StaffUser user, BirthRecord record, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<String> earlier = jdbc.sql("""
                            select certificate_number from birth_idempotency_key where username = :u and idempotency_key = :k
                            """)
                    .param("u", user.username()).param("k", idempotencyKey).query(String.class).optional();
            if (earlier.isPresent()) {
                return new Filed(require(earlier.get()), false);
            }
        }
        validator.check(record);
        requireMayFile(user, record.facilityCode());
        cases.certificateOfDuplicate(record).ifPresent(first -> {
            throw duplicate(first);
        });
        long caseId;
        try {
            caseId = cases.insert(record, user.username(), new BirthCaseRepository.FollowUpTerms(
                    settings.text(DurationSetting.BIRTH_FOLLOW_UP_DUE), "R/" + settings.text(DurationSetting.BIRTH_FOLLOW_UP_REMINDER)));
        } catch (DuplicateKeyException raceWithTheSameBirth) {
            throw duplicate(cases.certificateOfDuplicate(record).orElse("?"));
        }
        ProcessInstanceWithVariables instance = runtime.createProcessInstanceByKey(BirthProcess.ID)
                .setVariables(routeInputs(record)
                        .putValue(BirthProcess.HAS_BIRTH_DEFECTS, Variables.booleanValue(!record.birthDefects().isEmpty(), true))
                        .putValue(BirthProcess.REGISTRATION_DEADLINE,
                                Variables.stringValue(settings.text(DurationSetting.BIRTH_REGISTRATION_DEADLINE), true))
                        .putValue(BirthProcess.CASE_ID, Variables.longValue(caseId, true))
                        .putValue(BirthProcess.FACILITY_GROUP, BirthProcess.facilityGroup(record.facilityCode())))
                .executeWithVariablesInReturn();
        // Drawn last: the facility's counter row stays locked until the commit, and every
        // filing of the facility queues on it, so it is locked for the last few statements only.
        String certificateNumber = numbers.next(record.facilityCode());
        cases.setNumberAndRoute(caseId, certificateNumber, (String) instance.getVariables().get(BirthProcess.ROUTE));
        businessKeys.set(instance.getId(), certificateNumber);
        if (idempotencyKey != null) {
            jdbc.sql("""
                            insert into birth_idempotency_key (username, idempotency_key, certificate_number, created_at)
                            values (:u, :k, :c, current_timestamp)
                            """)
                    .param("u", user.username()).param("k", idempotencyKey).param("c", certificateNumber).update();
        }
        audit.recordChange(user.username(), "FILE_BIRTH", "BIRTH", certificateNumber, "mother " + motherId(record));
        return new Filed(require(certificateNumber), true);
    }

    /**
     * What the route decision (birth-nationality.dmn) reads: the parents' nationalities, "" for
     * no father's. Transient: the decision runs in the filing transaction, and the record in
     * birth_case stays the only copy.
     */
    private static VariableMap routeInputs(BirthRecord record) {
        return Variables.createVariables()
                .putValue(BirthProcess.MOTHER_NATIONALITY, Variables.stringValue(record.mother().nationality(), true))
                .putValue(BirthProcess.FATHER_NATIONALITY, Variables.stringValue(
                        record.father() == null || record.father().nationality() == null ? "" : record.father().nationality(), true));
    }

    private static TabienException duplicate(String firstCertificate) {
        return TabienException.conflict("birth.duplicate", firstCertificate).with("certificateNumber", firstCertificate);
    }

    private static String motherId(BirthRecord r) {
        return r.mother().nationalId() != null ? r.mother().nationalId() : r.mother().nationality() + " " + r.mother().passportNumber();
    }

    private void requireMayFile(StaffUser user, String hcode) {
        if (user.role() != Role.FACILITY_STAFF && user.role() != Role.ADMIN) {
            throw TabienException.forbidden("birth.onlyFacilityFiles");
        }
        areas.requireAccess(user, HospitalCode.parse(hcode));
    }

    public BirthCase require(String certificateNumber) {
        return cases.find(certificateNumber)
                .orElseThrow(() -> TabienException.notFound("birth.notFound", certificateNumber));
    }

    /** A case as a member of staff may see it: the filing facility, its province and region, admins. */
    public BirthCase view(StaffUser user, String certificateNumber) {
        BirthCase found = require(certificateNumber);
        areas.requireAccess(user, HospitalCode.parse(found.facilityCode()));
        audit.record(user.username(), "READ_BIRTH", "BIRTH", certificateNumber, null);
        return found;
    }

    public List<BirthCase> ofFacility(StaffUser user, String hcode, BirthStatus status, String route) {
        areas.requireAccess(user, HospitalCode.parse(hcode));
        audit.record(user.username(), "READ_BIRTH_LIST", "FACILITY", hcode, status == null ? null : status.name());
        return cases.ofFacility(hcode, status, route, 500);
    }

    /** The registrar registered the birth: the child's PID (none for some foreigners) arrives. */
    @Transactional
    public BirthCase register(String certificateNumber, String childNationalId, LocalDate registeredOn, String office,
                              String registrar) {
        BirthCase found = cases.lock(certificateNumber)
                .orElseThrow(() -> TabienException.notFound("birth.notFound", certificateNumber));
        if (found.status() == BirthStatus.REGISTERED) {
            throw TabienException.conflict("birth.alreadyRegistered", certificateNumber, found.childNationalId());
        }
        if (!found.status().isOpen()) {
            throw TabienException.conflict("birth.notOpen", certificateNumber, found.status().name());
        }
        NationalId pid = pidForRoute(found.route(), childNationalId);
        if (registeredOn == null || registeredOn.isAfter(LocalDate.now(th.go.nhso.tabien.system.ThaiDates.BANGKOK))) {
            throw TabienException.invalid("birth.registeredOnInvalid", registeredOn);
        }
        try {
            runtime.createMessageCorrelation(BirthProcess.MSG_REGISTERED)
                    .processInstanceBusinessKey(certificateNumber)
                    .setVariables(registration(pid, registeredOn, office))
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw TabienException.conflict("birth.notOpen", certificateNumber, found.status().name());
        }
        audit.recordChange(registrar, "REGISTER_BIRTH", "BIRTH", certificateNumber, pid == null ? null : "child " + pid.value());
        return require(certificateNumber);
    }

    /**
     * The registrar's answer as the registering step reads it. Transient: that step runs in the
     * same transaction and writes it to birth_case and the registry, so the engine keeps no copy.
     */
    private static VariableMap registration(NationalId pid, LocalDate registeredOn, String office) {
        return Variables.createVariables()
                .putValue(BirthProcess.CHILD_NATIONAL_ID, Variables.stringValue(pid == null ? null : pid.value(), true))
                .putValue(BirthProcess.REGISTERED_ON, Variables.stringValue(registeredOn.toString(), true))
                .putValue(BirthProcess.REGISTRAR_OFFICE, Variables.stringValue(office, true));
    }

    /** A Thai child gets a PID of categories 1–5; a foreign child one of 0, 6 or 7, or none yet. */
    static NationalId pidForRoute(String route, String text) {
        boolean none = text == null || text.isBlank();
        if (BirthProcess.ROUTE_THAI.equals(route)) {
            if (none) {
                throw TabienException.invalid("birth.thaiChildNeedsPid");
            }
            NationalId pid = NationalId.parse(text);
            if (!pid.category().isThaiNational()) {
                throw TabienException.invalid("birth.pidCategory", pid.value(), route);
            }
            return pid;
        }
        if (none) {
            return null;
        }
        NationalId pid = NationalId.parse(text);
        if (pid.category() != NationalId.Category.WITHOUT_STATUS && pid.category() != NationalId.Category.FOREIGN_RESIDENT
                && pid.category() != NationalId.Category.CHILD_OF_FOREIGN_RESIDENT) {
            throw TabienException.invalid("birth.pidCategory", pid.value(), route);
        }
        return pid;
    }

    /**
     * The registrar's list of births that got no birth registration: each one still waiting
     * moves to follow-up now. Returns the certificate numbers that moved.
     */
    @Transactional
    public List<String> reportUnregistered(List<String> certificateNumbers, String registrar) {
        List<String> moved = new ArrayList<>();
        for (String number : certificateNumbers) {
            boolean waiting = !runtime.createMessageCorrelation(BirthProcess.MSG_REPORTED_UNREGISTERED)
                    .processInstanceBusinessKey(number).correlateAllWithResult().isEmpty();
            if (waiting) {
                moved.add(number);
                audit.recordChange(registrar, "REPORT_UNREGISTERED", "BIRTH", number, null);
            }
        }
        return moved;
    }

    /** Cancels a wrong notification: the filing facility or an admin, with a reason. */
    @Transactional
    public void cancel(StaffUser user, String certificateNumber, String reason) {
        BirthCase found = openCaseForChange(user, certificateNumber, reason);
        runtime.createMessageCorrelation(BirthProcess.MSG_CANCELLED).processInstanceBusinessKey(found.certificateNumber())
                .setVariable("cancelReason", reason.strip()).correlateWithResult();
        audit.recordChange(user.username(), "CANCEL_BIRTH", "BIRTH", certificateNumber, reason.strip());
    }

    /** Corrects the record before registration, with a reason on the audit trail. */
    @Transactional
    public BirthCase correct(StaffUser user, String certificateNumber, BirthRecord corrected, String reason) {
        BirthCase found = openCaseForChange(user, certificateNumber, reason);
        if (!found.facilityCode().equals(corrected.facilityCode())) {
            throw TabienException.invalid("birth.facilityCannotChange");
        }
        validator.check(corrected);
        Optional<String> other = cases.certificateOfDuplicate(corrected).filter(n -> !n.equals(certificateNumber));
        if (other.isPresent()) {
            throw duplicate(other.get());
        }
        cases.updateRecord(found.caseId(), corrected);
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(certificateNumber)
                .processDefinitionKey(BirthProcess.ID).singleResult();
        // a corrected nationality can change the route; the registrar's PID is checked against it
        String route = decisions.evaluateDecisionByKey(BirthProcess.ROUTE_DECISION).variables(routeInputs(corrected))
                .evaluate().getSingleEntry();
        if (!route.equals(found.route())) {
            runtime.setVariable(instance.getId(), BirthProcess.ROUTE, route);
            cases.setRoute(found.caseId(), route);
        }
        audit.recordChange(user.username(), "CORRECT_BIRTH", "BIRTH", certificateNumber, reason.strip());
        return require(certificateNumber);
    }

    private BirthCase openCaseForChange(StaffUser user, String certificateNumber, String reason) {
        BirthCase found = cases.lock(certificateNumber)
                .orElseThrow(() -> TabienException.notFound("birth.notFound", certificateNumber));
        requireFilingFacility(user, found);
        if (!found.status().isOpen()) {
            throw TabienException.conflict("birth.notOpen", certificateNumber, found.status().name());
        }
        if (reason == null || reason.isBlank()) {
            throw TabienException.invalid("birth.reasonRequired");
        }
        return found;
    }

    /**
     * Refuses (403/404) a user who may not change the case: only the filing facility's staff
     * and ADMIN may; asked before a change form is even read.
     */
    public void requireMayChange(StaffUser user, String certificateNumber) {
        requireFilingFacility(user, require(certificateNumber));
    }

    private static void requireFilingFacility(StaffUser user, BirthCase found) {
        if (user.role() != Role.ADMIN && !(user.role() == Role.FACILITY_STAFF && user.facilityCode().equals(found.facilityCode()))) {
            throw TabienException.forbidden("birth.onlyFilingFacility", found.certificateNumber());
        }
    }

    /** Staff close a follow-up: moved away, died, or registered elsewhere with the child's PID. */
    @Transactional
    public void closeFollowUp(StaffUser user, String certificateNumber, FollowUpOutcome outcome, String childNationalId,
                              String note) {
        BirthCase found = cases.lock(certificateNumber)
                .orElseThrow(() -> TabienException.notFound("birth.notFound", certificateNumber));
        areas.requireAccess(user, HospitalCode.parse(found.facilityCode()));
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(certificateNumber)
                .taskDefinitionKey(BirthProcess.TASK_FOLLOW_UP).singleResult();
        if (task == null) {
            throw TabienException.conflict("birth.noFollowUp", certificateNumber);
        }
        LocalDate today = LocalDate.now(th.go.nhso.tabien.system.ThaiDates.BANGKOK);
        VariableMap variables = outcome == FollowUpOutcome.REGISTERED_ELSEWHERE
                ? registration(pidForRoute(found.route(), childNationalId), today, note)
                : Variables.createVariables();
        variables.putValue(BirthProcess.FOLLOW_UP_OUTCOME, outcome.name());
        cases.recordFollowUpOutcome(found.caseId(), outcome.name(), note);
        tasks.complete(task.getId(), variables);
        audit.recordChange(user.username(), "CLOSE_FOLLOW_UP", "BIRTH", certificateNumber, outcome.name());
    }

    /** Any facility that finds a birth defect in a registered child adds it to the defect registry. */
    @Transactional
    public void addBirthDefect(StaffUser user, NationalId child, String code) {
        if (user.role() != Role.FACILITY_STAFF) {
            throw TabienException.forbidden("birth.onlyFacilityFiles");
        }
        if (!codes.isDefect(code)) {
            throw TabienException.invalid("birth.unknownDefect", code);
        }
        long personId = registry.findPerson(child).orElseThrow(() -> TabienException.notFound("person.notFound", child.value()))
                .personId();
        defects.addLater(personId, code, user.facilityCode(), user.username());
        audit.recordChange(user.username(), "ADD_BIRTH_DEFECT", "PERSON", child.value(), code);
    }

    /** Due dates of the open follow-up tasks among these cases, by certificate number. */
    public Map<String, java.util.Date> followUpDueDates(List<BirthCase> cases) {
        List<String> numbers = cases.stream().filter(c -> c.status() == BirthStatus.FOLLOW_UP).map(BirthCase::certificateNumber).toList();
        Map<String, java.util.Date> due = new java.util.HashMap<>();
        if (!numbers.isEmpty()) {
            // two queries for the whole page, not one per task
            List<Task> open = tasks.createTaskQuery().taskDefinitionKey(BirthProcess.TASK_FOLLOW_UP)
                    .processInstanceBusinessKeyIn(numbers.toArray(String[]::new)).list();
            Map<String, String> numberOfInstance = new java.util.HashMap<>();
            if (!open.isEmpty()) {
                runtime.createProcessInstanceQuery()
                        .processInstanceIds(open.stream().map(Task::getProcessInstanceId).collect(java.util.stream.Collectors.toSet()))
                        .list().forEach(pi -> numberOfInstance.put(pi.getId(), pi.getBusinessKey()));
            }
            open.forEach(t -> due.put(numberOfInstance.get(t.getProcessInstanceId()), t.getDueDate()));
        }
        return due;
    }

    /** The result of a filing; {@code created} is false when an Idempotency-Key returned an earlier one. */
    public record Filed(BirthCase birth, boolean created) {
    }
}
