package th.go.nhso.tabien.birth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import th.go.nhso.tabien.system.ThaiDates;

/** birth_case and its child tables. */
@Repository
class BirthCaseRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    /** A case with its code lists in one statement (a list page would otherwise run two more per row). */
    private static final String SELECT_CASE = """
            select c.*,
                   array(select d.code from birth_case_defect d where d.case_id = c.case_id order by d.code) as defect_codes,
                   array(select i.code from birth_case_maternal_illness i where i.case_id = c.case_id order by i.code) as illness_codes
            from birth_case c
            """;

    BirthCaseRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The follow-up's due date (as Camunda reads it, "15 working days") and reminder cycle
     * ("R/P7D") in force when the birth was filed.
     */
    record FollowUpTerms(String due, String reminderCycle) {
    }

    /** A new case, without its number and route until {@link #setNumberAndRoute} (same transaction). */
    long insert(BirthRecord r, String filedBy, FollowUpTerms followUp) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Object> values = recordColumns(r);
        values.put("facility_code", r.facilityCode());
        values.put("status", BirthStatus.AWAITING_REGISTRATION.name());
        values.put("follow_up_due", followUp.due());
        values.put("follow_up_reminder", followUp.reminderCycle());
        values.put("duplicate_key", duplicateKey(r));
        values.put("filed_by", filedBy);
        values.put("filed_at", now);
        values.put("updated_at", now);
        String columns = String.join(", ", values.keySet());
        String params = ":" + String.join(", :", values.keySet());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into birth_case (" + columns + ") values (" + params + ")").params(values).update(key, "case_id");
        long caseId = key.getKey().longValue();
        insertIllnesses(caseId, r);
        return caseId;
    }

    void updateRecord(long caseId, BirthRecord r) {
        Map<String, Object> values = recordColumns(r);
        values.put("duplicate_key", duplicateKey(r));
        values.put("updated_at", OffsetDateTime.now(clock));
        String set = String.join(", ", values.keySet().stream().map(c -> c + " = :" + c).toList());
        jdbc.sql("update birth_case set " + set + " where case_id = :case_id").params(values).param("case_id", caseId).update();
        jdbc.sql("delete from birth_case_maternal_illness where case_id = :id").param("id", caseId).update();
        jdbc.sql("delete from birth_case_defect where case_id = :id").param("id", caseId).update();
        insertIllnesses(caseId, r);
    }

    private void insertIllnesses(long caseId, BirthRecord r) {
        for (String code : r.motherIllnesses()) {
            jdbc.sql("insert into birth_case_maternal_illness (case_id, code) values (:id, :code)")
                    .param("id", caseId).param("code", code).update();
        }
        for (String code : r.birthDefects()) {
            jdbc.sql("insert into birth_case_defect (case_id, code) values (:id, :code)")
                    .param("id", caseId).param("code", code).update();
        }
    }

    /** The same mother (PID, else nationality and passport), birth date and birth order. */
    static String duplicateKey(BirthRecord r) {
        BirthRecord.Parent m = r.mother();
        String mother = m.nationalId() != null && !m.nationalId().isBlank() ? m.nationalId()
                : m.nationality() + ":" + m.passportNumber().strip().toUpperCase(java.util.Locale.ROOT);
        return mother + "|" + birthDay(r) + "|" + r.child().birthOrder();
    }

    private static LocalDate birthDay(BirthRecord r) {
        return r.child().birthDateTime().atZoneSameInstant(ThaiDates.BANGKOK).toLocalDate();
    }

    private static Map<String, Object> recordColumns(BirthRecord r) {
        Map<String, Object> v = new HashMap<>();
        BirthRecord.Child c = r.child();
        v.put("child_first_name", emptyToNull(c.firstName()));
        v.put("child_last_name", emptyToNull(c.lastName()));
        v.put("child_sex", c.sex());
        v.put("birth_date_time", c.birthDateTime());
        v.put("birth_date", birthDay(r));
        v.put("place_of_birth", c.placeOfBirth());
        v.put("plurality", c.plurality());
        v.put("birth_order", c.birthOrder());
        v.put("weight_grams", c.weightGrams());
        v.put("gestational_age_weeks", c.gestationalAgeWeeks());
        putParent(v, "mother", r.mother());
        putParent(v, "father", r.father() == null || BirthRecordValidator.isEmpty(r.father()) ? null : r.father());
        v.put("family_status", r.familyStatus());
        v.put("attendant_type", r.attendant().type());
        v.put("attendant_name", emptyToNull(r.attendant().name()));
        v.put("mother_illness_notes", emptyToNull(r.motherIllnessNotes()));
        v.put("notes", r.other() == null ? null : emptyToNull(r.other().notes()));
        v.put("informant", r.other() == null ? null : emptyToNull(r.other().informant()));
        return v;
    }

    private static void putParent(Map<String, Object> v, String prefix, BirthRecord.Parent p) {
        v.put(prefix + "_national_id", p == null ? null : emptyToNull(p.nationalId()));
        v.put(prefix + "_document_number", p == null ? null : emptyToNull(p.passportNumber()));
        v.put(prefix + "_first_name", p == null ? null : p.firstName());
        v.put(prefix + "_last_name", p == null ? null : p.lastName());
        v.put(prefix + "_nationality", p == null ? null : p.nationality());
        v.put(prefix + "_birth_date", p == null ? null : p.birthDate());
        if (prefix.equals("mother")) {
            v.put("mother_province_code", p == null ? null : emptyToNull(p.provinceCode()));
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    Optional<BirthCase> find(String certificateNumber) {
        return jdbc.sql(SELECT_CASE + " where certificate_number = :n").param("n", certificateNumber)
                .query(this::birthCase).optional();
    }

    Optional<BirthCase> findById(long caseId) {
        return jdbc.sql(SELECT_CASE + " where case_id = :id").param("id", caseId).query(this::birthCase).optional();
    }

    /** Locks the case row for the rest of the transaction: registrations of one case queue up. */
    Optional<BirthCase> lock(String certificateNumber) {
        return jdbc.sql(SELECT_CASE + " where certificate_number = :n for update").param("n", certificateNumber)
                .query(this::birthCase).optional();
    }

    Optional<String> certificateOfDuplicate(BirthRecord r) {
        return jdbc.sql("select certificate_number from birth_case where duplicate_key = :k").param("k", duplicateKey(r))
                .query(String.class).optional();
    }

    List<BirthCase> ofFacility(String hcode, BirthStatus status, String route, int limit) {
        return jdbc.sql(SELECT_CASE + """
                        where facility_code = :h
                          and (cast(:status as varchar(30)) is null or status = :status)
                          and (cast(:route as varchar(10)) is null or route = :route)
                        order by birth_date desc, case_id desc
                        fetch first :limit rows only
                        """)
                .param("h", hcode).param("status", status == null ? null : status.name()).param("route", route)
                .param("limit", limit).query(this::birthCase).list();
    }

    /** One UPDATE for both: every update of the row writes a new version of it and its indexes. */
    void setNumberAndRoute(long caseId, String certificateNumber, String route) {
        jdbc.sql("update birth_case set certificate_number = :n, route = :r where case_id = :id")
                .param("n", certificateNumber).param("r", route).param("id", caseId).update();
    }

    FollowUpTerms followUpTerms(String certificateNumber) {
        return jdbc.sql("select follow_up_due, follow_up_reminder from birth_case where certificate_number = :n")
                .param("n", certificateNumber).query((rs, row) -> new FollowUpTerms(rs.getString(1), rs.getString(2))).single();
    }

    void setRoute(long caseId, String route) {
        jdbc.sql("update birth_case set route = :r, updated_at = :now where case_id = :id")
                .param("r", route).param("now", OffsetDateTime.now(clock)).param("id", caseId).update();
    }

    void setStatus(String certificateNumber, BirthStatus status) {
        requireOne(jdbc.sql("update birth_case set status = :s, updated_at = :now where certificate_number = :n")
                .param("s", status.name()).param("now", OffsetDateTime.now(clock)).param("n", certificateNumber).update(),
                certificateNumber);
    }

    void recordRegistration(long caseId, String childNationalId, long personId, LocalDate registeredOn, String office) {
        jdbc.sql("""
                        update birth_case set status = 'REGISTERED', child_national_id = :pid, child_person_id = :person,
                               registered_on = :on, registrar_office = :office, updated_at = :now
                        where case_id = :id
                        """)
                .param("pid", childNationalId).param("person", personId).param("on", registeredOn).param("office", office)
                .param("now", OffsetDateTime.now(clock)).param("id", caseId).update();
    }

    void recordFollowUpOutcome(long caseId, String outcome, String note) {
        jdbc.sql("update birth_case set follow_up_outcome = :o, follow_up_note = :n, updated_at = :now where case_id = :id")
                .param("o", outcome).param("n", note).param("now", OffsetDateTime.now(clock)).param("id", caseId).update();
    }

    void cancel(String certificateNumber, String reason) {
        requireOne(jdbc.sql("""
                        update birth_case set status = 'CANCELLED', cancel_reason = :r, duplicate_key = null, updated_at = :now
                        where certificate_number = :n
                        """)
                .param("r", reason).param("now", OffsetDateTime.now(clock)).param("n", certificateNumber).update(), certificateNumber);
    }

    /** A process step's case must exist: its instance's business key is the certificate number. */
    private static void requireOne(int updated, String certificateNumber) {
        if (updated != 1) {
            throw new IllegalStateException("No birth case " + certificateNumber);
        }
    }

    private BirthCase birthCase(ResultSet rs, int row) throws SQLException {
        long caseId = rs.getLong("case_id");
        BirthRecord record = new BirthRecord(
                rs.getString("facility_code"),
                new BirthRecord.Child(rs.getString("child_first_name"), rs.getString("child_last_name"), rs.getString("child_sex"),
                        rs.getObject("birth_date_time", OffsetDateTime.class), rs.getString("place_of_birth"),
                        rs.getInt("plurality"), rs.getInt("birth_order"), rs.getInt("weight_grams"),
                        rs.getInt("gestational_age_weeks")),
                parent(rs, "mother"),
                rs.getString("father_first_name") == null ? null : parent(rs, "father"),
                rs.getString("family_status"),
                new BirthRecord.Attendant(rs.getString("attendant_type"), rs.getString("attendant_name")),
                codes(rs, "defect_codes"),
                codes(rs, "illness_codes"),
                rs.getString("mother_illness_notes"),
                new BirthRecord.Other(rs.getString("notes"), rs.getString("informant")));
        String status = rs.getString("status");
        return new BirthCase(caseId, rs.getString("certificate_number"), rs.getString("facility_code"),
                BirthStatus.valueOf(status), rs.getString("route"), record, rs.getString("child_national_id"),
                rs.getObject("registered_on", LocalDate.class), rs.getString("registrar_office"),
                rs.getString("follow_up_outcome"), rs.getString("follow_up_note"), rs.getString("cancel_reason"),
                rs.getString("filed_by"), rs.getObject("filed_at", OffsetDateTime.class));
    }

    private static List<String> codes(ResultSet rs, String column) throws SQLException {
        Object[] codes = (Object[]) rs.getArray(column).getArray();
        return java.util.Arrays.stream(codes).map(String.class::cast).toList();
    }

    private static BirthRecord.Parent parent(ResultSet rs, String prefix) throws SQLException {
        return new BirthRecord.Parent(rs.getString(prefix + "_national_id"), rs.getString(prefix + "_document_number"),
                rs.getString(prefix + "_first_name"), rs.getString(prefix + "_last_name"),
                rs.getString(prefix + "_nationality"), rs.getObject(prefix + "_birth_date", LocalDate.class),
                prefix.equals("mother") ? rs.getString("mother_province_code") : null);
    }
}
