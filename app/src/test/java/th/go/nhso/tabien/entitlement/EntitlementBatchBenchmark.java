package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.TabienApplication;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.NationalId;

/**
 * Benchmark, not a test (issue "Entitlement changes"): one 100,000-row SSO file applied end to
 * end on PostgreSQL (fsync on) holding 1,000,000 persons. Goal: under 30 s on a 2-core machine,
 * with memory flat because the file is streamed.
 *
 * <p>Population (province 40, region 7), one open right each: 90% SSS since 2015-05-01, 9.97% UC
 * at 10670, 300 OFC. The file: 99,700 {@code SSS,END,2026-10-31} for SSS holders (continuous
 * registration opens UC from 2026-11-01) and 300 {@code SSS,START,2026-10-01} for the OFC
 * holders (OFC open + SSS start = CONFLICT in the DMN), shuffled.
 *
 * <pre>./mvnw -q -B -pl app -Pbenchmark test -Dbenchmark=EntitlementBatchBenchmark</pre>
 * Options (system properties): {@code bench.persons} (1000000), {@code bench.profile=true} samples the
 * batch thread's stack every 20 ms and prints where the time went, plus EXPLAIN of the IN-list reads;
 * {@code bench.appArgs} adds comma-separated application arguments for experiments, e.g.
 * {@code -Dbench.appArgs=--tabien.entitlement.chunk-size=5000}; {@code bench.pgConfig} adds comma-separated
 * PostgreSQL settings, e.g. {@code -Dbench.pgConfig=shared_buffers=1GB}.
 */
class EntitlementBatchBenchmark {

    static final String HEADER = "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date";
    static final int PERSONS = Integer.getInteger("bench.persons", 1_000_000);
    static final int OFC_HOLDERS = 300;
    static final int FILE_ROWS = 100_000;
    static final int END_ROWS = FILE_ROWS - OFC_HOLDERS;
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final long MB = 1024 * 1024;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setRegisterShutdownHook(false);
        if (PROFILE) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_utility", "off");
        }
        String pgConfig = System.getProperty("bench.pgConfig", "");
        for (String setting : pgConfig.isBlank() ? new String[0] : pgConfig.split(",")) {
            String[] kv = setting.split("=", 2);
            builder.setServerConfig(kv[0].strip(), kv[1].strip());
            System.out.println("BENCH-SETUP postgres setting (experiment, not the default): " + setting);
        }
        postgres = builder.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** Person i: PID "340" + i (9 digits) + check digit. */
    static String pid(int i) {
        String twelve = "340" + String.format(Locale.ROOT, "%09d", i);
        return twelve + NationalId.checkDigit(twelve);
    }

    /** One open right each: OFC for 300 of the i % 10 == 9 group, UC for the rest of it, SSS for the other 90%. */
    static String schemeOf(int i) {
        if (i % 10 != 9) {
            return "SSS";
        }
        int spacing = Math.max(1, PERSONS / 10 / OFC_HOLDERS);
        int k = i / 10;
        return k % spacing == 0 && k / spacing < OFC_HOLDERS ? "OFC" : "UC";
    }

    @Test
    void applyOneHundredThousandRowSsoFile() throws Exception {
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        String extra = System.getProperty("bench.appArgs", "");
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.split(",")));
            System.out.println("BENCH-SETUP extra application arguments (experiment, not the default): " + extra);
        }
        try (ConfigurableApplicationContext tabien = new SpringApplicationBuilder(TabienApplication.class).profiles("postgres")
                .run(args.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "BENCH-SETUP tabien started in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            long tLoad = System.nanoTime();
            int offset = load();
            System.out.printf(Locale.ROOT, "BENCH-SETUP %,d persons + rights loaded (COPY, VACUUM ANALYZE, CHECKPOINT) in %.1f s%n",
                    PERSONS, (System.nanoTime() - tLoad) / 1e9);

            Path file = Files.createTempFile("sso-changes-", ".csv");
            int[] counts = writeFile(file);
            long fileBytes = Files.size(file);
            System.out.printf(Locale.ROOT, "BENCH file: %,d rows (%,d END, %,d START), %,d bytes (%.1f MB) at %s%n",
                    counts[0] + counts[1], counts[0], counts[1], fileBytes, fileBytes / (double) MB, file);

            run(tabien, file, offset, counts[0], counts[1]);
        }
    }

    // ---------------------------------------------------------------- measured run

    private void run(ConfigurableApplicationContext tabien, Path file, int offset, int endRows, int startRows)
            throws InterruptedException {
        EntitlementBatches batches = tabien.getBean(EntitlementBatches.class);
        JdbcClient jdbc = tabien.getBean(JdbcClient.class);
        RuntimeService runtime = tabien.getBean(RuntimeService.class);
        StaffUser admin = new StaffUser("bench", "Bench", Role.ADMIN, null, null, null);

        long heapBefore = usedAfterGc();
        AfterGc afterGc = AfterGc.listen();
        Sampler sampler = PROFILE ? Sampler.start() : null;

        String walBefore = pgStats(null);
        long start = System.nanoTime();
        String batchId = batches.submit(admin, "SSO", "sso-changes-bench.csv", file);
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        long maxUsed = 0;
        double prepassDone = -1;
        double firstRowDone = -1;
        int polls = 0;
        EntitlementBatches.Batch b;
        while (true) {
            b = batches.find(batchId).orElseThrow();
            Runtime rt = Runtime.getRuntime();
            maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
            double t = (System.nanoTime() - start) / 1e9;
            if (prepassDone < 0 && b.rowsRead() > 0) {
                prepassDone = t;
            }
            if (firstRowDone < 0 && b.rowsDone() > 0) {
                firstRowDone = t;
            }
            if (!b.status().equals("QUEUED") && !b.status().equals("RUNNING")) {
                break;
            }
            if (++polls % 10 == 0) {
                System.out.printf(Locale.ROOT, "BENCH-PROGRESS t=%5.1f s %s read=%,d done=%,d heapUsed=%d MB%n", t, b.status(),
                        b.rowsRead(), b.rowsDone(), (rt.totalMemory() - rt.freeMemory()) / MB);
            }
            if (t > 20 * 60) {
                throw new AssertionError("batch " + batchId + " did not finish in 20 minutes: " + b);
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.stop();
        }
        afterGc.close();
        long maxAfterGc = afterGc.max.get();
        long gcs = afterGc.count.get();
        String walAfter = pgStats(walBefore);
        long heapAfter = usedAfterGc();
        double dbSeconds = java.time.Duration.between(b.uploadedAt(), b.finishedAt()).toNanos() / 1e9;

        int rows = endRows + startRows;
        System.out.printf(Locale.ROOT, "BENCH persons=%,d rows=%,d status=%s message=%s%n", PERSONS, rows, b.status(), b.message());
        System.out.printf(Locale.ROOT, "BENCH seconds=%.2f (db uploaded_at->finished_at %.2f s) rows/s=%,.0f%n",
                seconds, dbSeconds, rows / seconds);
        System.out.printf(Locale.ROOT, "BENCH phases: submit (sha256 + insert) returned after %.2f s; pre-pass done by %.1f s;"
                        + " first chunk committed by %.1f s; chunks %.1f s (%,.0f rows/s)%n",
                submitSeconds, prepassDone, firstRowDone, seconds - prepassDone, rows / Math.max(0.001, seconds - prepassDone));
        System.out.printf(Locale.ROOT, "BENCH heap MB: before=%d (after GC) maxDuring=%d (used incl. garbage, %d polls)"
                        + " maxAfterEachGc=%d (%d GCs during the run, the live set) after=%d (after GC) -Xmx=%d%n",
                heapBefore / MB, maxUsed / MB, polls, maxAfterGc / MB, gcs, heapAfter / MB, Runtime.getRuntime().maxMemory() / MB);
        System.out.println("BENCH postgres during the run: " + walAfter);
        System.out.printf(Locale.ROOT, "BENCH applied=%,d noOps=%,d conflicts=%,d rejected=%,d rowsRead=%,d%n",
                b.applied(), b.noOps(), b.conflicts(), b.rejected(), b.rowsRead());

        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("status DONE", b.status().equals("DONE"));
        checks.put("rowsRead = " + rows, b.rowsRead() == rows);
        checks.put("applied = " + endRows, b.applied() == endRows);
        checks.put("conflicts = " + startRows, b.conflicts() == startRows);
        checks.put("rejected = 0", b.rejected() == 0);
        checks.put("noOps = 0", b.noOps() == 0);
        long ucFromSss = count(jdbc, """
                select count(*) from entitlement where scheme = 'UC' and previous_scheme = 'SSS'
                 and valid_from = date '2026-11-01' and valid_to is null and batch_id = :b""", batchId);
        checks.put("UC(prev SSS, from 2026-11-01) = END rows [" + ucFromSss + "]", ucFromSss == endRows);
        long sssClosed = count(jdbc, "select count(*) from entitlement where scheme = 'SSS' and valid_to = date '2026-10-31'", null);
        checks.put("SSS closed 2026-10-31 = END rows [" + sssClosed + "]", sssClosed == endRows);
        long voids = count(jdbc, "select count(*) from entitlement where scheme = 'VOID'", null);
        checks.put("no VOID rows [" + voids + "]", voids == 0);
        long sssStarted = count(jdbc, "select count(*) from entitlement where scheme = 'SSS' and valid_from = date '2026-10-01'", null);
        checks.put("no SSS opened for OFC holders [" + sssStarted + "]", sssStarted == 0);
        long twoOpen = count(jdbc, """
                select count(*) from (select person_id from entitlement where valid_to is null
                                      group by person_id having count(*) > 1) t""", null);
        checks.put("nobody holds two open rights [" + twoOpen + "]", twoOpen == 0);
        long conflictRows = count(jdbc, "select count(*) from entitlement_conflict where batch_id = :b and kind = 'SECOND_RIGHT'"
                + " and existing_scheme = 'OFC' and status = 'OPEN'", batchId);
        checks.put("conflict cases = conflicts [" + conflictRows + "]", conflictRows == b.conflicts());
        long processes = runtime.createProcessInstanceQuery().processDefinitionKey(ConflictReviews.PROCESS_ID).count();
        checks.put("EntitlementChangeProcess instances = conflicts [" + processes + "]", processes == b.conflicts());
        long reportRows = count(jdbc, "select count(*) from entitlement_batch_row where batch_id = :b", batchId);
        checks.put("row report rows = " + rows + " [" + reportRows + "]", reportRows == rows);
        checks.put("file deleted", !Files.exists(file));
        checks.forEach((name, ok) -> System.out.println("BENCH check " + name + ": " + ok));
        boolean allOk = checks.values().stream().allMatch(v -> v);
        System.out.println("BENCH correct=" + allOk);
        System.out.printf(Locale.ROOT, "BENCH-SUMMARY persons=%d rows=%d seconds=%.2f rows_per_s=%.0f heap_before_mb=%d"
                        + " heap_max_mb=%d heap_after_gc_max_mb=%d applied=%d noOps=%d conflicts=%d rejected=%d correct=%s%n",
                PERSONS, rows, seconds, rows / seconds, heapBefore / MB, maxUsed / MB, maxAfterGc / MB, b.applied(),
                b.noOps(), b.conflicts(), b.rejected(), allOk);

        if (sampler != null) {
            sampler.print();
        }
        if (PROFILE) {
            topStatements(seconds);
            explain(tabien, offset);
        }
        assertThat(checks).allSatisfy((name, ok) -> assertThat(ok).as(name).isTrue());
    }

    /**
     * Before the run (previous == null): resets the statement statistics and returns "lsn|checkpoints|..." to diff;
     * after it: what PostgreSQL did in between (WAL written, checkpoints, buffers read/written by backends).
     */
    private static String pgStats(String previous) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (previous == null && PROFILE) {
                s.execute("create extension if not exists pg_stat_statements");
                s.execute("select pg_stat_statements_reset()");
            }
            String now;
            try (ResultSet rs = s.executeQuery("""
                    select pg_current_wal_lsn(), (select num_timed + num_requested from pg_stat_checkpointer),
                           (select blks_read from pg_stat_database where datname = current_database()),
                           (select blks_hit from pg_stat_database where datname = current_database()),
                           (select coalesce(sum(writes), 0) from pg_stat_io where backend_type = 'client backend')""")) {
                rs.next();
                now = rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5);
            }
            if (previous == null) {
                return now;
            }
            String[] a = previous.split("\\|");
            String[] b = now.split("\\|");
            long walBytes;
            try (ResultSet rs = s.executeQuery("select pg_wal_lsn_diff('" + b[0] + "', '" + a[0] + "')")) {
                rs.next();
                walBytes = rs.getLong(1);
            }
            return String.format(Locale.ROOT, "WAL=%d MB checkpoints=%d blocksRead=%d blocksHit=%d backendWrites=%d",
                    walBytes / MB, Long.parseLong(b[1]) - Long.parseLong(a[1]), Long.parseLong(b[2]) - Long.parseLong(a[2]),
                    Long.parseLong(b[3]) - Long.parseLong(a[3]), Long.parseLong(b[4]) - Long.parseLong(a[4]));
        } catch (SQLException e) {
            return "(statistics unavailable: " + e.getMessage() + ")";
        }
    }

    /** Where PostgreSQL spent its time during the run (pg_stat_statements, profile mode only). */
    private static void topStatements(double seconds) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select sum(calls), sum(total_exec_time), sum(wal_bytes), sum(wal_fpi)"
                    + " from pg_stat_statements")) {
                rs.next();
                System.out.printf(Locale.ROOT, "PGSTAT all statements: calls=%d exec=%.1f s (%.0f%% of the wall time)"
                                + " wal=%d MB fpi=%d%n", rs.getLong(1), rs.getDouble(2) / 1000, rs.getDouble(2) / 10 / seconds,
                        rs.getLong(3) / MB, rs.getLong(4));
            }
            try (ResultSet rs = s.executeQuery("""
                    select calls, total_exec_time, mean_exec_time, rows, shared_blks_hit, shared_blks_read, shared_blks_dirtied,
                           shared_blks_written, wal_bytes, wal_fpi, regexp_replace(query, '\\s+', ' ', 'g')
                    from pg_stat_statements order by total_exec_time desc limit 15""")) {
                while (rs.next()) {
                    String q = rs.getString(11);
                    System.out.printf(Locale.ROOT, "PGSTAT %7.0f ms calls=%6d mean=%6.3f ms rows=%7d hit=%7d read=%6d dirtied=%6d"
                                    + " written=%6d wal=%4d MB fpi=%6d  %s%n", rs.getDouble(2), rs.getLong(1), rs.getDouble(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9) / MB,
                            rs.getLong(10), q.length() > 110 ? q.substring(0, 110) + "..." : q);
                }
            }
        } catch (SQLException e) {
            System.out.println("PGSTAT unavailable: " + e.getMessage());
        }
    }

    private static long count(JdbcClient jdbc, String sql, String batchId) {
        var spec = jdbc.sql(sql);
        if (batchId != null) {
            spec = spec.param("b", batchId);
        }
        return spec.query(Long.class).single();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    // ---------------------------------------------------------------- data

    /** COPY the persons and their one open right each; returns the person_id offset (person i has id offset + i + 1). */
    private static int load() throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.setAutoCommit(true);
            int offset;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(max(person_id), 0) from person")) {
                rs.next();
                offset = rs.getInt(1);
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t = System.nanoTime();
            String now = OffsetDateTime.now().toString();
            LocalDate born = LocalDate.of(1960, 1, 1);
            try (CopyWriter w = new CopyWriter(copy.copyIn("""
                    copy person (person_id, national_id, title_th, first_name_th, last_name_th, sex, birth_date, nationality,
                                 province_code, created_at, updated_at) from stdin"""))) {
                for (int i = 0; i < PERSONS; i++) {
                    w.line(offset + i + 1, pid(i), i % 2 == 0 ? "นาย" : "นาง", "ทดสอบ", "สิทธิ" + i, i % 2 == 0 ? "M" : "F",
                            born.plusDays(i % 16_000), "THA", "40", now, now);
                }
            }
            System.out.printf(Locale.ROOT, "BENCH-SETUP COPY person %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            try (CopyWriter w = new CopyWriter(copy.copyIn("""
                    copy entitlement (person_id, scheme, valid_from, valid_to, source, main_facility_code, recorded_at)
                    from stdin"""))) {
                for (int i = 0; i < PERSONS; i++) {
                    String scheme = schemeOf(i);
                    String from = switch (scheme) {
                        case "SSS" -> "2015-05-01";
                        case "OFC" -> "2018-10-01";
                        default -> "2012-04-01";
                    };
                    w.line(offset + i + 1, scheme, from, null, "SEED", scheme.equals("UC") ? "10670" : null, now);
                }
            }
            System.out.printf(Locale.ROOT, "BENCH-SETUP COPY entitlement %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("select setval(pg_get_serial_sequence('person', 'person_id'), (select max(person_id) from person))");
                s.execute("vacuum analyze person");
                s.execute("vacuum analyze entitlement");
                s.execute("checkpoint");
                try (ResultSet rs = s.executeQuery("select current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_wal_size')")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "BENCH-SETUP postgres %s fsync=%s synchronous_commit=%s shared_buffers=%s"
                            + " max_wal_size=%s%n", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                }
                try (ResultSet rs = s.executeQuery("""
                        select scheme, count(*) from entitlement where valid_to is null group by scheme order by scheme""")) {
                    StringBuilder sb = new StringBuilder("BENCH-SETUP open rights:");
                    while (rs.next()) {
                        sb.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                    }
                    System.out.println(sb);
                }
            }
            System.out.printf(Locale.ROOT, "BENCH-SETUP vacuum analyze + checkpoint %.1f s%n", (System.nanoTime() - t) / 1e9);
            return offset;
        }
    }

    /** 99,700 SSS ENDs (every 9th SSS holder of 1 M) and 300 SSS STARTs for the OFC holders, shuffled like a real file. */
    private static int[] writeFile(Path file) throws IOException {
        int[] people = new int[FILE_ROWS];
        int n = 0;
        int ends = 0;
        int starts = 0;
        int sssSeen = 0;
        int stride = Math.max(1, (int) (PERSONS * 0.9 / END_ROWS));
        for (int i = 0; i < PERSONS && n < FILE_ROWS; i++) {
            String scheme = schemeOf(i);
            if (scheme.equals("OFC")) {
                people[n++] = i;
                starts++;
            } else if (scheme.equals("SSS") && sssSeen++ % stride == stride / 2 && ends < END_ROWS) {
                people[n++] = i;
                ends++;
            }
        }
        if (n != FILE_ROWS || starts != OFC_HOLDERS) {
            throw new IllegalStateException("population too small for the file: " + n + " rows, " + starts + " starts");
        }
        Random random = new Random(2026);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = people[i];
            people[i] = people[j];
            people[j] = tmp;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int i : people) {
                out.write(pid(i));
                out.write(schemeOf(i).equals("OFC") ? ",SSS,START,2026-10-01,,,,\n" : ",SSS,END,2026-10-31,,,,\n");
            }
        }
        return new int[] {ends, starts};
    }

    /** Text-format COPY rows, sent in 64 KB pieces so the load is streamed too. */
    private static final class CopyWriter implements AutoCloseable {
        private final CopyIn copy;
        private final StringBuilder sb = new StringBuilder(1 << 17);

        CopyWriter(CopyIn copy) {
            this.copy = copy;
        }

        void line(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(values[i] == null ? "\\N" : values[i].toString());
            }
            sb.append('\n');
            if (sb.length() > 1 << 16) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            copy.endCopy();
        }
    }

    /** Heap used right after each collection during the run (young ones included): what the run really keeps. */
    private static final class AfterGc implements javax.management.NotificationListener, AutoCloseable {
        final AtomicLong max = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
        private final java.util.Set<String> heapPools = new java.util.HashSet<>();

        static AfterGc listen() {
            AfterGc l = new AfterGc();
            ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .forEach(p -> l.heapPools.add(p.getName()));
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(l, null, null);
                    l.emitters.add(e);
                }
            }
            return l;
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
            max.accumulateAndGet(used, Math::max);
            count.incrementAndGet();
        }

        @Override
        public void close() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
    }

    // ---------------------------------------------------------------- profiling (bench.profile=true)

    /** Samples the batch thread every 20 ms: which part of the work it is in, and whether it waits on PostgreSQL. */
    private static final class Sampler implements Runnable {
        private final Map<String, AtomicLong> phases = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> topFrames = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread self;
        private long samples;

        static Sampler start() {
            Sampler s = new Sampler();
            s.self = new Thread(s, "bench-sampler");
            s.self.setDaemon(true);
            s.self.start();
            return s;
        }

        @Override
        public void run() {
            Thread batch = null;
            while (running) {
                if (batch == null || !batch.isAlive()) {
                    batch = Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().startsWith("entitlement-batch-")).findFirst().orElse(null);
                }
                if (batch != null) {
                    StackTraceElement[] stack = batch.getStackTrace();
                    if (stack.length > 0 && !isIdle(stack)) {
                        samples++;
                        String phase = phaseOf(stack) + (waitsOnDb(stack) ? " [db wait]" : " [jvm cpu]");
                        phases.computeIfAbsent(phase, k -> new AtomicLong()).incrementAndGet();
                        topFrames.computeIfAbsent(firstAppFrame(stack), k -> new AtomicLong()).incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            self.join();
        }

        private static boolean isIdle(StackTraceElement[] stack) {
            for (StackTraceElement e : stack) {
                if (e.getClassName().endsWith("EntitlementBatches")) {
                    return false;
                }
            }
            return true;
        }

        private static String phaseOf(StackTraceElement[] stack) {
            // innermost first: the first match names the phase
            for (StackTraceElement e : stack) {
                String c = e.getClassName();
                String m = e.getMethodName();
                boolean lambda = m.startsWith("lambda$");
                if (lambda) {
                    m = m.split("\\$")[1];
                }
                if (m.equals("startProcessInstanceByKey")) {
                    return "camunda process start";
                }
                if (c.endsWith("StartRules")) {
                    return "DMN rules (refresh/decide)";
                }
                if (c.endsWith("ChangeApplier")) {
                    return switch (m) {
                        case "load" -> "applier.load (IN-list selects)";
                        case "write" -> "applier.write (close/insert rights)";
                        case "recordConflicts" -> "applier.recordConflicts";
                        case "mainHospitalByProvince" -> "applier reference reads (facilities)";
                        case "apply" -> stackHas(stack, "Registry", "provinces") ? "applier reference reads (provinces)"
                                : "applier.apply (in-memory rules)";
                        default -> "applier." + m;
                    };
                }
                if (c.endsWith("EntitlementBatches")) {
                    return switch (m) {
                        case "report" -> "batches.report (row report + counters)";
                        case "process" -> "pre-pass (read+parse whole file)";
                        case "apply" -> "main pass read+parse";
                        case "applyChunk" -> lambda ? "chunk body (outcome lists, loop)" : "transaction begin/commit";
                        default -> "batches." + m;
                    };
                }
            }
            return "other";
        }

        private static boolean stackHas(StackTraceElement[] stack, String classSuffix, String method) {
            for (StackTraceElement e : stack) {
                if (e.getClassName().endsWith(classSuffix) && e.getMethodName().equals(method)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean waitsOnDb(StackTraceElement[] stack) {
            for (int i = 0; i < Math.min(12, stack.length); i++) {
                String c = stack[i].getClassName();
                if (c.contains("SocketInputStream") || c.contains("NioSocketImpl") || c.contains("SocketDispatcher")
                        || c.startsWith("org.postgresql.core.VisibleBufferedInputStream")) {
                    return true;
                }
            }
            return false;
        }

        private static String firstAppFrame(StackTraceElement[] stack) {
            String top = stack[0].getClassName() + "." + stack[0].getMethodName();
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith("th.go.nhso")) {
                    return e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName()
                            + ":" + e.getLineNumber() + " <- top " + top;
                }
            }
            return top;
        }

        void print() {
            System.out.printf(Locale.ROOT, "PROFILE %d samples of the batch thread (20 ms apart)%n", samples);
            phases.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                    .forEach(e -> System.out.printf(Locale.ROOT, "PROFILE phase %5.1f%%  %s%n",
                            100.0 * e.getValue().get() / Math.max(1, samples), e.getKey()));
            topFrames.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(25)
                    .forEach(e -> System.out.printf(Locale.ROOT, "PROFILE frame %5.1f%%  %s%n",
                            100.0 * e.getValue().get() / Math.max(1, samples), e.getKey()));
        }
    }

    /** The plans of the chunk's two IN-list reads, with 1,000 parameters as the applier sends them. */
    private static void explain(ConfigurableApplicationContext tabien, int offset) {
        NamedParameterJdbcTemplate named = tabien.getBean(NamedParameterJdbcTemplate.class);
        Random random = new Random(7);
        List<String> pids = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int p = random.nextInt(PERSONS);
            pids.add(pid(p));
            ids.add((long) offset + p + 1);
        }
        for (var q : List.of(
                Map.entry("explain (analyze, buffers) select person_id, national_id, death_date, province_code from person"
                        + " where national_id in (:pids)", Map.<String, Object>of("pids", pids)),
                Map.entry("explain (analyze, buffers) select entitlement_id, person_id, scheme, valid_from, valid_to,"
                        + " main_facility_code from entitlement where person_id in (:ids) order by valid_from, entitlement_id",
                        Map.<String, Object>of("ids", ids)))) {
            System.out.println("EXPLAIN " + q.getKey().substring(26, 90) + "...");
            named.queryForList(q.getKey(), q.getValue(), String.class)
                    .forEach(l -> System.out.println("EXPLAIN   " + (l.length() > 160 ? l.substring(0, 160) + "...}" : l)));
        }
    }
}
