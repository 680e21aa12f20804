package th.go.nhso.tabien.birth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The birth-defect registry (ICD-10 chapter Q). Entries come from birth notifications and
 * from any facility that finds a defect in a registered child later.
 */
@Component
public class BirthDefectRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    BirthDefectRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Reports a notification's defects once; reporting again adds nothing. */
    int reportFromNotification(long caseId, String facilityCode, String reportedBy) {
        return jdbc.sql("""
                        insert into birth_defect (case_id, code, source, facility_code, reported_by, reported_at)
                        select d.case_id, d.code, 'BIRTH_NOTIFICATION', :facility, :by, :now
                        from birth_case_defect d
                        where d.case_id = :id
                          and not exists (select 1 from birth_defect b where b.case_id = d.case_id and b.code = d.code)
                        """)
                .param("id", caseId).param("facility", facilityCode).param("by", reportedBy)
                .param("now", OffsetDateTime.now(clock)).update();
    }

    /** Once the child has a registry entry, the case's defects belong to that person too. */
    void linkPerson(long caseId, long personId) {
        jdbc.sql("update birth_defect set person_id = :p where case_id = :id").param("p", personId).param("id", caseId).update();
    }

    void addLater(long personId, String code, String facilityCode, String reportedBy) {
        jdbc.sql("""
                        insert into birth_defect (person_id, code, source, facility_code, reported_by, reported_at)
                        values (:p, :code, 'FACILITY_LATER', :facility, :by, :now)
                        """)
                .param("p", personId).param("code", code).param("facility", facilityCode).param("by", reportedBy)
                .param("now", OffsetDateTime.now(clock)).update();
    }

    public List<Entry> ofPerson(long personId) {
        return jdbc.sql("select code, source, facility_code from birth_defect where person_id = :p order by defect_id")
                .param("p", personId).query((rs, n) -> new Entry(rs.getString("code"), rs.getString("source"),
                        rs.getString("facility_code"))).list();
    }

    public List<Entry> ofCase(long caseId) {
        return jdbc.sql("select code, source, facility_code from birth_defect where case_id = :c order by defect_id")
                .param("c", caseId).query((rs, n) -> new Entry(rs.getString("code"), rs.getString("source"),
                        rs.getString("facility_code"))).list();
    }

    public record Entry(String code, String source, String facilityCode) {
    }
}
