package th.go.nhso.tabien.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.LocalAccountDirectory;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.support.TabienNode;
import th.go.nhso.tabien.support.TestIds;

/**
 * Crash recovery (issue #8, faults): Tabien runs as a process of its own on a real PostgreSQL
 * (fsync on) while clients file births, registrars register them, approvers decide Data Center
 * account requests and an agency file is applied, more than a thousand cases of the three
 * processes in flight. The node is killed with SIGKILL in the middle of it and started again on
 * the same database. Then: no acknowledged case is lost, every case is at the step it was at
 * when the node died (or one its due timer or job moved it to), no case exists half (a row
 * without its process instance or the reverse), the in-flight filings retried with their
 * Idempotency-Key exist exactly once, the timers still fire, the messages and decisions still
 * correlate, the provisioning jobs that were due run (each account and e-mail once), and the
 * agency file cut off by the crash can be sent again and is applied exactly once.
 */
class PostgresCrashRecoveryTests {

    private static final String PASSWORD = "crash-password-1";
    private static final Duration REGISTRATION_DEADLINE = Duration.ofSeconds(90);
    private static final int BIRTHS_BEFORE_KILL = 360;
    private static final int CONFLICTS = 600;
    private static final int ACCESS_REQUESTS = 40;
    private static final int BIG_FILE_ROWS = 4000;
    private static final OffsetDateTime BORN = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(3)
            .withHour(8).withMinute(30).withSecond(0).withNano(0);

    private static EmbeddedPostgres postgres;
    private static JdbcClient db;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private TabienNode node;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").setRegisterShutdownHook(false).start();
        db = JdbcClient.create(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private TabienNode startNode(String name) {
        return TabienNode.start(name, List.of(
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--tabien.birth.registration-deadline=" + REGISTRATION_DEADLINE,
                // the load comes from a handful of test clients, not from hundreds of hospitals
                "--tabien.api.requests-per-second=100000", "--tabien.api.burst=100000",
                // a job locked by the dead node is taken over after this (production: 5 minutes)
                "--camunda.bpm.job-execution.lock-time-in-millis=15000",
                "--camunda.bpm.job-execution.max-wait=2000",
                "--tabien.entitlement.batch-heartbeat=PT2S", "--tabien.entitlement.batch-stale-after=PT10S",
                "--logging.level.root=WARN", "--logging.level.th.go.nhso.tabien=INFO"));
    }

    @Test
    void aKilledNodeLosesNoCaseAndItsCasesCarryOnAfterTheRestart() throws Exception {
        long t0 = System.nanoTime();
        node = startNode("crash-1");
        try {
            System.out.printf("FAULTS crash: node started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            createAccounts();
            List<String> conflicts = openConflicts();
            List<Long> requests = new ArrayList<>();
            for (int i = 0; i < ACCESS_REQUESTS; i++) {
                requests.add(submitAccessRequest());
            }

            System.out.printf("FAULTS crash: %d conflicts and %d access requests open at %.1f s%n", CONFLICTS, ACCESS_REQUESTS,
                    (System.nanoTime() - t0) / 1e9);
            // ---- the load, and the kill in the middle of it
            Acks acks = new Acks();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(6);
            LinkedBlockingQueue<String> toRegister = new LinkedBlockingQueue<>();
            for (int t = 0; t < 3; t++) {
                clients.submit(() -> fileBirths(running, acks, toRegister));
            }
            clients.submit(() -> registerBirths(running, acks, toRegister));
            clients.submit(() -> decideAccessRequests(running, acks, requests));
            clients.submit(() -> decideConflicts(running, acks, conflicts.subList(0, 60)));
            long loadStarted = System.nanoTime();
            waitUntil(Duration.ofSeconds(300), () -> {
                if (!acks.errors.isEmpty()) {
                    throw new AssertionError("refused during the load: " + acks.errors.peek());
                }
                return acks.filed.size() >= BIRTHS_BEFORE_KILL;
            });
            System.out.printf("FAULTS crash: %d births filed in %.1f s before the kill%n", acks.filed.size(),
                    (System.nanoTime() - loadStarted) / 1e9);
            String bigFile = bigAgencyFile();
            String interruptedBatch = upload(bigFile, "big.csv");
            waitUntil(Duration.ofSeconds(30), () -> "RUNNING".equals(batchStatus(interruptedBatch)));
            TabienNode.sleep(700);
            long killedPid = node.pid();
            int exit = node.kill();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(exit).as("SIGKILL: 128 + 9").isEqualTo(137);
            assertThat(ProcessHandle.of(killedPid)).isEmpty();

            // ---- what the database holds after the kill is where every case was
            Map<String, CaseState> beforeRestart = snapshot();
            int acknowledgedCases = acks.filed.size() + CONFLICTS + ACCESS_REQUESTS;
            List<String> lost = lost(acks, beforeRestart);
            System.out.printf("FAULTS crash: %d cases acknowledged (%d births filed, %d registered, %d conflicts, %d access requests,"
                            + " %d access decisions, %d conflict decisions), %d filings in flight at the kill, %d cases in the database;"
                            + " lost: %d%n", acknowledgedCases, acks.filed.size(), acks.registered.size(), CONFLICTS, ACCESS_REQUESTS,
                    acks.accessSteps.size(), acks.conflictDecisions.size(), acks.inFlight.size(), beforeRestart.size(), lost.size());
            assertThat(acknowledgedCases).isGreaterThanOrEqualTo(1000);
            assertThat(lost).as("acknowledged but lost").isEmpty();
            assertThat(halfCases()).as("half cases after the kill").isEmpty();

            // ---- restart on the same database
            long restartedAt = System.currentTimeMillis();
            node = startNode("crash-2");
            long restartedReady = System.currentTimeMillis();
            Map<String, CaseState> afterRestart = snapshot();
            List<String> dueAfterRestart = beforeRestart.entrySet().stream()
                    .filter(e -> e.getValue().status().equals("AWAITING_REGISTRATION") && e.getValue().timerDue() != null
                            && e.getValue().timerDue() > restartedReady)
                    .map(e -> e.getKey().substring(e.getKey().indexOf(':') + 1)).toList();
            List<String> dueWhileDown = beforeRestart.entrySet().stream()
                    .filter(e -> e.getValue().status().equals("AWAITING_REGISTRATION") && e.getValue().timerDue() != null
                            && e.getValue().timerDue() <= restartedReady)
                    .map(e -> e.getKey().substring(e.getKey().indexOf(':') + 1)).toList();
            System.out.printf("FAULTS crash: registration deadlines: %d fell while the node was down or starting, %d after the restart;"
                    + " all followed up%n", dueWhileDown.size(), dueAfterRestart.size());
            List<String> moved = new ArrayList<>();
            for (var e : beforeRestart.entrySet()) {
                CaseState now = afterRestart.get(e.getKey());
                if (!e.getValue().equals(now) && !e.getValue().mayBecome(now, System.currentTimeMillis())) {
                    moved.add(e.getKey() + ": " + e.getValue() + " -> " + now);
                }
            }
            System.out.printf("FAULTS crash: restarted in %.1f s; %d of %d cases at the same step, %d moved on by a due timer or job,"
                            + " %d elsewhere%n", (System.currentTimeMillis() - restartedAt) / 1000.0,
                    beforeRestart.entrySet().stream().filter(e -> e.getValue().equals(afterRestart.get(e.getKey()))).count(),
                    beforeRestart.size(), beforeRestart.size() - moved.size()
                            - beforeRestart.entrySet().stream().filter(e -> e.getValue().equals(afterRestart.get(e.getKey()))).count(),
                    moved.size());
            assertThat(moved).as("cases not where they were").isEmpty();

            // the filings the client never heard back about: retried with their key, each exists once
            for (var inFlight : acks.inFlight.entrySet()) {
                HttpResponse<String> retry = fileBirth(inFlight.getKey(), inFlight.getValue());
                assertThat(retry.statusCode()).isIn(200, 201);
            }
            assertThat(db.sql("select count(*) from birth_idempotency_key group by idempotency_key having count(*) > 1")
                    .query(Long.class).list()).isEmpty();
            assertThat(db.sql("select count(*) from birth_case").query(Long.class).single())
                    .isEqualTo(db.sql("select count(*) from birth_idempotency_key").query(Long.class).single());

            // messages still correlate: registrations and decisions after the restart complete their cases
            List<String> open = db.sql("""
                            select certificate_number from birth_case where status in ('AWAITING_REGISTRATION', 'FOLLOW_UP') order by case_id
                            """).query(String.class).list().stream().filter(n -> !dueAfterRestart.contains(n)).toList();
            List<String> registeredAfter = open.subList(0, open.size() / 2);
            assertThat(registeredAfter).isNotEmpty();
            for (String number : registeredAfter) {
                assertThat(register(number).statusCode()).isEqualTo(200);
            }
            List<Long> atProvince = db.sql("select request_id from access_request where status = 'AT_PROVINCE'").query(Long.class).list();
            for (long id : atProvince) {
                assertThat(post("/api/v1/access-requests/" + id + "/province-decision", "crash-province",
                        "{\"decision\":\"FORWARD\",\"lines\":[1]}").statusCode()).isEqualTo(200);
            }
            List<Long> atRegion = db.sql("select request_id from access_request where status = 'AT_REGION'").query(Long.class).list();
            assertThat(atRegion.size()).isGreaterThanOrEqualTo(atProvince.size());
            for (long id : atRegion) {
                assertThat(post("/api/v1/access-requests/" + id + "/region-decision", "crash-region",
                        "{\"decision\":\"APPROVE\",\"lines\":[1]}").statusCode()).isEqualTo(200);
            }
            List<String> openConflicts = db.sql("select cast(conflict_id as varchar) from entitlement_conflict where status = 'OPEN' order by conflict_id")
                    .query(String.class).list().subList(0, 20);
            for (String id : openConflicts) {
                assertThat(post("/api/v1/entitlement-changes/conflicts/" + id + "/decision", "crash-admin",
                        "{\"decision\":\"KEEP_EXISTING\",\"reason\":\"หลังเริ่มระบบใหม่\"}").statusCode()).isEqualTo(200);
            }
            assertThat(registeredAfter).allSatisfy(n -> assertThat(birthStatus(n)).isEqualTo("REGISTERED"));
            assertThat(activeInstances("BirthNotificationProcess", registeredAfter)).isZero();
            assertThat(activeInstances("EntitlementChangeProcess", openConflicts)).isZero();

            // timers still fire: every birth still waiting reaches its follow-up after its deadline, those whose
            // deadline fell while the node was down and those whose deadline falls after the restart
            waitUntil(REGISTRATION_DEADLINE.plusSeconds(60), () -> db.sql(
                    "select count(*) from birth_case where status = 'AWAITING_REGISTRATION'").query(Long.class).single() == 0);
            assertThat(dueAfterRestart).as("deadlines after the restart").isNotEmpty();
            for (String number : dueAfterRestart) {
                assertThat(birthStatus(number)).isEqualTo("FOLLOW_UP");
            }
            long followUps = db.sql("select count(*) from birth_case where status = 'FOLLOW_UP'").query(Long.class).single();
            assertThat(db.sql("""
                            select count(*) from act_ru_task t join act_re_procdef d on d.id_ = t.proc_def_id_
                            where d.key_ = 'BirthNotificationProcess' and t.task_def_key_ = 'Task_FollowUpUnregisteredBirth'
                            """).query(Long.class).single()).isEqualTo(followUps);

            // the provisioning jobs that were due (some locked by the dead node) run: each account and e-mail once
            waitUntil(Duration.ofSeconds(90), () -> db.sql(
                    "select count(*) from access_request where status <> 'DONE'").query(Long.class).single() == 0);
            assertThat(db.sql("""
                            select count(*) from access_request_person p
                            where (select count(*) from staff_account a where a.username = p.national_id) <> 1
                               or (select count(*) from mail_outbox m where m.recipient = p.email) <> 1
                            """).query(Long.class).single()).as("people without exactly one account and one e-mail").isZero();

            // the agency file cut off by the crash: reported as interrupted, sent again, applied exactly once
            waitUntil(Duration.ofSeconds(60), () -> "REJECTED".equals(batchStatus(interruptedBatch)));
            JsonNode interrupted = json.readTree(get("/api/v1/entitlement-changes/batches/" + interruptedBatch, "crash-admin").body());
            assertThat(interrupted.path("message").asText()).contains("interrupted");
            assertThat(interrupted.path("messageTh").asText()).contains("ขัดจังหวะ");
            String again = upload(bigFile, "big-again.csv");
            waitUntil(Duration.ofSeconds(120), () -> "DONE".equals(batchStatus(again)));
            assertThat(db.sql("""
                            select count(*) from person p where p.first_name_th = 'ไฟล์ใหญ่'
                              and (select count(*) from entitlement e where e.person_id = p.person_id and e.scheme = 'SSS') = 1
                            """).query(Long.class).single()).isEqualTo(BIG_FILE_ROWS);
            assertThat(db.sql("select count(*) from person where first_name_th = 'ไฟล์ใหญ่'").query(Long.class).single())
                    .isEqualTo(BIG_FILE_ROWS);

            assertThat(halfCases()).as("half cases at the end").isEmpty();
            System.out.printf("FAULTS crash: done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertThat(db.sql("select count(*) from act_ru_incident").query(Long.class).single()).isZero();
        } finally {
            node.close();
        }
    }

    // ------------------------------------------------------------------ the clients

    /** What the clients were told: each acknowledgement is a promise the database must keep. */
    static final class Acks {
        final Map<String, String> filed = new ConcurrentHashMap<>();            // certificate -> Idempotency-Key
        final Set<String> registered = ConcurrentHashMap.newKeySet();
        final Map<String, String> inFlight = new ConcurrentHashMap<>();         // Idempotency-Key -> body, no answer
        final Map<Long, String> accessSteps = new ConcurrentHashMap<>();        // request -> last acknowledged status
        final Map<String, String> conflictDecisions = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    }

    private void fileBirths(AtomicBoolean running, Acks acks, LinkedBlockingQueue<String> toRegister) {
        int n = 0;
        while (running.get()) {
            String key = UUID.randomUUID().toString();
            String body = birthJson();
            acks.inFlight.put(key, body);
            try {
                HttpResponse<String> answer = fileBirth(key, body);
                if (answer.statusCode() == 201) {
                    String number = json.readTree(answer.body()).get("certificateNumber").asText();
                    acks.filed.put(number, key);
                    acks.inFlight.remove(key);
                    if (++n % 3 == 0) {
                        toRegister.add(number);
                    }
                } else {
                    acks.errors.add(answer.statusCode() + " " + answer.body());
                    acks.inFlight.remove(key);
                }
            } catch (IOException connectionLost) {
                return; // the node died: the key stays in flight
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void registerBirths(AtomicBoolean running, Acks acks, LinkedBlockingQueue<String> toRegister) {
        while (running.get()) {
            try {
                String number = toRegister.poll(200, TimeUnit.MILLISECONDS);
                if (number != null) {
                    HttpResponse<String> answer = register(number);
                    if (answer.statusCode() == 200) {
                        acks.registered.add(number);
                    } else {
                        acks.errors.add("registration " + answer.statusCode() + " " + answer.body());
                    }
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void decideAccessRequests(AtomicBoolean running, Acks acks, List<Long> requests) {
        // a third stay at the province, a third are forwarded, a third forwarded and approved
        try {
            for (int i = 0; i < requests.size() && running.get(); i++) {
                long id = requests.get(i);
                if (i % 3 == 0) {
                    continue;
                }
                HttpResponse<String> forwarded = post("/api/v1/access-requests/" + id + "/province-decision", "crash-province",
                        "{\"decision\":\"FORWARD\",\"lines\":[1]}");
                if (forwarded.statusCode() != 200) {
                    acks.errors.add("forward " + forwarded.statusCode() + " " + forwarded.body());
                    return;
                }
                acks.accessSteps.put(id, "AT_REGION");
                if (i % 3 == 2) {
                    HttpResponse<String> approved = post("/api/v1/access-requests/" + id + "/region-decision", "crash-region",
                            "{\"decision\":\"APPROVE\",\"lines\":[1]}");
                    if (approved.statusCode() != 200) {
                        acks.errors.add("approve " + approved.statusCode() + " " + approved.body());
                        return;
                    }
                    acks.accessSteps.put(id, "PROVISIONING");
                }
                TabienNode.sleep(300);
            }
        } catch (IOException | InterruptedException e) {
            // the node died
        }
    }

    private void decideConflicts(AtomicBoolean running, Acks acks, List<String> conflicts) {
        try {
            for (String id : conflicts) {
                if (!running.get()) {
                    return;
                }
                HttpResponse<String> decided = post("/api/v1/entitlement-changes/conflicts/" + id + "/decision", "crash-admin",
                        "{\"decision\":\"KEEP_EXISTING\",\"reason\":\"สิทธิเดิมถูกต้อง\"}");
                if (decided.statusCode() != 200) {
                    acks.errors.add("conflict " + decided.statusCode() + " " + decided.body());
                    return;
                }
                acks.conflictDecisions.put(id, "KEPT_EXISTING");
                TabienNode.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            // the node died
        }
    }

    private String birthJson() {
        try {
            return json.writeValueAsString(new BirthRecord("10670",
                    new BirthRecord.Child("", "ทนทาน", "F", BORN, "FACILITY", 1, 1, 3100, 39),
                    new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมศรี", "ทนทาน", "THA", LocalDate.of(1995, 4, 2), "40"),
                    new BirthRecord.Parent(null, "MA1234567", "Aung", "Min", "MMR", null, null),
                    "MARRIED", new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"),
                    List.of(), List.of(), null, new BirthRecord.Other("", "สมศรี ทนทาน (มารดา)")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> fileBirth(String key, String body) throws IOException, InterruptedException {
        return http.send(request("/api/v1/births", "crash-clerk").header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> register(String number) throws IOException, InterruptedException {
        return post("/api/v1/registrar/births/" + number + "/registration", "crash-registrar",
                "{\"nationalId\":\"" + TestIds.nextThai().value() + "\",\"registeredOn\":\"" + LocalDate.now()
                        + "\",\"registrarOffice\":\"เทศบาลนครขอนแก่น\"}");
    }

    private HttpResponse<String> post(String path, String user, String body) throws IOException, InterruptedException {
        return http.send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ the cases before the load

    private void createAccounts() {
        LocalAccountDirectory accounts = new LocalAccountDirectory(db, new BCryptPasswordEncoder(4), Clock.systemUTC());
        accounts.createOrUpdate(new NewAccount("crash-clerk", "1100000000024", "เจ้าหน้าที่", "clerk@crash.example",
                Role.FACILITY_STAFF, "10670", null, null), PASSWORD);
        accounts.createOrUpdate(new NewAccount("crash-registrar", "1100000000024", "นายทะเบียน", null,
                Role.REGISTRAR, null, null, null), PASSWORD);
        accounts.createOrUpdate(new NewAccount("crash-province", "1100000000024", "จังหวัด", "province@crash.example",
                Role.PROVINCIAL_APPROVER, null, "40", null), PASSWORD);
        accounts.createOrUpdate(new NewAccount("crash-region", "1100000000024", "เขต", "region@crash.example",
                Role.REGIONAL_APPROVER, null, null, 7), PASSWORD);
        accounts.createOrUpdate(new NewAccount("crash-admin", "1100000000024", "ผู้ดูแล", "admin@crash.example",
                Role.ADMIN, null, null, null), PASSWORD);
    }

    /** Persons in social security, then a civil-servant start for each: one conflict case apiece. */
    private List<String> openConflicts() throws Exception {
        StringBuilder sss = new StringBuilder();
        StringBuilder ofc = new StringBuilder();
        for (int i = 0; i < CONFLICTS; i++) {
            String pid = TestIds.nextThai().value();
            sss.append(pid).append(",SSS,START,2024-01-01,,ขัดแย้ง,ทดสอบ,1990-01-01\n");
            ofc.append(pid).append(",OFC,START,2024-06-01,,,,\n");
        }
        String first = upload(sss.toString(), "sss.csv");
        waitUntil(Duration.ofSeconds(60), () -> "DONE".equals(batchStatus(first)));
        String second = upload(ofc.toString(), "ofc.csv");
        waitUntil(Duration.ofSeconds(60), () -> "DONE".equals(batchStatus(second)));
        List<String> ids = db.sql("select cast(conflict_id as varchar) from entitlement_conflict where batch_id = :b order by conflict_id")
                .param("b", second).query(String.class).list();
        assertThat(ids).hasSize(CONFLICTS);
        return ids;
    }

    private String bigAgencyFile() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < BIG_FILE_ROWS; i++) {
            rows.append(TestIds.nextThai().value()).append(",SSS,START,2024-01-01,,ไฟล์ใหญ่,ทดสอบ,1988-03-03\n");
        }
        return rows.toString();
    }

    private String upload(String rows, String fileName) throws IOException, InterruptedException {
        String boundary = "----tabien" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"agency\"\r\n\r\nSSO\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date\n" + rows
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = http.send(request("/api/v1/entitlement-changes/batches", "crash-admin")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json.readTree(answer.body()).get("batchId").asText();
    }

    private String batchStatus(String batchId) {
        return db.sql("select status from entitlement_batch where batch_id = :b").param("b", batchId).query(String.class).single();
    }

    /** The clerk's way through the pages: a draft, one person, the signed scan, submit. */
    private long submitAccessRequest() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String loginPage = browser.send(HttpRequest.newBuilder(node.uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(node.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=crash-clerk&password=" + PASSWORD + "&_csrf=" + enc(csrf(loginPage))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String token = csrf(browser.send(HttpRequest.newBuilder(node.uri("/access-requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> created = browser.send(HttpRequest.newBuilder(node.uri("/access-requests"))
                .header("X-CSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.replaceAll(".*/access-requests/(\\d+).*", "$1"));
        String pid = TestIds.nextThai().value();
        String person = "nationalId=" + pid + "&title=" + enc("นาย") + "&firstName=" + enc("ผู้ขอ") + "&lastName=" + enc("ทนทาน")
                + "&position=" + enc("นักวิชาการสาธารณสุข") + "&email=" + pid + "%40rpst.example&mobile=0891234567&roles=E_CLAIM";
        assertThat(browser.send(HttpRequest.newBuilder(node.uri("/access-requests/" + id + "/people")).header("X-CSRF-TOKEN", token)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(person)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        String boundary = "----scan" + UUID.randomUUID();
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        scan.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"signed.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        scan.write(signedPdf());
        scan.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(browser.send(HttpRequest.newBuilder(node.uri("/access-requests/" + id + "/signed-scan")).header("X-CSRF-TOKEN", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(scan.toByteArray())).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(302);
        assertThat(browser.send(HttpRequest.newBuilder(node.uri("/access-requests/" + id + "/submission")).header("X-CSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        assertThat(db.sql("select status from access_request where request_id = :id").param("id", id).query(String.class).single())
                .as("request %d submitted", id).isEqualTo("AT_PROVINCE");
        return id;
    }

    private static byte[] signedPdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph("Signed request letter"));
        document.close();
        return out.toByteArray();
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ reading the database

    /** A case as the database holds it: our status, the process's current steps and its next timer. */
    record CaseState(String status, String steps, Long timerDue) {

        /** The moves a node may make on its own after a restart: a due timer, a due job. */
        boolean mayBecome(CaseState now, long at) {
            if (now == null) {
                return false;
            }
            if (status.equals("AWAITING_REGISTRATION") && now.status.equals("FOLLOW_UP")) {
                return timerDue != null && timerDue <= at;
            }
            return status.equals("PROVISIONING") && now.status.equals("DONE");
        }
    }

    private Map<String, CaseState> snapshot() {
        Map<String, String> steps = new HashMap<>();
        db.sql("""
                        select d.key_ || ':' || p.business_key_ as k, string_agg(distinct e.act_id_, ',' order by e.act_id_) as steps
                        from act_ru_execution p join act_re_procdef d on d.id_ = p.proc_def_id_
                        join act_ru_execution e on e.proc_inst_id_ = p.id_ and e.act_id_ is not null
                        where p.id_ = p.proc_inst_id_ group by d.key_, p.business_key_
                        """).query((rs, n) -> steps.put(rs.getString("k"), rs.getString("steps"))).list();
        Map<String, Long> timers = new HashMap<>();
        db.sql("""
                        select p.business_key_ as k, min(j.duedate_) as due from act_ru_job j
                        join act_ru_execution p on p.id_ = j.process_instance_id_
                        where j.process_def_key_ = 'BirthNotificationProcess' and j.type_ = 'timer' group by p.business_key_
                        """).query((rs, n) -> timers.put(rs.getString("k"), rs.getTimestamp("due").getTime())).list();
        Map<String, CaseState> cases = new TreeMap<>();
        db.sql("select certificate_number, status from birth_case").query((rs, n) -> {
            String k = rs.getString(1);
            return cases.put("BirthNotificationProcess:" + k, new CaseState(rs.getString(2),
                    steps.get("BirthNotificationProcess:" + k), timers.get(k)));
        }).list();
        db.sql("select conflict_id, status from entitlement_conflict").query((rs, n) -> {
            String k = "EntitlementChangeProcess:" + rs.getLong(1);
            return cases.put(k, new CaseState(rs.getString(2), steps.get(k), null));
        }).list();
        db.sql("select request_id, status from access_request where status <> 'DRAFT'").query((rs, n) -> {
            String k = "AccessRequestProcess:" + rs.getLong(1);
            String status = rs.getString(2);
            // a provisioning job may finish on its own: compare its status, not the job's step
            return cases.put(k, new CaseState(status, status.equals("PROVISIONING") ? null : steps.get(k), null));
        }).list();
        return cases;
    }

    /** Acknowledged changes the database does not show. */
    private static List<String> lost(Acks acks, Map<String, CaseState> db) {
        List<String> lost = new ArrayList<>();
        acks.filed.keySet().forEach(n -> {
            if (!db.containsKey("BirthNotificationProcess:" + n)) {
                lost.add("filed " + n);
            }
        });
        acks.registered.forEach(n -> {
            CaseState s = db.get("BirthNotificationProcess:" + n);
            if (s == null || !s.status().equals("REGISTERED")) {
                lost.add("registered " + n + " but " + s);
            }
        });
        acks.accessSteps.forEach((id, status) -> {
            CaseState s = db.get("AccessRequestProcess:" + id);
            boolean kept = s != null && (s.status().equals(status) || status.equals("AT_REGION") && s.status().equals("PROVISIONING")
                    || status.equals("PROVISIONING") && s.status().equals("DONE"));
            if (!kept) {
                lost.add("access request " + id + " acknowledged " + status + " but " + s);
            }
        });
        acks.conflictDecisions.forEach((id, status) -> {
            CaseState s = db.get("EntitlementChangeProcess:" + id);
            if (s == null || !s.status().equals(status)) {
                lost.add("conflict " + id + " decided but " + s);
            }
        });
        return lost;
    }

    /** A case row without its running process, a running process without its case row, or one ended too soon. */
    private List<String> halfCases() {
        return db.sql("""
                        select 'birth ' || c.certificate_number || ' ' || c.status from birth_case c
                        where (c.status in ('AWAITING_REGISTRATION', 'FOLLOW_UP')) <> exists (select 1 from act_ru_execution p
                                join act_re_procdef d on d.id_ = p.proc_def_id_
                                where d.key_ = 'BirthNotificationProcess' and p.business_key_ = c.certificate_number and p.id_ = p.proc_inst_id_)
                           or not exists (select 1 from act_hi_procinst h where h.proc_def_key_ = 'BirthNotificationProcess'
                                and h.business_key_ = c.certificate_number)
                        union all
                        select 'birth process ' || h.business_key_ from act_hi_procinst h
                        where h.proc_def_key_ = 'BirthNotificationProcess'
                          and not exists (select 1 from birth_case c where c.certificate_number = h.business_key_)
                        union all
                        select 'conflict ' || c.conflict_id || ' ' || c.status from entitlement_conflict c
                        where (c.status = 'OPEN') <> exists (select 1 from act_ru_execution p join act_re_procdef d on d.id_ = p.proc_def_id_
                                where d.key_ = 'EntitlementChangeProcess' and p.business_key_ = cast(c.conflict_id as varchar)
                                  and p.id_ = p.proc_inst_id_)
                        union all
                        select 'conflict process ' || h.business_key_ from act_hi_procinst h
                        where h.proc_def_key_ = 'EntitlementChangeProcess'
                          and not exists (select 1 from entitlement_conflict c where cast(c.conflict_id as varchar) = h.business_key_)
                        union all
                        select 'access request ' || r.request_id || ' ' || r.status from access_request r
                        where r.status <> 'DRAFT' and (r.status in ('AT_PROVINCE', 'RETURNED', 'AT_REGION', 'PROVISIONING'))
                              <> exists (select 1 from act_ru_execution p join act_re_procdef d on d.id_ = p.proc_def_id_
                                where d.key_ = 'AccessRequestProcess' and p.business_key_ = cast(r.request_id as varchar)
                                  and p.id_ = p.proc_inst_id_)
                        """).query(String.class).list();
    }

    private String birthStatus(String number) {
        return db.sql("select status from birth_case where certificate_number = :n").param("n", number).query(String.class).single();
    }

    private long activeInstances(String processKey, List<String> businessKeys) {
        return businessKeys.isEmpty() ? 0 : db.sql("""
                        select count(*) from act_ru_execution p join act_re_procdef d on d.id_ = p.proc_def_id_
                        where d.key_ = :key and p.id_ = p.proc_inst_id_ and p.business_key_ in (:keys)
                        """).param("key", processKey).param("keys", businessKeys).query(Long.class).single();
    }

    private static void waitUntil(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            TabienNode.sleep(250);
        }
    }
}
