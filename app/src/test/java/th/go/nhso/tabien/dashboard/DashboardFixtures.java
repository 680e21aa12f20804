package th.go.nhso.tabien.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Rows straight into the features' tables, for a known data set. Province 44 (Maha Sarakham,
 * region 7) is used by no other test, so its figures are exactly what a test puts there.
 */
final class DashboardFixtures {

    static final String PROVINCE = "44";
    static final String FACILITY = "10707";
    static final String OTHER_FACILITY_IN_PROVINCE = "11051";
    /** Khon Kaen, the same region: must not show on province 44's dashboard. */
    static final String FACILITY_ELSEWHERE = "11000";

    private final JdbcClient jdbc;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private int births;

    DashboardFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static LocalDate day(YearMonth month, int day) {
        return month.atDay(day);
    }

    void birth(String facility, String status, LocalDate born, boolean registered) {
        births++;
        jdbc.sql("""
                        insert into birth_case (certificate_number, facility_code, status, route, child_sex, birth_date_time,
                            birth_date, place_of_birth, plurality, birth_order, weight_grams, gestational_age_weeks,
                            mother_first_name, mother_last_name, mother_nationality, family_status, attendant_type,
                            registered_on, filed_by, filed_at, updated_at)
                        values (:n, :f, :s, 'THAI', 'F', :t, :d, 'FACILITY', 1, 1, 3000, 39,
                            'ลับเฉพาะ', 'ลับเฉพาะ', 'THA', 'MARRIED', 'PHYSICIAN', :reg, 'test', current_timestamp, current_timestamp)
                        """)
                .param("n", "D" + tag + "-" + births).param("f", facility).param("s", status)
                .param("t", born.atTime(9, 0).atZone(ThaiDates.BANGKOK).toOffsetDateTime()).param("d", born)
                .param("reg", registered ? born.plusDays(5) : null)
                .update();
    }

    void transition(String province, String from, String to, LocalDate validFrom) {
        jdbc.sql("""
                        insert into person (national_id, first_name_th, last_name_th, sex, birth_date, nationality, province_code,
                            created_at, updated_at)
                        values (:pid, 'ลับเฉพาะ', 'ลับเฉพาะ', 'M', date '1980-01-01', 'THA', :p, current_timestamp, current_timestamp)
                        """)
                .param("pid", TestIds.nextThai().value()).param("p", province).update();
        long personId = jdbc.sql("select max(person_id) from person").query(Long.class).single();
        jdbc.sql("""
                        insert into entitlement (person_id, scheme, valid_from, source, recorded_at, previous_scheme)
                        values (:id, :to, :from, 'TEST', current_timestamp, :prev)
                        """)
                .param("id", personId).param("to", to).param("from", validFrom).param("prev", from).update();
    }

    void claimCheck(String facility, LocalDate day, String status) {
        jdbc.sql("""
                        insert into claim_check (national_id, facility_code, service_date, service_type, status, checked_at)
                        values (:pid, :f, :d, 'OPD', :s, current_timestamp)
                        """)
                .param("pid", TestIds.nextThai().value()).param("f", facility).param("d", day).param("s", status).update();
    }

    void authenCode(String facility, LocalDate day, int processingMicros) {
        jdbc.sql("""
                        insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone, scheme,
                            issued_by, issued_at, processing_micros)
                        values (:code, :pid, :f, 'OPD', :d, '0812345678', 'UC', 'test', current_timestamp, :micros)
                        """)
                .param("code", "D" + tag + "-" + (++births)).param("pid", TestIds.nextThai().value()).param("f", facility)
                .param("d", day).param("micros", processingMicros).update();
    }

    void accessRequest(String facility, String province, int region, String status, OffsetDateTime received,
                       OffsetDateTime closed) {
        jdbc.sql("""
                        insert into access_request (facility_code, province_code, region, status, created_by, created_at,
                            submitted_at, received_at, closed_at)
                        values (:f, :p, :r, :s, 'test', :rec, :rec, :rec, :closed)
                        """)
                .param("f", facility).param("p", province).param("r", region).param("s", status)
                .param("rec", received).param("closed", closed).update();
    }
}
