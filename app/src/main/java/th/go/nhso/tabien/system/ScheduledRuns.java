package th.go.nhso.tabien.system;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Nightly jobs run on one node of a cluster: every node's scheduler fires, the first to
 * claim the job's day in the database runs it. A node that dies mid-run leaves the rest of
 * the day to the next night, which each job catches up by design.
 */
@Component
public class ScheduledRuns {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    ScheduledRuns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True for exactly one caller per job and Bangkok day, whichever node it runs on. */
    public boolean claim(String job) {
        LocalDate day = LocalDate.now(clock.withZone(ThaiDates.BANGKOK));
        try {
            jdbc.sql("insert into scheduled_run (job, run_day, node, claimed_at) values (:job, :day, :node, :at)")
                    .param("job", job).param("day", day).param("node", node).param("at", OffsetDateTime.now(clock)).update();
            return true;
        } catch (DuplicateKeyException anotherNodeHasIt) {
            return false;
        }
    }
}
