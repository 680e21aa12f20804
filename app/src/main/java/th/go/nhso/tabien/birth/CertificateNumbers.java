package th.go.nhso.tabien.birth;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate ownTransaction;

    CertificateNumbers(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String next(String hcode) {
        int beYear = LocalDate.now(clock).getYear() + ThaiDates.BE_OFFSET;
        return String.format("%s-%d-%06d", hcode, beYear, nextNumber(hcode, beYear));
    }

    /** One statement: the new value comes back as the update's generated key (RETURNING on PostgreSQL). */
    private int nextNumber(String hcode, int beYear) {
        KeyHolder number = new GeneratedKeyHolder();
        int updated = jdbc.sql("update certificate_sequence set last_number = last_number + 1 where facility_code = :h and be_year = :y")
                .param("h", hcode).param("y", beYear).update(number, "last_number");
        if (updated == 0) {
            createYearRow(hcode, beYear);
            return nextNumber(hcode, beYear);
        }
        return number.getKeyAs(Number.class).intValue();
    }

    /**
     * The facility's first filing of the year creates the counter row in a transaction of its
     * own: when two filings race, the loser's duplicate key must not abort the filing's own
     * transaction (PostgreSQL refuses every statement after an error), it simply uses the row.
     */
    private void createYearRow(String hcode, int beYear) {
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.sql(
                            "insert into certificate_sequence (facility_code, be_year, last_number) values (:h, :y, 0)")
                    .param("h", hcode).param("y", beYear).update());
        } catch (DuplicateKeyException anotherFilingCreatedItFirst) {
            // the row exists now, which is all this needed
        }
    }
}
