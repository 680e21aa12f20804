package th.go.nhso.tabien.birth;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.ThaiDates;

/**
 * Issues certificate numbers, unique per facility and Buddhist-era year of filing:
 * {@code 10670-2569-000123}. The counter row is updated in the filing transaction, so two
 * clerks filing at once queue on the row and never get the same number.
 */
@Component
class CertificateNumbers {

    private final JdbcClient jdbc;
    private final Clock clock;

    CertificateNumbers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String next(String hcode) {
        int beYear = LocalDate.now(clock).getYear() + ThaiDates.BE_OFFSET;
        return String.format("%s-%d-%06d", hcode, beYear, nextNumber(hcode, beYear));
    }

    private int nextNumber(String hcode, int beYear) {
        int updated = jdbc.sql("update certificate_sequence set last_number = last_number + 1 where facility_code = :h and be_year = :y")
                .param("h", hcode).param("y", beYear).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into certificate_sequence (facility_code, be_year, last_number) values (:h, :y, 1)")
                        .param("h", hcode).param("y", beYear).update();
                return 1;
            } catch (DuplicateKeyException firstOfTheYearRace) {
                // another filing created the year's row a moment ago: take the next number from it
                return nextNumber(hcode, beYear);
            }
        }
        return jdbc.sql("select last_number from certificate_sequence where facility_code = :h and be_year = :y")
                .param("h", hcode).param("y", beYear).query(Integer.class).single();
    }
}
