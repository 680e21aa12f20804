package th.go.nhso.tabien.entitlement;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.system.ScheduledRuns;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * OFC dependants lose OFC on their 20th birthday and move to UC the same way as anyone
 * leaving OFC. A right is a dependant's when it started before its holder turned 20. The
 * daily run looks only at people whose 20th birthday fell in the last week (an index range
 * on birth date), so it never walks the whole registry, and a missed day is caught up.
 */
@Component
class OfcDependantsJob {

    static final int CATCH_UP_DAYS = 7;
    private static final Logger log = LoggerFactory.getLogger(OfcDependantsJob.class);

    private final JdbcClient jdbc;
    private final ChangeApplier applier;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ScheduledRuns scheduledRuns;

    OfcDependantsJob(JdbcClient jdbc, ChangeApplier applier, TransactionTemplate transactions, Clock clock,
                     ScheduledRuns scheduledRuns) {
        this.scheduledRuns = scheduledRuns;
        this.jdbc = jdbc;
        this.applier = applier;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${tabien.entitlement.dependants-cron:0 30 1 * * *}", zone = "Asia/Bangkok")
    void daily() {
        if (scheduledRuns.claim("ofc-dependants")) {
            run(LocalDate.now(clock.withZone(ThaiDates.BANGKOK)));
        }
    }

    /** Ends the OFC of every dependant who turned 20 up to {@code today}; returns how many. */
    int run(LocalDate today) {
        LocalDate bornLatest = today.minusYears(20);
        List<Change> ends = jdbc.sql("""
                        select p.national_id, p.birth_date, e.valid_from from person p
                        join entitlement e on e.person_id = p.person_id
                        where p.birth_date > :earliest and p.birth_date <= :latest and p.death_date is null
                          and e.scheme = 'OFC' and e.valid_to is null
                        """)
                .param("earliest", bornLatest.minusDays(CATCH_UP_DAYS)).param("latest", bornLatest)
                .query((rs, n) -> {
                    LocalDate twentieth = rs.getObject("birth_date", LocalDate.class).plusYears(20);
                    boolean dependant = rs.getObject("valid_from", LocalDate.class).isBefore(twentieth);
                    return dependant ? new Change(n + 1, new NationalId(rs.getString("national_id")), Scheme.OFC,
                            Change.Event.END, twentieth.minusDays(1), null, null, null, null) : null;
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
        if (ends.isEmpty()) {
            return 0;
        }
        String batchId = UUID.randomUUID().toString();
        ChangeApplier.Result result = transactions.execute(tx -> {
            jdbc.sql("""
                            insert into entitlement_batch (batch_id, agency, file_name, file_sha256, status, rows_read, uploaded_by,
                                                           uploaded_at, finished_at)
                            values (:id, 'NHSO', 'OFC dependants turning 20', :id, 'DONE', :n, 'system', current_timestamp, current_timestamp)
                            """)
                    .param("id", batchId).param("n", ends.size()).update();
            return applier.apply(batchId, "NHSO", ends, Set.of());
        });
        long applied = result.outcomes().stream().filter(o -> o.outcome() == RowOutcome.Outcome.APPLIED).count();
        log.info("OFC dependants turning 20: {} found, {} moved to UC", ends.size(), applied);
        return (int) applied;
    }
}
