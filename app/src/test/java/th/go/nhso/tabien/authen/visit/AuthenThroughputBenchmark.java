package th.go.nhso.tabien.authen.visit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import th.go.nhso.tabien.TabienApplication;
import th.go.nhso.tabien.authen.ApiClients;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.BenchPopulation;
import th.go.nhso.tabien.support.JitWarmUp;
import th.go.nhso.tabien.support.ProcStat;

/**
 * Benchmark, not a test (issue "Visit authentication"): sustained {@code POST /api/v1/authen}
 * throughput and p50/p99 latency with wrk on loopback, against Tabien on an embedded
 * PostgreSQL 17 (fsync and synchronous_commit on) holding one million persons with an open UC
 * right at 10670; beside it pgbench running the same SQL on the same server, so the result is
 * a ratio. Goal: ≥ 0.5 of pgbench (8 clients) running app-statements.pgbench.sql, the
 * statements the app runs for a new code (transaction, the "already issued today?" read,
 * person, right, insert, both audit rows), and p99 under 25 ms. authen.pgbench.sql (the
 * three statements alone, no transaction, no audit) is printed beside it as a floor.
 *
 * <pre>./mvnw -q -B -pl app -Pbenchmark test -Dbenchmark=AuthenThroughputBenchmark</pre>
 *
 * Knobs (system properties): bench.persons (1000000), bench.seconds (30), bench.warmup (10: seconds
 * of a warm-up round; rounds repeat until the JIT compilers take under bench.jit-quiet cores,
 * 0.10, at most bench.warmup-rounds, 30),
 * bench.connections (8), bench.threads (2), bench.pool (Hikari pool size; default the app's),
 * bench.statements=true (loads pg_stat_statements and prints per-statement calls and times:
 * diagnostic only, it costs a little), bench.analyze (true: ANALYZE authen_code after the
 * warm-up, as autovacuum would within a minute; false shows the first minutes of an empty table).
 * bench.jfr=FILE (a flight recording of the wrk run, "profile" settings), bench.lean=true (also
 * pgbench with lean-statements.pgbench.sql: the SQL of a leaner design, for comparison).
 * Needs wrk and pgbench on the PATH. Before each phase it waits while another benchmark
 * ("benchwork") runs or the machine is busy (at most bench.quiet-wait seconds, 300; 0 for a
 * profiling run on a busy machine); "rest" in the CPU lines shows any interference.
 * The machine has 2 cores: wrk, the JVM and PostgreSQL share them, which is the honest
 * measurement here; the CPU split is printed. Lines starting with "BENCH" are the result.
 */
class AuthenThroughputBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.persons", 1_000_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 8);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final String POOL = System.getProperty("bench.pool", "");
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");
    private static final String JFR = System.getProperty("bench.jfr", "");
    private static final boolean LEAN = Boolean.getBoolean("bench.lean");
    private static final boolean ANALYZE = Boolean.parseBoolean(System.getProperty("bench.analyze", "true"));
    private static final long QUIET_WAIT = Long.getLong("bench.quiet-wait", 300);
    private static final String HCODE = "10670";

    private EmbeddedPostgres postgres;
    private Path work;
    private long postmasterPid;

    @Test
    void authenThroughput() throws Exception {
        String wrk = requireTool("wrk", "apt-get install -y wrk");
        String pgbench = requireTool("pgbench", "apt-get install -y postgresql-client");
        work = Files.createTempDirectory("authbench");
        Path socketDir = Files.createDirectories(Path.of("/tmp", "abpg" + ProcessHandle.current().pid()));
        Map<String, String> results = new LinkedHashMap<>();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("unix_socket_directories", socketDir.toString())
                .setRegisterShutdownHook(false);
        if (STATEMENTS) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        postgres = builder.start();
        ConfigurableApplicationContext tabien = null;
        try (Connection db = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"))) {
            postmasterPid = postmasterPid(db);
            printSettings(db);
            long started = System.nanoTime();
            tabien = startTabien();
            int port = ((ServletWebServerApplicationContext) tabien).getWebServer().getPort();
            System.out.printf("BENCH tabien started on port %d in %.1f s (pool %s)%n", port, secondsSince(started),
                    tabien.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size"));

            loadPersons(db);
            results.put("persons", String.valueOf(count(db, "select count(*) from person")));
            results.put("setup", String.format("wrk -t%d -c%d, %d s (warm-up rounds of %d s until the JIT is quiet), analyze after warm-up %s, pool %s",
                    THREADS, CONNECTIONS, SECONDS, WARMUP, ANALYZE,
                    tabien.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size")));
            String key = tabien.getBean(ApiClients.class)
                    .create(new StaffUser("bench-admin", "Bench", Role.ADMIN, null, null, null), "bench", HCODE);
            String url = "http://127.0.0.1:" + port + "/api/v1/authen";
            smokeTest(url, key);
            explain(db);
            if (STATEMENTS) {
                execute(db, "create extension if not exists pg_stat_statements");
            }

            Path lua = resource("authen.lua");
            int span = PERSONS / (2 * THREADS);
            waitForQuietMachine();
            // warm-up rounds take persons from the first half, each round after the last one's requests
            long[] warmUpFirst = {0};
            JitWarmUp.untilQuiet("wrk " + WARMUP + " s", round -> {
                String warm = run(List.of(wrk, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + WARMUP + "s", "-s", lua.toString(),
                        url, "--", key, String.valueOf(warmUpFirst[0]), String.valueOf(PERSONS), String.valueOf(span)),
                        WARMUP + 60, null);
                warmUpFirst[0] += (long) number(warm, "(\\d+) requests in");
            });
            if (ANALYZE) {
                // what autovacuum does within its first minute (naptime 60 s); without statistics the planner
                // answers "already issued today?" from the (facility, day) index (see bench.analyze=false)
                execute(db, "analyze authen_code");
                System.out.println("BENCH analyze authen_code after warm-up (bench.analyze=true)");
            }
            explainAnalyseFind(db, pid(1));
            Thread.sleep(11_000); // idle backends flush their statistics after 10 s
            if (STATEMENTS) {
                execute(db, "select pg_stat_statements_reset()");
            }

            waitForQuietMachine();
            Map<String, Long> before = pgStats(db);
            long auditBefore = count(db, "select count(*) from audit_event");
            long codesBefore = count(db, "select count(*) from authen_code");
            CpuWindow cpu = new CpuWindow();
            JitWarmUp.Window jit = new JitWarmUp.Window();
            jdk.jfr.Recording recording = null;
            if (!JFR.isBlank()) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            String out = run(List.of(wrk, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + SECONDS + "s", "--latency", "-s",
                    lua.toString(), url, "--", key, String.valueOf(PERSONS / 2), String.valueOf(PERSONS), String.valueOf(span)),
                    SECONDS + 60, cpu);
            double jitCores = jit.jitCores();
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(JFR));
                recording.close();
                System.out.println("BENCH flight recording of the wrk run: " + JFR);
            }
            System.out.println(indent(out));
            Thread.sleep(11_000);
            Map<String, Long> after = pgStats(db);
            long audits = count(db, "select count(*) from audit_event") - auditBefore;
            double rps = number(out, "Requests/sec:\\s+([\\d.]+)");
            long requests = (long) number(out, "(\\d+) requests in");
            results.put("wrk req/s", String.format("%.1f", rps));
            results.put("wrk p50 ms", String.format("%.2f", latencyMs(out, "50%")));
            results.put("wrk p75 ms", String.format("%.2f", latencyMs(out, "75%")));
            results.put("wrk p90 ms", String.format("%.2f", latencyMs(out, "90%")));
            results.put("wrk p99 ms", String.format("%.2f", latencyMs(out, "99%")));
            results.put("wrk max ms", String.format("%.2f", latency(out, "Latency\\s+\\S+\\s+\\S+\\s+(\\S+)")));
            results.put("wrk non-2xx", String.valueOf((long) optionalNumber(out, "Non-2xx or 3xx responses:\\s+(\\d+)")));
            results.put("wrk socket errors", socketErrors(out));
            results.put("wrk created/existing/other", text(out, "LUA created=(\\d+) existing=(\\d+) other=(\\d+)", 0)
                    .replace("LUA ", ""));
            results.put("wrk cpu cores", cpu.summary());
            results.put("wrk JIT compilers", String.format("%.2f cores (part of jvm; quiet below %.2f)", jitCores,
                    JitWarmUp.QUIET_CORES));
            results.put("interference (rest > 0.15 cores)", cpu.cores("other") > 0.15 ? "YES during wrk" : "no");
            results.put("wrk cpu ms/request", String.format("jvm %.3f, postgres %.3f, wrk %.3f",
                    cpu.cores("jvm") * 1000 / rps, cpu.cores("postgres") * 1000 / rps, cpu.cores("tool") * 1000 / rps));
            long writes = audits + count(db, "select count(*) from authen_code") - codesBefore;
            long syncs = after.get("wal_sync") - before.get("wal_sync");
            results.put("wrk transactions/request", String.format("%.2f (read-only included; writing: %.2f, audit rows %.2f)",
                    (after.get("xact_commit") - before.get("xact_commit")) / (double) requests, writes / (double) requests,
                    audits / (double) requests));
            results.put("wrk wal syncs/s", String.format("%.0f (%.2f writing commits per sync)", syncs / (double) SECONDS,
                    writes / (double) Math.max(1, syncs)));
            if (STATEMENTS) {
                printStatements(db, requests);
            }
            printIndexUse(db);
            explainAnalyseFind(db, pid(PERSONS / 2 + 1));

            Path authenSql = resource("authen.pgbench.sql");
            Path appSql = resource("app-statements.pgbench.sql");
            String tcp = "127.0.0.1";
            String keyHash = sha256(key);
            double tps8 = pgbench(results, "pgbench c=8 tcp", pgbench, tcp, 8, authenSql, 10, keyHash);
            pgbench(results, "pgbench c=2 tcp", pgbench, tcp, 2, authenSql, 11, keyHash);
            pgbench(results, "pgbench c=8 socket", pgbench, socketDir.toString(), 8, authenSql, 12, keyHash);
            double app8 = pgbench(results, "pgbench app-statements c=8 tcp", pgbench, tcp, 8, appSql, 13, keyHash);
            if (LEAN) {
                double lean = pgbench(results, "pgbench lean-statements c=8 tcp", pgbench, tcp, 8,
                        resource("lean-statements.pgbench.sql"), 14, keyHash);
                results.put("ratio lean-statements/pgbench(c=8)", String.format("%.3f", lean / tps8));
            }
            results.put("ratio wrk/pgbench(c=8)", String.format("%.3f", rps / tps8));
            results.put("ratio wrk/app-statements(c=8)", String.format("%.3f", rps / app8));
            // the goal compares with pgbench running the very statements the app runs for a new code:
            // its transaction, the "already issued today?" read and the two audit rows included
            results.put("goal", (rps / app8 >= 0.5 ? "ratio MET" : "ratio MISSED") + " (wrk/app-statements >= 0.5), "
                    + (latencyMs(out, "99%") < 25 ? "p99 MET" : "p99 MISSED"));
        } finally {
            if (tabien != null) {
                tabien.close();
            }
            postgres.close();
            deleteQuietly(socketDir);
            deleteQuietly(work);
        }
        System.out.println();
        results.forEach((k, v) -> System.out.printf("BENCH %-34s %s%n", k, v));
    }

    // ---------------------------------------------------------------- the application

    private ConfigurableApplicationContext startTabien() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--tabien.api.requests-per-second=1000000", "--tabien.api.burst=1000000"));
        if (!POOL.isBlank()) {
            args.add("--spring.datasource.hikari.maximum-pool-size=" + POOL);
        }
        return new SpringApplicationBuilder(TabienApplication.class).profiles("postgres").run(args.toArray(String[]::new));
    }

    private static void smokeTest(String url, String key) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"nationalId\":\"" + pid(PERSONS) + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\",\"facilityCode\":\""
                + HCODE + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("BENCH smoke test: " + response.statusCode() + " " + response.body());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/authen should answer 201, got " + response.statusCode());
        }
    }

    // ---------------------------------------------------------------- the data

    /** Person i (1..PERSONS), as authen.lua computes it. */
    static String pid(int i) {
        return BenchPopulation.pid(i);
    }

    private static void loadPersons(Connection db) throws SQLException {
        BenchPopulation.load(db, PERSONS, i -> new BenchPopulation.Right("UC", "2020-01-01", HCODE));
    }

    /** The plans of the authen statements with parameters bound as the app binds them (setString: varchar). */
    private static void explain(Connection db) throws SQLException {
        String pid = pid(PERSONS / 3);
        String[] statements = {
                "select person_id from person where national_id = ?",
                "select * from authen_code where national_id = ? and facility_code = '10670' and service_type = 'OPD'"
                        + " and service_date = current_date",
                "select * from entitlement where person_id = (select person_id from person where national_id = ?)"
                        + " order by valid_from desc, entitlement_id desc"};
        for (String sql : statements) {
            try (PreparedStatement ps = db.prepareStatement("explain " + sql)) {
                ps.setString(1, pid);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(" | ").append(rs.getString(1).strip());
                    }
                }
                System.out.println("BENCH plan: " + sql.replaceAll("\\s+", " ") + plan);
                if (plan.toString().contains("Seq Scan on person") || plan.toString().contains("Seq Scan on authen_code")) {
                    System.out.println("BENCH WARNING: a sequential scan where an index was expected");
                }
            }
        }
    }

    /** Index scans and index entries read per request over warm-up and run: a filter on a wide index shows here. */
    private static void printIndexUse(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes
                where relname in ('person', 'entitlement', 'authen_code', 'api_client', 'facility', 'audit_event')
                  and idx_scan > 0 order by idx_tup_read desc
                """)) {
            while (rs.next()) {
                System.out.printf("BENCH index %s.%s: %,d scans, %,d entries read (%.1f per scan)%n", rs.getString(1),
                        rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(4) / (double) Math.max(1, rs.getLong(3)));
            }
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select n_live_tup, coalesce(last_autoanalyze::text, 'never'), autoanalyze_count from pg_stat_user_tables
                where relname = 'authen_code'
                """)) {
            rs.next();
            System.out.printf("BENCH authen_code: %,d live rows, last autoanalyze %s (%d times)%n", rs.getLong(1),
                    rs.getString(2), rs.getLong(3));
        }
    }

    /** The app's find (already issued today?) as a server-side prepared statement, as pgjdbc runs it after 5 uses. */
    private static void explainAnalyseFind(Connection db, String pid) throws SQLException {
        String sql = "explain (analyze, buffers, costs off, timing off, summary off) select authen_code from authen_code"
                + " where national_id = ? and facility_code = ? and service_type = ? and service_date = ?";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, pid);
            ps.setString(2, HCODE);
            ps.setString(3, "OPD");
            ps.setObject(4, java.time.LocalDate.now(th.go.nhso.tabien.system.ThaiDates.BANGKOK));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(" | ").append(rs.getString(1).strip());
                }
            }
            System.out.println("BENCH plan of find (already issued today?):" + plan);
        }
    }

    // ---------------------------------------------------------------- pgbench

    private double pgbench(Map<String, String> results, String label, String pgbench, String host, int clients,
                           Path script, int dayOffset, String keyHash) throws Exception {
        waitForQuietMachine();
        CpuWindow cpu = new CpuWindow();
        String out = run(List.of(pgbench, "-n", "-M", "prepared", "-h", host, "-p", String.valueOf(postgres.getPort()),
                "-U", "postgres", "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                "-T", String.valueOf(SECONDS), "-D", "persons=" + PERSONS, "-D", "dayoff=" + dayOffset,
                "-D", "keyhash=" + keyHash, "-D", "hcode=" + HCODE, "-f", script.toString(), "postgres"), SECONDS + 60, cpu);
        System.out.println(indent(out));
        double tps = number(out, "tps = ([\\d.]+)");
        results.put(label + " tps", String.format("%.1f (latency avg %s ms, failed %s; cpu %s)", tps,
                text(out, "latency average = ([\\d.]+) ms", 1), text(out, "number of failed transactions: (\\d+)", 1),
                cpu.summary()));
        if (cpu.cores("other") > 0.15) {
            results.merge("interference (rest > 0.15 cores)", "YES during " + label, (a, b) -> a.equals("no") ? b : a + ", " + b);
        }
        return tps;
    }

    // ---------------------------------------------------------------- processes

    private String run(List<String> command, int timeoutSeconds, CpuWindow cpu) throws Exception {
        System.out.println("BENCH $ " + String.join(" ", command).replaceAll("tbn_\\S+", "tbn_…")
                .replaceAll("keyhash=\\S+", "keyhash=…"));
        Path output = Files.createTempFile(work, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (cpu != null) {
            cpu.measure(process.pid(), postmasterPid, SECONDS);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = Files.readString(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed (" + process.exitValue() + "):\n" + out);
        }
        return out;
    }

    private static String requireTool(String name, String install) throws Exception {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path tool = Path.of(dir, name);
            if (Files.isExecutable(tool)) {
                return tool.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: " + install + " (as root), then run the benchmark again");
    }

    /**
     * Waits (30 s polls, 20 min at most) while another benchmark ("benchwork") runs, so runs never
     * overlap; then (10 s polls, 5 min at most) until the machine is quiet apart from this JVM and
     * its PostgreSQL, which are idle between phases. Warns when it gives up.
     */
    private void waitForQuietMachine() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        boolean told = false;
        while (otherBenchmarkRunning() && System.nanoTime() < deadline) {
            if (!told) {
                System.out.println("BENCH waiting: another benchmark (benchwork) is running");
                told = true;
            }
            Thread.sleep(30_000);
        }
        if (otherBenchmarkRunning()) {
            System.out.println("BENCH WARNING: another benchmark still runs after 20 min; the figures overlap with it");
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(QUIET_WAIT);
        double busy;
        told = false;
        while ((busy = foreignLoad()) > 0.2 && System.nanoTime() < deadline) {
            if (!told) {
                System.out.printf("BENCH waiting: %.2f cores busy outside this benchmark%n", busy);
                told = true;
            }
            Thread.sleep(10_000);
        }
        if (busy > 0.2) {
            System.out.printf("BENCH WARNING: %.2f cores still busy outside this benchmark after %d s%n", busy, QUIET_WAIT);
        }
    }

    /** Cores busy over 3 s outside this JVM and its PostgreSQL (both idle between phases). */
    private double foreignLoad() throws InterruptedException {
        CpuWindow probe = new CpuWindow();
        probe.measure(-1, postmasterPid, 5);
        return probe.cores("other");
    }

    static boolean otherBenchmarkRunning() {
        long self = ProcessHandle.current().pid();
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                    .anyMatch(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains("benchwork");
                        } catch (IOException gone) {
                            return false;
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    private static long postmasterPid(Connection db) throws SQLException, IOException {
        long backend = count(db, "select pg_backend_pid()");
        return ProcStat.of(backend).orElseThrow().parentPid();
    }

    /**
     * CPU used during a run, in cores: the JVM (the app), PostgreSQL (postmaster and its children),
     * the load tool, and the whole machine. Sampled from 1 s after the start to 1 s before the end,
     * while every process still lives.
     */
    private static final class CpuWindow {
        private static final double TICK = ProcStat.TICKS_PER_SECOND;
        private final Map<String, Double> cores = new HashMap<>();
        private double machine = Double.NaN;
        private List<String> others = List.of();
        private Thread sampler;

        void measure(long toolPid, long postmaster, int seconds) {
            sampler = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    Map<String, Long> a = sample(toolPid, postmaster);
                    ProcStat.Machine ma = ProcStat.machine();
                    long t0 = System.nanoTime();
                    Thread.sleep((seconds - 2) * 1000L);
                    Map<String, Long> b = sample(toolPid, postmaster);
                    ProcStat.Machine mb = ProcStat.machine();
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    for (String g : List.of("jvm", "postgres", "tool")) {
                        cores.put(g, (b.getOrDefault(g, 0L) - a.getOrDefault(g, 0L)) / TICK / elapsed);
                    }
                    machine = (mb.busy() - ma.busy()) / TICK / elapsed;
                    double accounted = cores.get("jvm") + cores.get("postgres") + cores.get("tool");
                    cores.put("other", machine - accounted);
                    Map<String, Long> top = new HashMap<>();
                    b.forEach((k, v) -> {
                        if (k.startsWith("pid ")) {
                            top.put(k, v - a.getOrDefault(k, 0L));
                        }
                    });
                    others = top.entrySet().stream().filter(e -> e.getValue() / TICK / elapsed >= 0.02)
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                            .map(e -> String.format("%s %.2f", e.getKey().replaceFirst("pid \\d+ ", ""), e.getValue() / TICK / elapsed))
                            .toList();
                    cores.put("idle", (mb.idle() - ma.idle()) / TICK / elapsed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        double cores(String group) {
            join();
            return cores.getOrDefault(group, Double.NaN);
        }

        String summary() {
            join();
            return String.format("jvm %.2f, postgres %.2f, tool %.2f, rest %.2f %s; machine busy %.2f of %d, idle+iowait %.2f",
                    cores("jvm"), cores("postgres"), cores("tool"), cores("other"), others, machine,
                    Runtime.getRuntime().availableProcessors(), cores("idle"));
        }

        private void join() {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Per group, the CPU ticks of the processes alive now (backends live through a run). */
        private static Map<String, Long> sample(long toolPid, long postmaster) {
            Map<String, Long> ticks = new HashMap<>();
            long jvm = ProcessHandle.current().pid();
            try (var procs = Files.list(Path.of("/proc"))) {
                procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                    long pid = Long.parseLong(n);
                    ProcStat stat = ProcStat.of(pid).orElse(null);
                    if (stat == null) {
                        return;
                    }
                    String group = pid == jvm ? "jvm" : pid == toolPid ? "tool"
                            : pid == postmaster || stat.parentPid() == postmaster ? "postgres" : null;
                    if (group != null) {
                        ticks.merge(group, stat.ownTicks(), Long::sum);
                    } else {
                        ticks.put("pid " + pid + " " + stat.name(), stat.ownTicks());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ticks;
        }
    }

    // ---------------------------------------------------------------- PostgreSQL statistics

    private static void printSettings(Connection db) throws SQLException {
        StringBuilder s = new StringBuilder("BENCH postgres: ");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select version(), current_setting('fsync'), current_setting('synchronous_commit'),
                       current_setting('shared_buffers'), current_setting('wal_sync_method'), current_setting('max_connections')
                """)) {
            rs.next();
            s.append(rs.getString(1).replaceAll(" on .*", "")).append("; fsync ").append(rs.getString(2))
                    .append(", synchronous_commit ").append(rs.getString(3)).append(", shared_buffers ").append(rs.getString(4))
                    .append(", wal_sync_method ").append(rs.getString(5)).append(", max_connections ").append(rs.getString(6));
        }
        System.out.println(s);
        System.out.println("BENCH jvm: " + System.getProperty("java.version") + ", " + ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList() + ", cores "
                + Runtime.getRuntime().availableProcessors());
    }

    private static Map<String, Long> pgStats(Connection db) throws SQLException {
        Map<String, Long> stats = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select (select xact_commit from pg_stat_database where datname = 'postgres'),
                       (select wal_sync from pg_stat_wal)
                """)) {
            rs.next();
            stats.put("xact_commit", rs.getLong(1));
            stats.put("wal_sync", rs.getLong(2));
        }
        return stats;
    }

    private static void printStatements(Connection db, long requests) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select calls, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements order by total_exec_time desc limit 15
                """)) {
            while (rs.next()) {
                System.out.printf("BENCH statement: %.2f calls/request, %.3f ms mean, %.0f ms total: %s%n",
                        rs.getLong(1) / (double) requests, rs.getDouble(3), rs.getDouble(2),
                        abbreviate(rs.getString(4), 140));
            }
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource bench/" + name);
            }
            Path file = work.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static double number(String out, String regex) {
        return Double.parseDouble(text(out, regex, 1));
    }

    private static double optionalNumber(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String text(String out, String regex, int group) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no /" + regex + "/ in:\n" + out);
        }
        return m.group(group);
    }

    private static String socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: (.*)").matcher(out);
        return m.find() ? m.group(1).strip() : "none";
    }

    /** A percentile line of wrk's --latency distribution ("     99%   12.34ms"), in ms. */
    private static double latencyMs(String out, String percentile) {
        return latency(out, "\\n\\s+" + Pattern.quote(percentile) + "\\s+(\\S+)");
    }

    private static double latency(String out, String regex) {
        String v = text(out, regex, 1);
        Matcher m = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(v);
        if (!m.matches()) {
            throw new IllegalStateException("latency " + v);
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> n / 1000;
            case "ms" -> n;
            case "s" -> n * 1000;
            default -> n * 60_000;
        };
    }

    private static String indent(String out) {
        return out.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

}
