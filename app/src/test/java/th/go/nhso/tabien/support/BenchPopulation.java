package th.go.nhso.tabien.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntFunction;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import th.go.nhso.tabien.registry.NationalId;

/**
 * The benchmarks' population: persons 1..n with one open right each, written by {@code COPY}
 * straight into Tabien's tables of a PostgreSQL the app has already migrated (a million in
 * ≈ 30–60 s on the 2-core machine), then VACUUM ANALYZE and a CHECKPOINT so the measured run
 * starts with statistics and without the load's dirty pages. Person i has {@code person_id}
 * and {@code entitlement_id} i, and the PID {@link #pid(int)}.
 */
public final class BenchPopulation {

    /** An open right: scheme, valid from (ISO date), UC main facility or null. */
    public record Right(String scheme, String validFrom, String mainFacilityCode) {
    }

    private interface Line {
        String of(int i);
    }

    private BenchPopulation() {
    }

    /** Person i: PID "3" + (50,000,000,000 + i) as 11 digits + check digit (bench/authen.lua computes the same). */
    public static String pid(int i) {
        String twelve = "3" + String.format("%011d", 50_000_000_000L + i);
        return twelve + NationalId.checkDigit(twelve);
    }

    /**
     * COPYs persons 1..{@code persons} (Thai, province 40, birth dates spread over 1940–2019)
     * and {@code rightOf(i)} for each; sets the sequences past them. Prints one BENCH line.
     */
    public static void load(Connection db, int persons, IntFunction<Right> rightOf) throws SQLException {
        long started = System.nanoTime();
        PGConnection pg = db.unwrap(PGConnection.class);
        String now = "2024-01-01 00:00:00+07";
        copy(pg, persons, "copy person (person_id, national_id, title_th, first_name_th, last_name_th, sex, birth_date,"
                + " nationality, province_code, created_at, updated_at) from stdin", i -> {
            boolean male = i % 2 == 0;
            return i + "\t" + pid(i) + "\t" + (male ? "นาย" : "นาง") + "\tทดสอบ" + (i % 1000) + "\tภาระงาน" + (i % 997) + "\t"
                    + (male ? "M" : "F") + "\t" + (1940 + i % 80) + "-" + (1 + i % 12) + "-" + (1 + i % 28)
                    + "\tTHA\t40\t" + now + "\t" + now + "\n";
        });
        double personSeconds = secondsSince(started);
        copy(pg, persons, "copy entitlement (entitlement_id, person_id, scheme, valid_from, valid_to, source,"
                + " main_facility_code, recorded_at) from stdin", i -> {
            Right right = rightOf.apply(i);
            return i + "\t" + i + "\t" + right.scheme() + "\t" + right.validFrom() + "\t\\N\tNHSO\t"
                    + (right.mainFacilityCode() == null ? "\\N" : right.mainFacilityCode()) + "\t" + now + "\n";
        });
        double copied = secondsSince(started);
        try (Statement st = db.createStatement()) {
            st.execute("select setval(pg_get_serial_sequence('person', 'person_id'), " + persons + ")");
            st.execute("select setval(pg_get_serial_sequence('entitlement', 'entitlement_id'), " + persons + ")");
            long analyse = System.nanoTime();
            st.execute("vacuum (analyze) person, entitlement");
            st.execute("checkpoint");
            System.out.printf("BENCH load: %,d persons + %,d entitlements by COPY in %.1f s (persons %.1f s), vacuum analyze +"
                    + " checkpoint %.1f s%n", persons, persons, copied, personSeconds, secondsSince(analyse));
        }
    }

    private static void copy(PGConnection pg, int rows, String sql, Line line) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 17);
            for (int i = 1; i <= rows; i++) {
                buffer.writeBytes(line.of(i).getBytes(StandardCharsets.UTF_8));
                if (buffer.size() > 1 << 16) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
