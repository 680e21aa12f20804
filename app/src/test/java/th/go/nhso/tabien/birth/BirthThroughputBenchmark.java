package th.go.nhso.tabien.birth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.support.EmbeddedPostgresConfig;
import th.go.nhso.tabien.support.JitWarmUp;
import th.go.nhso.tabien.support.ProcStat;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Throughput of the birth process end to end on a real PostgreSQL (embedded PostgreSQL 17,
 * fsync and synchronous_commit on): each case files a Thai birth for facility 10670 (a
 * mother of its own) and then registers it with a new Thai child PID, which runs the whole
 * process to its end (person and UC entitlement written, case REGISTERED).
 * <p>
 * Two variants, each from the same fixed pool of client threads, each measured right after
 * its own warm-up rounds until the JIT compilers are quiet ({@link JitWarmUp}):
 * <ul>
 * <li>{@code http}: {@code POST /api/v1/births} then
 * {@code POST /api/v1/registrar/births/{n}/registration} over real HTTP with Basic auth, as
 * a hospital system and a registrar's system call them. The API is stateless: every request
 * is authenticated (BCrypt once, then the node's short-lived HMAC of the credentials, see
 * LocalLogin) and checked against the login rules. The HTTP client runs in this JVM, so its
 * CPU counts as Tabien's.</li>
 * <li>{@code direct}: {@link BirthCases#file} and {@link BirthCases#register} called on the
 * Spring bean: the process and the database without HTTP and BCrypt.</li>
 * </ul>
 * Prints lines starting with {@code BENCH}: cases/s end to end, its ratio to the bare Camunda
 * engine (≈ 215 cases/s on the reference 2-core machine, shared/FACTS.md; Tabien's goal is
 * ≥ 100/s), file and register latency percentiles, errors, and how the CPU was split between
 * this JVM, PostgreSQL, other processes and the host (a run where "other processes" or the
 * host's steal is well above 0 was disturbed), and the JIT's and the garbage collector's share
 * of the JVM's. It asserts correctness only: every case filed ends REGISTERED. No timing is
 * asserted.
 * <p>
 * Run it alone on a quiet machine:
 * <pre>
 * ./mvnw -q -B -pl app -Pbenchmark test -Dbenchmark=BirthThroughputBenchmark [-Dbench.threads=4] [-Dbench.cases=2000]
 * </pre>
 * {@code -Dbench.statements=true} loads pg_stat_statements and prints what PostgreSQL ran per
 * case in the HTTP variant (a diagnosis: it costs every statement a little).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        // one hospital system and one registrar at full speed: the per-client limit is not what is measured
        "tabien.api.requests-per-second=1000000", "tabien.api.burst=1000000"})
@Import(EmbeddedPostgresConfig.class)
@ActiveProfiles("postgres")
class BirthThroughputBenchmark {

    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int CASES = Integer.getInteger("bench.cases", 2000);
    private static final int WARM_UP_CASES = 400;
    private static final double BARE_ENGINE_CASES_PER_SECOND = 215;
    private static final double GOAL_CASES_PER_SECOND = 100;
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

    private static final String PASSWORD = "bench-password-123";
    private static final String FILER = "bench-his-10670";
    private static final String REGISTRAR = "bench-registrar";
    private static final String REGISTRAR_OFFICE = "เทศบาลนครขอนแก่น";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired AccountDirectory accounts;
    @Autowired BirthCases births;
    @Autowired JdbcClient jdbc;

    /** One case's two steps; each returns normally only when the step succeeded. */
    private interface Steps {
        String file(BirthRecord record) throws Exception;

        void register(String certificateNumber, String childNationalId) throws Exception;
    }

    @Test
    void fileAndRegisterBirths() throws Exception {
        accounts.createOrUpdate(new NewAccount(FILER, "1100000000024", "Bench HIS", null, Role.FACILITY_STAFF, "10670", null, null), PASSWORD);
        accounts.createOrUpdate(new NewAccount(REGISTRAR, "1100000000024", "Bench registrar", null, Role.REGISTRAR, null, null, null), PASSWORD);

        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        int errors;
        long[] filed = {1};
        try {
            // The year's first filing creates the facility's certificate counter row; it goes alone,
            // because concurrent first filings race in CertificateNumbers, which is not what this measures.
            errors = Round.run(onTheBean(), clients, 1).errors;
            CpuMeter cpu = postgresCpu();
            errors += warmUp("http", overHttp(), clients, filed);
            if (STATEMENTS) {
                jdbc.sql("create extension if not exists pg_stat_statements").update();
                jdbc.sql("select pg_stat_statements_reset()").query(Object.class).single();
            }
            errors += measure("http", overHttp(), clients, cpu);
            if (STATEMENTS) {
                printStatements();
            }
            errors += warmUp("direct", onTheBean(), clients, filed);
            errors += measure("direct", onTheBean(), clients, cpu);
            filed[0] += 2 * CASES;
        } finally {
            clients.shutdown();
        }

        Map<String, Long> byStatus = jdbc.sql("select status, count(*) from birth_case group by status")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        System.out.printf("BENCH check: %d cases filed, birth_case by status %s, errors %d%n", filed[0], byStatus, errors);
        assertThat(byStatus).as("every case filed ends REGISTERED").isEqualTo(Map.of("REGISTERED", filed[0]));
    }

    private Steps overHttp() {
        return new Steps() {
            @Override
            public String file(BirthRecord record) throws Exception {
                String body = post("/api/v1/births", FILER, json.writeValueAsString(record), 201);
                return json.readTree(body).get("certificateNumber").asText();
            }

            @Override
            public void register(String certificateNumber, String childNationalId) throws Exception {
                post("/api/v1/registrar/births/" + certificateNumber + "/registration", REGISTRAR, json.writeValueAsString(Map.of(
                        "nationalId", childNationalId, "registeredOn", today().toString(), "registrarOffice", REGISTRAR_OFFICE)), 200);
            }

            /**
             * A blocking call on a kept-alive connection (HttpURLConnection): the JDK's
             * java.net.http client hands every call between threads and took about a tenth of
             * this JVM's CPU in a flight recording, CPU the real clients spend on their own machines.
             */
            private String post(String path, String username, String body, int expectedStatus) throws IOException {
                HttpURLConnection call = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
                call.setConnectTimeout(10_000);
                call.setReadTimeout(60_000);
                call.setRequestMethod("POST");
                call.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
                call.setRequestProperty("Content-Type", "application/json");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                call.setDoOutput(true);
                call.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = call.getOutputStream()) {
                    out.write(bytes);
                }
                int status = call.getResponseCode();
                String answer;
                // read to the end and close: the connection goes back to the keep-alive cache
                try (InputStream in = status >= 400 ? call.getErrorStream() : call.getInputStream()) {
                    answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (status != expectedStatus) {
                    throw new IllegalStateException("POST " + path + " answered " + status + ": " + answer);
                }
                return answer;
            }
        };
    }

    private Steps onTheBean() {
        StaffUser filer = accounts.find(FILER).orElseThrow().asStaffUser();
        StaffUser registrar = accounts.find(REGISTRAR).orElseThrow().asStaffUser();
        return new Steps() {
            @Override
            public String file(BirthRecord record) {
                return births.file(filer, record, null).birth().certificateNumber();
            }

            @Override
            public void register(String certificateNumber, String childNationalId) {
                births.register(certificateNumber, childNationalId, today(), REGISTRAR_OFFICE, registrar.username());
            }
        };
    }

    /** What PostgreSQL ran per case in the HTTP variant, the costliest first (bench.statements=true). */
    private void printStatements() {
        jdbc.sql("""
                select calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements where calls >= :cases order by total_exec_time desc
                """).param("cases", CASES / 2).query((rs, row) -> String.format(
                        "BENCH statement: %5.2f calls/case, %6.3f ms/case, %5.2f rows/case: %.160s",
                        rs.getLong(1) / (double) CASES, rs.getDouble(2) / CASES, rs.getLong(3) / (double) CASES, rs.getString(4)))
                .list().forEach(System.out::println);
        jdbc.sql("select sum(calls), sum(total_exec_time) from pg_stat_statements")
                .query((rs, row) -> String.format("BENCH statements: %.1f per case, %.2f ms execution per case",
                        rs.getLong(1) / (double) CASES, rs.getDouble(2) / CASES))
                .list().forEach(System.out::println);
    }

    /** The embedded PostgreSQL's postmaster, from the first line of postmaster.pid in its data directory. */
    private CpuMeter postgresCpu() throws IOException {
        String dataDirectory = jdbc.sql("select setting from pg_settings where name = 'data_directory'").query(String.class).single();
        return new CpuMeter(Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim()));
    }

    private static LocalDate today() {
        return LocalDate.now(ThaiDates.BANGKOK);
    }

    /**
     * Rounds of this variant alone until the JIT is quiet, right before it is measured; returns
     * the errors. A node in production only runs the HTTP path: warming both variants in
     * alternate rounds never let the compilers settle (0.2-core spikes every few rounds after 40
     * of them, deoptimisations of the code both share for each one's types).
     */
    private static int warmUp(String variant, Steps steps, ExecutorService clients, long[] filed) throws Exception {
        int[] errors = {0};
        JitWarmUp.untilQuiet(variant + ", " + WARM_UP_CASES + " cases", round -> {
            errors[0] += Round.run(steps, clients, WARM_UP_CASES).errors;
            filed[0] += WARM_UP_CASES;
        });
        System.out.printf("BENCH %s warm-up errors %d%n", variant, errors[0]);
        return errors[0];
    }

    /** Measures one variant (warmed up already) and prints its BENCH lines; returns its errors. */
    private static int measure(String variant, Steps steps, ExecutorService clients, CpuMeter cpu) throws Exception {
        CpuMeter.Sample before = cpu.sample();
        JitWarmUp.Window jit = new JitWarmUp.Window();
        Round round = Round.run(steps, clients, CASES);
        double jitCores = jit.jitCores();
        double gcCores = jit.gcCores();
        CpuMeter.Sample after = cpu.sample();

        double seconds = round.wallNanos / 1e9;
        double rate = (CASES - round.errors) / seconds;
        String prefix = "BENCH " + variant + ":";
        System.out.printf("%s %d cases, %d threads, %.2f s wall, %.1f cases/s end to end, %.2f × the bare engine (%.0f/s); goal %.0f/s%n",
                prefix, CASES, THREADS, seconds, rate, rate / BARE_ENGINE_CASES_PER_SECOND, BARE_ENGINE_CASES_PER_SECOND, GOAL_CASES_PER_SECOND);
        System.out.printf("%s file     ms p50 %6.1f  p95 %6.1f  p99 %6.1f%n", prefix,
                percentile(round.fileNanos, 50), percentile(round.fileNanos, 95), percentile(round.fileNanos, 99));
        System.out.printf("%s register ms p50 %6.1f  p95 %6.1f  p99 %6.1f%n", prefix,
                percentile(round.registerNanos, 50), percentile(round.registerNanos, 95), percentile(round.registerNanos, 99));
        System.out.printf("%s %s; of the JVM's: JIT compilers %.2f, garbage collector %.2f%n", prefix,
                CpuMeter.split(before, after), jitCores, gcCores);
        System.out.printf("%s errors %d%s%n", prefix, round.errors,
                round.firstError.get() == null ? "" : "; first: " + round.firstError.get());
        return round.errors;
    }

    /** Nearest-rank percentile in milliseconds of the steps that succeeded. */
    private static double percentile(long[] nanos, int p) {
        long[] done = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        if (done.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * done.length);
        return done[Math.max(rank, 1) - 1] / 1e6;
    }

    /** One round of cases spread over the client threads; a step that failed keeps latency -1. */
    private static final class Round {

        final long[] fileNanos;
        final long[] registerNanos;
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long wallNanos;
        int errors;

        private Round(int cases) {
            fileNanos = new long[cases];
            registerNanos = new long[cases];
            Arrays.fill(fileNanos, -1);
            Arrays.fill(registerNanos, -1);
        }

        static Round run(Steps steps, ExecutorService clients, int cases) throws Exception {
            Round round = new Round(cases);
            List<Future<?>> running = new ArrayList<>(cases);
            long start = System.nanoTime();
            for (int i = 0; i < cases; i++) {
                int index = i;
                running.add(clients.submit(() -> round.runCase(steps, index)));
            }
            for (Future<?> f : running) {
                f.get();
            }
            round.wallNanos = System.nanoTime() - start;
            round.errors = round.failures.get();
            return round;
        }

        private void runCase(Steps steps, int index) {
            BirthRecord record = BirthRecords.thai();
            String child = TestIds.nextThai().value();
            try {
                long start = System.nanoTime();
                String certificateNumber = steps.file(record);
                long filed = System.nanoTime();
                fileNanos[index] = filed - start;
                steps.register(certificateNumber, child);
                registerNanos[index] = System.nanoTime() - filed;
            } catch (Exception e) {
                failures.incrementAndGet();
                firstError.compareAndSet(null, e.toString());
            }
        }
    }

    /**
     * CPU ticks from /proc: the whole machine, this JVM, and PostgreSQL (the postmaster, the
     * children it has reaped, and its live backends). What is left is other processes, so a
     * run disturbed by anything else on the machine shows it.
     */
    private record CpuMeter(long postmasterPid) {

        static final int CORES = Runtime.getRuntime().availableProcessors();

        record Sample(long machineBusy, long machineTotal, long steal, long jvm, long postgres) {
        }

        Sample sample() {
            ProcStat.Machine machine = ProcStat.machine();
            long postgres = ProcStat.ticks(postmasterPid, true);
            for (ProcessHandle backend : ProcessHandle.of(postmasterPid).orElseThrow().children().toList()) {
                postgres += ProcStat.ticks(backend.pid(), false);
            }
            return new Sample(machine.busy(), machine.total(), machine.steal(), ProcStat.ticks(ProcessHandle.current().pid(), false),
                    postgres);
        }

        static String split(Sample before, Sample after) {
            double ticksPerCore = (double) (after.machineTotal - before.machineTotal) / CORES;
            double jvm = (after.jvm - before.jvm) / ticksPerCore;
            double postgres = (after.postgres - before.postgres) / ticksPerCore;
            double busy = (after.machineBusy - before.machineBusy) / ticksPerCore;
            double steal = (after.steal - before.steal) / ticksPerCore;
            return String.format("cpu cores busy: JVM %.2f, PostgreSQL %.2f, other processes %.2f, taken by the host (steal) %.2f, idle %.2f (of %d)",
                    jvm, postgres, busy - jvm - postgres - steal, steal, CORES - busy, CORES);
        }
    }
}
