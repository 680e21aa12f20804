package th.go.nhso.tabien;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import th.go.nhso.tabien.access.AccessRequests;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.ApiClients;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.support.BenchPopulation;
import th.go.nhso.tabien.support.ProcStat;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.support.WebLogin;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Benchmark, not a test (issue #8, "Load profile and capacity model"): the whole of Tabien at
 * once on one node. An embedded PostgreSQL 17 (fsync and synchronous_commit on) gets
 * {@code bench.persons} persons (1,000,000) with one open right each (70 % UC at the region-7
 * facilities of the reference data, 20 % SSS, 10 % OFC); Tabien starts on it with its real
 * HTTP server and job executor; then, for a warm-up and a measured window, every kind of work
 * runs side by side, each on its own threads, all over HTTP as the real clients call it:
 * <ul>
 * <li>{@code birth.file}: {@code POST /api/v1/births} with a hospital system's API key (one
 * facility per thread); {@code birth.register}: the registrar's
 * {@code POST /api/v1/registrar/births/{n}/registration} (HTTP Basic) for each filed birth, so
 * the case runs to its end (child in the registry with UC);</li>
 * <li>{@code entitlement.upload}: an SSO change file ({@code bench.entitlement.rows} SSS ENDs of
 * people never touched before) by {@code POST /api/v1/entitlement-changes/batches}; and
 * {@code entitlement.file}: from the upload to the batch DONE (continuous registration opens
 * UC for each row);</li>
 * <li>{@code access.create}: a Data Center account request by a clerk's logged-in session on the
 * pages (new request, one person, the signed PDF scan, submit: four POSTs with the CSRF
 * token); {@code access.province} and {@code access.region}: the decisions by the API; and
 * {@code access.provisioned}: from the region's approval until the job executor has created
 * the account and e-mailed the person (request DONE);</li>
 * <li>{@code authen}: {@code POST /api/v1/authen} for random UC persons with a facility's API
 * key;</li>
 * <li>{@code tasks.page}: {@code GET /tasks?tab=group} by a logged-in provincial and regional
 * approver, over {@code bench.openRequests} access requests left open at the province and the
 * region before the run, plus what the run adds.</li>
 * </ul>
 * Each kind runs closed-loop (the next call as soon as the last answered) or, with
 * {@code bench.<kind>.rate} set, paced at that many calls per second over its threads.
 * Prints lines starting with {@code BENCH}: per operation count, errors, per second and
 * p50/p95/p99/max in ms; the CPU split (this JVM, of which the load threads, and PostgreSQL),
 * the load average before and after, the database size before and after, and checks of what the
 * run wrote. The load generator runs in this JVM and shares the 2 cores: the figures are what
 * one node carries with its clients beside it, i.e. a floor.
 *
 * <pre>
 * ./mvnw -q -B -pl app -Pbenchmark test -Dbenchmark=CapacityBenchmark [-Dbench.seconds=90]
 * </pre>
 * Knobs (system properties, defaults in brackets): bench.persons [1000000], bench.seconds [90],
 * bench.warmup [20], bench.openRequests [400]; per kind ({@code births}, {@code registrars},
 * {@code entitlement}, {@code access}, {@code authen}, {@code tasks}):
 * {@code bench.<kind>.threads} [1, 1, 1, 1, 2, 2] and {@code bench.<kind>.rate} [0 = closed loop;
 * not for registrars, which follow the births]; bench.entitlement.rows [1000].
 */
class CapacityBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.persons", 1_000_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 90);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 20);
    private static final int OPEN_REQUESTS = Integer.getInteger("bench.openRequests", 400);
    private static final int FILE_ROWS = Integer.getInteger("bench.entitlement.rows", 1000);
    private static final String PASSWORD = "capacity-password-123";
    private static final String REGISTRAR = "cap-registrar";
    private static final String CLERK = "cap-clerk";
    private static final String PROVINCE = "cap-province-40";
    private static final String REGION = "cap-region-7";
    private static final String HCODE = "10670";
    private static final String[] OPERATIONS = {"birth.file", "birth.register", "entitlement.upload", "entitlement.file",
        "access.create", "access.province", "access.region", "access.provisioned", "authen", "tasks.page"};

    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
    private final List<Thread> drivers = new ArrayList<>();
    private final BlockingQueue<String> filedBirths = new LinkedBlockingQueue<>();
    private final AtomicInteger nextSssHolder = new AtomicInteger();
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicBoolean sssExhausted = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    private EmbeddedPostgres postgres;
    private long postmasterPid;
    private String baseUrl;
    private ObjectMapper json;
    private byte[] signedScan;

    @Test
    void everythingAtOnceOnOneNode() throws Exception {
        for (String op : OPERATIONS) {
            recorders.put(op, new Recorder());
        }
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setRegisterShutdownHook(false).start();
        ConfigurableApplicationContext tabien = null;
        try (Connection db = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"))) {
            postmasterPid = Long.parseLong(Files.readAllLines(Path.of(text(db, "select current_setting('data_directory')"),
                    "postmaster.pid")).get(0).trim());
            long started = System.nanoTime();
            tabien = new SpringApplicationBuilder(TabienApplication.class).profiles("postgres").run("--server.port=0",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    // many clients of one facility: the per-client limit is not what is measured
                    "--tabien.api.requests-per-second=1000000", "--tabien.api.burst=1000000");
            baseUrl = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) tabien).getWebServer().getPort();
            json = tabien.getBean(ObjectMapper.class);
            System.out.printf("BENCH tabien started in %.1f s, pool %s, job executor on%n", secondsSince(started),
                    tabien.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size"));

            List<Facility> region7 = tabien.getBean(Registry.class).facilities().stream().filter(f -> f.region() == 7).toList();
            BenchPopulation.load(db, PERSONS, i -> switch (i % 10) {
                case 7, 8 -> new BenchPopulation.Right("SSS", "2015-05-01", null);
                case 9 -> new BenchPopulation.Right("OFC", "2018-10-01", null);
                default -> new BenchPopulation.Right("UC", "2012-04-01", region7.get(i % region7.size()).hcode());
            });
            signedScan = onePagePdf();
            prepareAccounts(tabien.getBean(AccountDirectory.class));
            ApiClients apiClients = tabien.getBean(ApiClients.class);
            StaffUser admin = new StaffUser("cap-admin", "Capacity", Role.ADMIN, null, null, null);
            seedOpenRequests(tabien.getBean(AccessRequests.class), region7);

            startDrivers(apiClients, admin, region7);
            System.out.printf("BENCH warm-up %d s, then %d s measured%n", WARMUP, SECONDS);
            Thread.sleep(WARMUP * 1000L);

            String loadBefore = loadAverage();
            long dbBefore = databaseSize(db);
            Cpu cpuBefore = cpu();
            windowStart = System.nanoTime();
            Thread.sleep(SECONDS * 1000L);
            windowEnd = System.nanoTime();
            Cpu cpuAfter = cpu();
            String loadAfter = loadAverage();
            stopping = true;
            for (Thread driver : drivers) {
                driver.join(TimeUnit.MINUTES.toMillis(2));
            }
            long dbAfter = databaseSize(db);

            report(cpuBefore, cpuAfter, loadBefore, loadAfter, dbBefore, dbAfter);
            printLargestTables(db);
            check(db);
        } finally {
            stopping = true;
            if (tabien != null) {
                tabien.close();
            }
            postgres.close();
        }
    }

    // ---------------------------------------------------------------- setup

    private void prepareAccounts(AccountDirectory accounts) {
        accounts.createOrUpdate(new NewAccount(REGISTRAR, "1100000000024", "Capacity registrar", null, Role.REGISTRAR,
                null, null, null), PASSWORD);
        accounts.createOrUpdate(new NewAccount(CLERK, "1100000000024", "Capacity clerk", "clerk@tabien.example",
                Role.FACILITY_STAFF, HCODE, null, null), PASSWORD);
        accounts.createOrUpdate(new NewAccount(PROVINCE, "1100000000024", "Capacity province", "province@tabien.example",
                Role.PROVINCIAL_APPROVER, null, "40", null), PASSWORD);
        accounts.createOrUpdate(new NewAccount(REGION, "1100000000024", "Capacity region", "region@tabien.example",
                Role.REGIONAL_APPROVER, null, null, 7), PASSWORD);
    }

    /**
     * Requests of the region's facilities submitted through the service before the run, every
     * second one forwarded by its province, so both approvers' task lists hold work.
     */
    private void seedOpenRequests(AccessRequests requests, List<Facility> region7) {
        long started = System.nanoTime();
        for (int n = 0; n < OPEN_REQUESTS; n++) {
            Facility f = region7.get(n % region7.size());
            StaffUser clerk = new StaffUser("cap-seed-" + f.hcode(), "Seed", Role.FACILITY_STAFF, f.hcode(), f.provinceCode(),
                    f.region());
            long id = requests.createDraft(clerk, f.hcode());
            requests.replacePeople(clerk, id, List.of(person()));
            requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", signedScan);
            requests.submit(clerk, id);
            if (n % 2 == 1) {
                StaffUser province = new StaffUser("cap-seed-province", "Seed", Role.PROVINCIAL_APPROVER, null,
                        f.provinceCode(), null);
                requests.decideAtProvince(province, id, AccessRequests.ProvinceDecision.FORWARD, Set.of(1), null);
            }
        }
        System.out.printf("BENCH setup: %d open access requests (half at the province, half at the region) in %.1f s%n",
                OPEN_REQUESTS, secondsSince(started));
    }

    private static RequestedPerson person() {
        String pid = TestIds.nextThai().value();
        return new RequestedPerson(pid, "นาย", "ผู้ขอ", "ทดสอบ", "เจ้าพนักงานสาธารณสุข", pid + "@rpst.example", "0891234567",
                EnumSet.of(DataCenterRole.E_CLAIM));
    }

    private static byte[] onePagePdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph("Signed request (capacity benchmark)"));
        document.close();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- the load

    private interface Step {
        /** One unit of work; records its own operations. */
        void run() throws Exception;
    }

    private void startDrivers(ApiClients apiClients, StaffUser admin, List<Facility> region7) throws Exception {
        int births = threads("births", 1);
        for (int t = 0; t < births; t++) {
            // one facility per thread: the certificate counter is a row per facility and year
            String hcode = region7.get(t % region7.size()).hcode();
            String key = apiClients.create(admin, "capacity births " + t, hcode);
            fileBirth(key, hcode); // the year's first filing creates the counter row: alone, before the load
            driver("births", t, births, () -> fileBirth(key, hcode));
        }
        String registrar = basic(REGISTRAR);
        for (int t = 0; t < threads("registrars", 1); t++) {
            driver("registrars", t, 0, () -> register(registrar));
        }
        String region = basic(REGION);
        for (int t = 0; t < threads("entitlement", 1); t++) {
            Connection poll = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
            driver("entitlement", t, threads("entitlement", 1), () -> changeFile(region, poll));
        }
        String province = basic(PROVINCE);
        for (int t = 0; t < threads("access", 1); t++) {
            HttpClient clerk = WebLogin.loggedIn(baseUrl, CLERK, PASSWORD);
            String csrf = WebLogin.csrfToken(clerk, baseUrl + "/access-requests");
            Connection poll = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
            driver("access", t, threads("access", 1), () -> accessRequest(clerk, csrf, province, region, poll));
        }
        String authenKey = apiClients.create(admin, "capacity authen", HCODE);
        int authen = threads("authen", 2);
        for (int t = 0; t < authen; t++) {
            Random random = new Random(t);
            driver("authen", t, authen, () -> authen(authenKey, random));
        }
        int tasks = threads("tasks", 2);
        for (int t = 0; t < tasks; t++) {
            HttpClient approver = WebLogin.loggedIn(baseUrl, t % 2 == 0 ? PROVINCE : REGION, PASSWORD);
            driver("tasks", t, tasks, () -> taskPage(approver));
        }
    }

    /** A thread running {@code step} until the end, closed-loop or paced at bench.KIND.rate over {@code of} threads. */
    private void driver(String kind, int index, int of, Step step) {
        double rate = of == 0 ? 0 : Double.parseDouble(System.getProperty("bench." + kind + ".rate", "0"));
        long interval = rate > 0 ? (long) (1e9 * of / rate) : 0;
        Thread thread = new Thread(() -> {
            long next = System.nanoTime() + (interval > 0 ? interval * index / of : 0);
            while (!stopping) {
                if (interval > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait);
                    }
                    next += interval;
                }
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the step recorded its failure; a broken step must not spin
                    sleep(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }, "benchwork-" + kind + "-" + index);
        thread.setDaemon(true);
        drivers.add(thread);
        thread.start();
    }

    private static int threads(String kind, int byDefault) {
        return Integer.getInteger("bench." + kind + ".threads", byDefault);
    }

    private void fileBirth(String key, String hcode) throws Exception {
        OffsetDateTime born = OffsetDateTime.now(ThaiDates.BANGKOK).minusDays(3).withHour(8).withMinute(30).withSecond(0).withNano(0);
        BirthRecord record = new BirthRecord(hcode,
                new BirthRecord.Child("", "ใจดี", "F", born, "FACILITY", 1, 1, 3100, 39),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมศรี", "ใจดี", "THA", LocalDate.of(1995, 4, 2), "40"),
                new BirthRecord.Parent(null, "MA1234567", "Aung", "Min", "MMR", null, null), "MARRIED",
                new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"), List.of(), List.of(), null,
                new BirthRecord.Other("", "สมศรี ใจดี (มารดา)"));
        String body = call("birth.file", post("/api/v1/births", json.writeValueAsString(record)).header("X-API-Key", key), 201);
        filedBirths.add(json.readTree(body).get("certificateNumber").asText());
    }

    private void register(String registrar) throws Exception {
        String certificateNumber = filedBirths.poll(1, TimeUnit.SECONDS);
        if (certificateNumber == null) {
            return;
        }
        String body = json.writeValueAsString(Map.of("nationalId", TestIds.nextThai().value(),
                "registeredOn", LocalDate.now(ThaiDates.BANGKOK).toString(), "registrarOffice", "เทศบาลนครขอนแก่น"));
        call("birth.register", post("/api/v1/registrar/births/" + certificateNumber + "/registration", body)
                .header("Authorization", registrar), 200);
    }

    /** An SSO file ending the SSS right of people no file touched yet (persons i with i % 10 in 7, 8). */
    private void changeFile(String region, Connection poll) throws Exception {
        if ((nextSssHolder.get() + FILE_ROWS) > PERSONS / 5) {
            // every SSS holder has had their END: a further file would only be refused rows
            if (sssExhausted.compareAndSet(false, true)) {
                System.out.printf("BENCH entitlement: all %,d SSS holders changed after %d files; no more files%n",
                        PERSONS / 5, files.get());
            }
            Thread.sleep(1000);
            return;
        }
        StringBuilder csv = new StringBuilder("national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date\n");
        String ended = LocalDate.now(ThaiDates.BANGKOK).minusDays(1).toString();
        for (int r = 0; r < FILE_ROWS; r++) {
            int k = nextSssHolder.getAndIncrement();
            int person = k / 2 * 10 + 7 + k % 2;
            csv.append(BenchPopulation.pid(person)).append(",SSS,END,").append(ended).append(",,,,\n");
        }
        String boundary = "cap" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\nSSO\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sso-" + files.incrementAndGet() + ".csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        long started = System.nanoTime();
        String body = call("entitlement.upload", HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/entitlement-changes/batches"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", region)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)), 202);
        String batchId = json.readTree(body).get("batchId").asText();
        String status = awaitStatus(poll, "select status from entitlement_batch where batch_id = ?", batchId,
                List.of("QUEUED", "RUNNING"));
        recorders.get("entitlement.file").record(started, System.nanoTime(), "DONE".equals(status) ? null : "batch " + status);
    }

    private void accessRequest(HttpClient clerk, String csrf, String province, String region, Connection poll) throws Exception {
        long started = System.nanoTime();
        long id;
        try {
            HttpResponse<String> created = clerk.send(form("/access-requests", csrf, ""), HttpResponse.BodyHandlers.ofString());
            Matcher location = Pattern.compile("/access-requests/(\\d+)$").matcher(created.headers().firstValue("Location").orElse(""));
            if (created.statusCode() != 302 || !location.find()) {
                throw new IllegalStateException("new request: " + created.statusCode() + " " + created.headers().map());
            }
            id = Long.parseLong(location.group(1));
            RequestedPerson p = person();
            clerk.send(form("/access-requests/" + id + "/people", csrf, "nationalId=" + p.nationalId() + "&title="
                    + WebLogin.enc(p.title()) + "&firstName=" + WebLogin.enc(p.firstName()) + "&lastName=" + WebLogin.enc(p.lastName())
                    + "&position=" + WebLogin.enc(p.position()) + "&email=" + WebLogin.enc(p.email()) + "&mobile=" + p.mobile()
                    + "&roles=E_CLAIM"), HttpResponse.BodyHandlers.discarding());
            String boundary = "cap" + UUID.randomUUID();
            ByteArrayOutputStream scan = new ByteArrayOutputStream();
            scan.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"signed.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            scan.writeBytes(signedScan);
            scan.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            clerk.send(HttpRequest.newBuilder(URI.create(baseUrl + "/access-requests/" + id + "/signed-scan"))
                    .header("X-CSRF-TOKEN", csrf).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(scan.toByteArray())).build(), HttpResponse.BodyHandlers.discarding());
            clerk.send(form("/access-requests/" + id + "/submission", csrf, ""), HttpResponse.BodyHandlers.discarding());
            String status = status(poll, "select status from access_request where request_id = ?", String.valueOf(id));
            if (!"AT_PROVINCE".equals(status)) {
                throw new IllegalStateException("request " + id + " is " + status + " after submission");
            }
            recorders.get("access.create").record(started, System.nanoTime(), null);
        } catch (IOException | RuntimeException e) {
            recorders.get("access.create").record(started, System.nanoTime(), e.toString());
            throw e;
        }
        call("access.province", post("/api/v1/access-requests/" + id + "/province-decision",
                "{\"decision\":\"FORWARD\",\"lines\":[1]}").header("Authorization", province), 200);
        call("access.region", post("/api/v1/access-requests/" + id + "/region-decision",
                "{\"decision\":\"APPROVE\",\"lines\":[1]}").header("Authorization", region), 200);
        long approved = System.nanoTime();
        String status = awaitStatus(poll, "select status from access_request where request_id = ?", String.valueOf(id),
                List.of("PROVISIONING"));
        recorders.get("access.provisioned").record(approved, System.nanoTime(), "DONE".equals(status) ? null : "request " + status);
    }

    private void authen(String key, Random random) throws Exception {
        int i;
        do {
            i = 1 + random.nextInt(PERSONS);
        } while (i % 10 >= 7); // UC holders only: the others are refused (422) by design
        String body = "{\"nationalId\":\"" + BenchPopulation.pid(i) + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\","
                + "\"facilityCode\":\"" + HCODE + "\"}";
        call("authen", post("/api/v1/authen", body).header("X-API-Key", key), 201, 200);
    }

    private void taskPage(HttpClient approver) throws Exception {
        call("tasks.page", approver, HttpRequest.newBuilder(URI.create(baseUrl + "/tasks?tab=group")).GET(), 200);
    }

    // ---------------------------------------------------------------- HTTP

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpRequest.Builder post(String path, String jsonBody) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }

    private HttpRequest form(String path, String csrf, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).header("X-CSRF-TOKEN", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String basic(String username) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String call(String op, HttpRequest.Builder request, int... expected) throws Exception {
        return call(op, http, request, expected);
    }

    /** Sends, times and records one call; an unexpected status is an error (recorded, then thrown). */
    private String call(String op, HttpClient client, HttpRequest.Builder request, int... expected) throws Exception {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
                throw new IllegalStateException(op + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            recorders.get(op).record(started, System.nanoTime(), null);
            return response.body();
        } catch (IOException | RuntimeException e) {
            recorders.get(op).record(started, System.nanoTime(), e.toString());
            throw e;
        }
    }

    // ---------------------------------------------------------------- database

    private static String status(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (sql.contains("request_id")) {
                ps.setLong(1, Long.parseLong(id));
            } else {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Polls every 50 ms while the status is one of {@code pending} (at most 5 minutes); returns the final status. */
    private static String awaitStatus(Connection db, String sql, String id, List<String> pending) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String status = status(db, sql, id);
        while (pending.contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = status(db, sql, id);
        }
        return status;
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long databaseSize(Connection db) throws SQLException {
        return single(db, "select pg_database_size(current_database())");
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- measuring

    /** The latencies (ns) of one operation completed inside the measured window, and its errors. */
    private final class Recorder {
        private final List<Long> nanos = new ArrayList<>();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong warmUpErrors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();

        void record(long start, long end, String error) {
            boolean inWindow = end >= windowStart && end < windowEnd;
            if (error != null) {
                (inWindow ? errors : warmUpErrors).incrementAndGet();
                firstError.compareAndSet(null, abbreviate(error));
            } else if (inWindow) {
                synchronized (nanos) {
                    nanos.add(end - start);
                }
            }
        }

        long[] sorted() {
            synchronized (nanos) {
                return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }
    }

    /** CPU seconds so far: this JVM, its load threads, PostgreSQL (postmaster, reaped and live backends); machine ticks. */
    private record Cpu(double jvm, double load, double postgres, long machineBusy, long machineTotal) {
    }

    private Cpu cpu() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double load = drivers.stream().mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum() / 1e9;
        double postgresSeconds = ProcStat.ticks(postmasterPid, true) / ProcStat.TICKS_PER_SECOND;
        for (ProcessHandle backend : ProcessHandle.of(postmasterPid).orElseThrow().children().toList()) {
            postgresSeconds += ProcStat.ticks(backend.pid(), false) / ProcStat.TICKS_PER_SECOND;
        }
        ProcStat.Machine machine = ProcStat.machine();
        return new Cpu(os.getProcessCpuTime() / 1e9, load, postgresSeconds, machine.busy(), machine.total());
    }

    private void report(Cpu before, Cpu after, String loadBefore, String loadAfter, long dbBefore, long dbAfter) {
        double seconds = (windowEnd - windowStart) / 1e9;
        System.out.println();
        System.out.printf("BENCH %d s measured after %d s warm-up, %,d persons, %d cores; load average before %s, after %s%n",
                SECONDS, WARMUP, PERSONS, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf("BENCH %-19s %8s %7s %9s %8s %8s %8s %8s%n", "operation", "count", "errors", "per s", "p50 ms",
                "p95 ms", "p99 ms", "max ms");
        recorders.forEach((op, r) -> {
            long[] sorted = r.sorted();
            System.out.printf("BENCH %-19s %8d %7d %9.2f %8.1f %8.1f %8.1f %8.1f%n", op, sorted.length, r.errors.get(),
                    sorted.length / seconds, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
        });
        System.out.printf("BENCH entitlement rows applied per s: %.0f (%d-row files)%n",
                recorders.get("entitlement.file").sorted().length * (double) FILE_ROWS / seconds, FILE_ROWS);
        recorders.forEach((op, r) -> {
            if (r.firstError.get() != null) {
                System.out.printf("BENCH errors %s: %d in the window, %d outside; first: %s%n", op, r.errors.get(),
                        r.warmUpErrors.get(), r.firstError.get());
            }
        });
        double ticksPerCore = (after.machineTotal - before.machineTotal) / (double) Runtime.getRuntime().availableProcessors();
        double busy = (after.machineBusy - before.machineBusy) / ticksPerCore;
        double jvm = (after.jvm - before.jvm) / seconds;
        double load = (after.load - before.load) / seconds;
        double pg = (after.postgres - before.postgres) / seconds;
        System.out.printf("BENCH cpu cores: JVM %.2f (of which the load threads %.2f, so the app ≈ %.2f), PostgreSQL %.2f,"
                + " other processes %.2f, machine busy %.2f of %d%n", jvm, load, jvm - load, pg, busy - jvm - pg, busy,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("BENCH database size: %,d MB before the window, %,d MB after the run (+%,d MB)%n",
                dbBefore >> 20, dbAfter >> 20, (dbAfter - dbBefore) >> 20);
    }

    /** Where the bytes are: the largest tables with their indexes and TOAST. */
    private static void printLargestTables(Connection db) throws SQLException {
        StringBuilder line = new StringBuilder("BENCH largest tables (MB, with indexes):");
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                select c.relname, pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind = 'r' and n.nspname = 'public' order by 2 desc limit 10
                """)) {
            while (rs.next()) {
                line.append(' ').append(rs.getString(1)).append(' ').append(rs.getLong(2) >> 20);
            }
        }
        System.out.println(line);
    }

    /** Nearest-rank percentile in ms. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    /** What the run wrote: every registered birth complete, every batch DONE, every approved request provisioned. */
    private void check(Connection db) throws Exception {
        Map<String, Long> births = groupCount(db, "select status, count(*) from birth_case group by status");
        Map<String, Long> batches = groupCount(db, "select status, count(*) from entitlement_batch group by status");
        Map<String, Long> requests = groupCount(db, "select status, count(*) from access_request group by status");
        long rejected = single(db, "select coalesce(sum(rejected + conflicts), 0) from entitlement_batch");
        long incidents = single(db, "select count(*) from act_ru_incident");
        long codes = single(db, "select count(*) from authen_code");
        System.out.printf("BENCH check: birth_case %s; entitlement_batch %s (rejected + conflict rows %d);"
                + " access_request %s; authen codes %,d; Camunda incidents %d%n", births, batches, rejected, requests, codes,
                incidents);
        long errors = recorders.values().stream().mapToLong(r -> r.errors.get() + r.warmUpErrors.get()).sum();
        assertThat(batches.keySet()).as("every change file applied").containsOnly("DONE");
        assertThat(rejected).as("no row of a change file refused").isZero();
        assertThat(requests.getOrDefault("PROVISIONING", 0L)).as("approved requests all provisioned").isZero();
        assertThat(incidents).as("no incident").isZero();
        assertThat(errors).as("no failed call").isZero();
    }

    private static Map<String, Long> groupCount(Connection db, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    // ---------------------------------------------------------------- small helpers

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
