package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.DurationSetting;
import th.go.nhso.tabien.system.Settings;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.TabienProperties;

/**
 * Agency change files: accepted at once (202), applied in the background chunk by chunk, with
 * progress anyone can watch. A file that cannot be read is refused whole before anything is
 * applied: the first pass reads it to the end, the second applies it.
 * <p>
 * The file lives only on the node that took it. While a node holds a file (queued or running)
 * it marks the batch alive every {@code tabien.entitlement.batch-heartbeat}; a batch nobody
 * marked for {@code batch-stale-after} was cut off by a crash (or a stop that did not wait for
 * it): any node then reports it as interrupted ({@code feed.interrupted}) and frees the file's
 * fingerprint, so the agency can send the same file again. The chunks that had committed are
 * not applied twice: a repeated change is a no-op and a waiting conflict is not opened again.
 */
@Service
public class EntitlementBatches {

    static final Set<String> AGENCIES = Set.of("SSO", "CGD", "DLA", "SOE", "MOI", "NHSO");
    private static final Logger log = LoggerFactory.getLogger(EntitlementBatches.class);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ChangeApplier applier;
    private final Registry registry;
    private final RuntimeService runtime;
    private final TransactionTemplate transactions;
    private final Executor executor;
    private final AuditTrail audit;
    private final Clock clock;
    private final TabienProperties.Entitlement settings;
    private final Settings durations;
    /** The batches this node holds (queued or running), marked alive by {@link #keepAliveAndReleaseInterrupted()}. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    EntitlementBatches(JdbcClient jdbc, NamedParameterJdbcTemplate named, ChangeApplier applier, Registry registry,
                       RuntimeService runtime, TransactionTemplate transactions,
                       @Qualifier("entitlementBatchExecutor") Executor executor, AuditTrail audit, Clock clock,
                       TabienProperties properties, Settings durations) {
        this.jdbc = jdbc;
        this.named = named;
        this.applier = applier;
        this.registry = registry;
        this.runtime = runtime;
        this.transactions = transactions;
        this.executor = executor;
        this.audit = audit;
        this.clock = clock;
        this.settings = properties.entitlement();
        this.durations = durations;
    }

    /**
     * Takes a file (already saved to {@code file}, which this service deletes when done) and
     * returns the batch id at once; the same file of the same agency twice is applied once.
     */
    public String submit(StaffUser user, String agency, String fileName, Path file) {
        requireRegionOrAdmin(user);
        String agencyCode = agency == null ? "" : agency.strip().toUpperCase(java.util.Locale.ROOT);
        if (!AGENCIES.contains(agencyCode)) {
            throw TabienException.invalid("feed.unknownAgency", agency, String.join(", ", AGENCIES.stream().sorted().toList()));
        }
        FileType type = FileType.of(fileName);
        // the browser's name of the file, kept for people to recognise it: a name of any length is cut to the column
        String name = fileName == null ? "-" : cut(fileName, 255);
        String sha = sha256(file);
        String batchId = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into entitlement_batch (batch_id, agency, file_name, file_sha256, status, uploaded_by, uploaded_at,
                                                       heartbeat_at)
                        values (:id, :agency, :name, :sha, 'QUEUED', :by, :now, :now)
                        """)
                .param("id", batchId).param("agency", agencyCode).param("name", name)
                .param("sha", sha).param("by", user.username()).param("now", OffsetDateTime.now(clock)).update();
        audit.record(user.username(), "UPLOAD_ENTITLEMENT_FILE", "BATCH", batchId, agencyCode + " " + name);
        try {
            jdbc.sql("insert into entitlement_file (agency, file_sha256, batch_id) values (:agency, :sha, :id)")
                    .param("agency", agencyCode).param("sha", sha).param("id", batchId).update();
        } catch (DuplicateKeyException sameFileAgain) {
            String first = jdbc.sql("select batch_id from entitlement_file where agency = :agency and file_sha256 = :sha")
                    .param("agency", agencyCode).param("sha", sha).query(String.class).single();
            finish(batchId, "DUPLICATE", "feed.duplicateFile|" + first);
            delete(file);
            return batchId;
        }
        held.add(batchId);
        try {
            executor.execute(() -> process(batchId, agencyCode, type, file));
        } catch (RuntimeException notTaken) {
            held.remove(batchId);
            throw notTaken;
        }
        return batchId;
    }

    /** Agency files carry PIDs of thousands of people: only regional approvers and admins send or read them. */
    static void requireRegionOrAdmin(StaffUser user) {
        if (user.role() != Role.ADMIN && user.role() != Role.REGIONAL_APPROVER) {
            throw TabienException.forbidden("feed.onlyRegionOrAdmin");
        }
    }

    void process(String batchId, String agency, FileType type, Path file) {
        try {
            jdbc.sql("update entitlement_batch set status = 'RUNNING' where batch_id = :id").param("id", batchId).update();
            ChangeParser parser = new ChangeParser(registry.facilitiesByCode().keySet());
            Set<String> startsAhead = new HashSet<>();
            int rows = 0;
            try (FeedReader reader = type.open(file)) {
                for (Optional<FeedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                    rows++;
                    if (parser.parse(row.get()) instanceof Change c && c.event() == Change.Event.START) {
                        startsAhead.add(c.nationalId().value() + "|" + c.effectiveDate());
                    }
                }
            }
            jdbc.sql("update entitlement_batch set rows_read = :n where batch_id = :id").param("n", rows).param("id", batchId).update();
            apply(batchId, agency, type, file, parser, startsAhead);
            finish(batchId, "DONE", null);
        } catch (UnreadableFeedException e) {
            finish(batchId, "REJECTED", e.code() + "|" + java.util.Arrays.stream(e.args()).map(String::valueOf)
                    .collect(Collectors.joining("|")));
        } catch (IOException | RuntimeException e) {
            log.error("Entitlement batch {} failed", batchId, e);
            finish(batchId, "REJECTED", "feed.failed|" + e.getClass().getSimpleName());
        } finally {
            held.remove(batchId);
            delete(file);
        }
    }

    /**
     * Marks the batches this node holds as alive, then reports those nobody marked for
     * {@code batch-stale-after} as interrupted and frees their file's fingerprint.
     */
    @Scheduled(fixedDelayString = "${tabien.entitlement.batch-heartbeat:PT30S}")
    public void keepAliveAndReleaseInterrupted() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!held.isEmpty()) {
            jdbc.sql("update entitlement_batch set heartbeat_at = :now where batch_id in (:ids) and status in ('QUEUED', 'RUNNING')")
                    .param("now", now).param("ids", List.copyOf(held)).update();
        }
        OffsetDateTime stale = now.minus(settings.batchStaleAfter());
        List<String> interrupted = jdbc.sql("""
                        select batch_id from entitlement_batch
                        where status in ('QUEUED', 'RUNNING') and coalesce(heartbeat_at, uploaded_at) < :stale
                        """)
                .param("stale", stale).query(String.class).list();
        for (String batchId : interrupted) {
            if (held.contains(batchId)) {
                continue;
            }
            boolean released = Boolean.TRUE.equals(transactions.execute(tx -> {
                int taken = jdbc.sql("""
                                update entitlement_batch set status = 'REJECTED', message = 'feed.interrupted', finished_at = :now
                                where batch_id = :id and status in ('QUEUED', 'RUNNING') and coalesce(heartbeat_at, uploaded_at) < :stale
                                """)
                        .param("now", now).param("id", batchId).param("stale", stale).update();
                if (taken == 1) {
                    jdbc.sql("delete from entitlement_file where batch_id = :id").param("id", batchId).update();
                }
                return taken == 1;
            }));
            if (released) {
                log.warn("Entitlement batch {} was cut off (no node kept it alive since {}); the agency may send the file again",
                        batchId, stale);
            }
        }
    }

    private void apply(String batchId, String agency, FileType type, Path file, ChangeParser parser, Set<String> startsAhead)
            throws IOException {
        try (FeedReader reader = type.open(file)) {
            List<Object> chunk = new ArrayList<>(settings.chunkSize());
            for (Optional<FeedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                chunk.add(parser.parse(row.get()));
                if (chunk.size() == settings.chunkSize()) {
                    applyChunk(batchId, agency, chunk, startsAhead);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                applyChunk(batchId, agency, chunk, startsAhead);
            }
        }
    }

    /** One transaction: the rights, the row report, the counters and the conflicts' cases commit together. */
    private void applyChunk(String batchId, String agency, List<Object> parsed, Set<String> startsAhead) {
        transactions.executeWithoutResult(tx -> {
            List<RowOutcome> outcomes = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            for (Object p : parsed) {
                if (p instanceof Change c) {
                    changes.add(c);
                } else {
                    outcomes.add((RowOutcome) p);
                }
            }
            ChangeApplier.Result result = applier.apply(batchId, agency, changes, startsAhead);
            outcomes.addAll(result.outcomes());
            report(batchId, outcomes);
            for (ChangeApplier.NewConflict conflict : result.conflicts()) {
                runtime.startProcessInstanceByKey(ConflictReviews.PROCESS_ID, String.valueOf(conflict.conflictId()),
                        Variables.createVariables()
                                .putValue(ConflictReviews.CONFLICT_ID, conflict.conflictId())
                                .putValue(ConflictReviews.REGION_GROUP, "region:" + conflict.region())
                                .putValue(ConflictReviews.REVIEW_DUE, durations.text(DurationSetting.ENTITLEMENT_REVIEW_DUE))
                                .putValue(ConflictReviews.REVIEW_REMINDER, "R/" + durations.text(DurationSetting.ENTITLEMENT_REVIEW_REMINDER)));
            }
        });
    }

    private void report(String batchId, List<RowOutcome> outcomes) {
        SqlParameterSource[] rows = outcomes.stream().map(o -> new MapSqlParameterSource("batch", batchId)
                .addValue("row", o.rowNumber()).addValue("pid", cut(o.nationalId(), 20)).addValue("scheme", cut(o.scheme(), 10))
                .addValue("event", cut(o.event(), 10)).addValue("outcome", o.outcome().name())
                .addValue("code", o.reasonCode()).addValue("arg", cut(o.reasonArg(), 200))).toArray(SqlParameterSource[]::new);
        named.batchUpdate("""
                insert into entitlement_batch_row (batch_id, row_number, national_id, scheme, event, outcome, reason_code, reason_arg)
                values (:batch, :row, :pid, :scheme, :event, :outcome, :code, :arg)
                """, rows);
        jdbc.sql("""
                        update entitlement_batch set applied = applied + :applied, no_ops = no_ops + :noOps,
                               conflicts = conflicts + :conflicts, rejected = rejected + :rejected
                        where batch_id = :id
                        """)
                .param("applied", count(outcomes, RowOutcome.Outcome.APPLIED))
                .param("noOps", count(outcomes, RowOutcome.Outcome.NO_OP))
                .param("conflicts", count(outcomes, RowOutcome.Outcome.CONFLICT))
                .param("rejected", count(outcomes, RowOutcome.Outcome.REJECTED)).param("id", batchId).update();
    }

    private static int count(List<RowOutcome> outcomes, RowOutcome.Outcome kind) {
        return (int) outcomes.stream().filter(o -> o.outcome() == kind).count();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private void finish(String batchId, String status, String message) {
        jdbc.sql("update entitlement_batch set status = :s, message = :m, finished_at = :now where batch_id = :id")
                .param("s", status).param("m", message).param("now", OffsetDateTime.now(clock)).param("id", batchId).update();
    }

    public Optional<Batch> find(String batchId) {
        return jdbc.sql("""
                        select batch_id, agency, file_name, status, rows_read, applied, no_ops, conflicts, rejected, message,
                               uploaded_by, uploaded_at, finished_at
                        from entitlement_batch where batch_id = :id
                        """)
                .param("id", batchId)
                .query((rs, n) -> new Batch(rs.getString("batch_id"), rs.getString("agency"), rs.getString("file_name"),
                        rs.getString("status"), rs.getInt("rows_read"), rs.getInt("applied"), rs.getInt("no_ops"),
                        rs.getInt("conflicts"), rs.getInt("rejected"), rs.getString("message"), rs.getString("uploaded_by"),
                        rs.getObject("uploaded_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class)))
                .optional();
    }

    public List<RowOutcome> rows(String batchId, boolean onlyProblems) {
        return jdbc.sql("""
                        select row_number, national_id, scheme, event, outcome, reason_code, reason_arg
                        from entitlement_batch_row where batch_id = :id
                          and (:all = true or outcome in ('CONFLICT', 'REJECTED'))
                        order by row_number
                        """)
                .param("id", batchId).param("all", !onlyProblems)
                .query((rs, n) -> new RowOutcome(rs.getInt("row_number"), rs.getString("national_id"), rs.getString("scheme"),
                        rs.getString("event"), RowOutcome.Outcome.valueOf(rs.getString("outcome")), rs.getString("reason_code"),
                        rs.getString("reason_arg")))
                .list();
    }

    public List<Batch> latest(int limit) {
        return jdbc.sql("select batch_id from entitlement_batch order by uploaded_at desc fetch first :n rows only")
                .param("n", limit).query(String.class).list().stream().map(id -> find(id).orElseThrow()).toList();
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }

    /** A batch and its counters; {@code message} is "code|arg|arg" for people to read in their language. */
    public record Batch(String batchId, String agency, String fileName, String status, int rowsRead, int applied, int noOps,
                        int conflicts, int rejected, String message, String uploadedBy, OffsetDateTime uploadedAt,
                        OffsetDateTime finishedAt) {

        public int rowsDone() {
            return applied + noOps + conflicts + rejected;
        }
    }

    enum FileType {
        CSV, XLSX;

        static FileType of(String fileName) {
            String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".xlsx")) {
                return XLSX;
            }
            throw new UnreadableFeedException("feed.unknownFileType", fileName);
        }

        FeedReader open(Path file) throws IOException {
            return this == CSV ? new CsvFeedReader(Files.newInputStream(file)) : new XlsxFeedReader(file);
        }
    }
}
