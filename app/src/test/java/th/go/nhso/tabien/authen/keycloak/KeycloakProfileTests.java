package th.go.nhso.tabien.authen.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffLoggedIn;
import th.go.nhso.tabien.access.AccessRequestStatus;
import th.go.nhso.tabien.access.AccessRequests;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.authen.lifecycle.AccountActivity;
import th.go.nhso.tabien.authen.lifecycle.InactivitySweep;
import th.go.nhso.tabien.authen.lifecycle.UnlockRequests;
import th.go.nhso.tabien.support.KeycloakServer;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * The {@code keycloak} profile end to end against the real Keycloak: an OIDC
 * authorization-code login through its login form (driven by a plain HTTP client with a
 * cookie jar), and Data Center accounts provisioned by the access request, retried after
 * Keycloak refused one.
 */
@DisabledIfSystemProperty(named = "tabien.test.jvm", matches = "default|postgres", disabledReason = KeycloakServer.OWN_JVM)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tabien-keycloak;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.job-execution.enabled=false",
        // the test reads the events itself
        "tabien.keycloak.events-poll-delay=1h"
})
@ActiveProfiles("keycloak")
@Import(KeycloakProfileTests.LoginsSeen.class)
class KeycloakProfileTests {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final String PASSWORD = "Permanent-56789";

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        KeycloakServer server = KeycloakServer.get();
        registry.add("tabien.keycloak.server-url", server::url);
        registry.add("tabien.keycloak.client-secret", server::clientSecret);
        registry.add("spring.security.oauth2.client.registration.keycloak.client-secret", server::clientSecret);
    }

    static Keycloak admin;

    @LocalServerPort int port;
    @Autowired AccountDirectory accounts;
    @Autowired KeycloakLoginEvents loginEvents;
    @Autowired JdbcClient jdbc;
    @Autowired LoginsSeen events;
    @Autowired AccessRequests requests;
    @Autowired ManagementService management;
    @Autowired RuntimeService runtime;
    @Autowired AccountActivity activity;
    @Autowired InactivitySweep sweep;
    @Autowired UnlockRequests unlocks;

    @BeforeAll
    static void connect() {
        admin = KeycloakServer.get().admin();
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    /** Tabien runs on a random port: the client must accept it as a redirect target. */
    @BeforeEach
    void redirectToThisPort() {
        ClientResource client = admin.realm(KeycloakServer.REALM).clients().get(
                admin.realm(KeycloakServer.REALM).clients().findByClientId(KeycloakServer.CLIENT_ID).get(0).getId());
        ClientRepresentation representation = client.toRepresentation();
        String uri = "http://localhost:" + port + "/*";
        if (!representation.getRedirectUris().contains(uri)) {
            List<String> uris = new ArrayList<>(representation.getRedirectUris());
            uris.add(uri);
            representation.setRedirectUris(uris);
            client.update(representation);
        }
        jdbc.sql("delete from maintenance_window").update();
    }

    private String staffWithPermanentPassword(Role role) {
        String pid = "18" + String.format("%011d", System.nanoTime() % 100_000_000_000L);
        accounts.createOrUpdate(new NewAccount(pid, pid, "วิไล", "สุขสม", null, role, "10670", "10", 13,
                Set.of(DataCenterRole.NEW_AUTHEN_CHECK)), "Temporary-1234");
        accounts.changePassword(pid, PASSWORD);
        return pid;
    }

    @Test
    void keycloakIsTheAccountDirectoryOfTheKeycloakProfile() {
        assertThat(accounts).isInstanceOf(KeycloakAccountDirectory.class);
    }

    @Test
    void staffLogInThroughKeycloakAndComeBackAsTheirOwnStaffUserWithRoleAndArea() throws Exception {
        String pid = staffWithPermanentPassword(Role.FACILITY_STAFF);
        Session browser = new Session();

        HttpResponse<String> loginForm = browser.get("http://localhost:" + port + "/");
        assertThat(loginForm.uri().toString()).startsWith(KeycloakServer.get().issuer() + "/protocol/openid-connect/auth");

        HttpResponse<String> home = browser.submitLogin(loginForm, pid, PASSWORD);

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPort()).isEqualTo(port);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.body()).contains("วิไล สุขสม").contains("(10670)").contains(pid).contains("id=\"action-counter\"");
        assertThat(events.stream(StaffLoggedIn.class)).anySatisfy(e -> assertThat(e.username()).isEqualTo(pid));
        // the counter is for facility staff: the role came through
        assertThat(browser.get("http://localhost:" + port + "/counter").statusCode()).isEqualTo(200);
        assertThat(browser.get("http://localhost:" + port + "/admin/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void maintenanceWindowRefusesTheKeycloakLoginOfStaff() throws Exception {
        String pid = staffWithPermanentPassword(Role.FACILITY_STAFF);
        jdbc.sql("insert into maintenance_window (starts_at, ends_at, reason) values (:from, :to, 'test')")
                .param("from", OffsetDateTime.now().minusHours(1)).param("to", OffsetDateTime.now().plusHours(1)).update();
        Session browser = new Session();

        HttpResponse<String> refused = browser.submitLogin(browser.get("http://localhost:" + port + "/"), pid, PASSWORD);

        assertThat(refused.uri().toString()).endsWith("/login?refused=MAINTENANCE");
        assertThat(events.stream(StaffLoggedIn.class)).noneSatisfy(e -> assertThat(e.username()).isEqualTo(pid));
    }

    @Test
    void loginsKeycloakSawArePublishedAsStaffLoggedIn() throws Exception {
        String pid = staffWithPermanentPassword(Role.FACILITY_STAFF);
        Session browser = new Session();
        browser.submitLogin(browser.get("http://localhost:" + port + "/"), pid, PASSWORD);
        events.clear();

        int imported = loginEvents.importLogins();

        assertThat(imported).isPositive();
        assertThat(events.stream(StaffLoggedIn.class).filter(e -> e.username().equals(pid)))
                .singleElement()
                .satisfies(e -> assertThat(e.at()).isBetween(OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now()));
        events.clear();
        assertThat(loginEvents.importLogins()).as("each login is published once").isZero();
    }

    /** Every StaffLoggedIn, from whichever thread (the OIDC login runs in the server's, not the test's). */
    @Test
    void provisioningRetriesAfterKeycloakRefusedAnAccountAndCreatesEachAccountOnce() {
        StaffUser clerk = new StaffUser("kc-clerk", "เจ้าหน้าที่", Role.FACILITY_STAFF, "10670", "40", 7);
        StaffUser province = new StaffUser("kc-province", "จังหวัด", Role.PROVINCIAL_APPROVER, null, "40", 7);
        StaffUser region = new StaffUser("kc-region", "เขต", Role.REGIONAL_APPROVER, null, null, 7);
        String first = pid();
        String second = pid();
        String blockedEmail = second + "@rpst.example";
        // Keycloak refuses a second user with an e-mail it already has: a real refusal for the second person only.
        String squatter = "kc-squatter-" + second;
        accounts.createOrUpdate(new NewAccount(squatter, pid(), "ผู้ใช้", "อีเมลซ้ำ", blockedEmail, Role.FACILITY_STAFF,
                "10670", "40", 7, Set.of()), "Temporary-1234");

        long id = requests.createDraft(clerk, "10670");
        requests.replacePeople(clerk, id, List.of(
                new RequestedPerson(first, "นาย", "หนึ่ง", "ทดสอบ", "พยาบาลวิชาชีพ", first + "@rpst.example", "0812345678",
                        Set.of(DataCenterRole.E_CLAIM, DataCenterRole.NEW_AUTHEN_RESERVE)),
                new RequestedPerson(second, "นาง", "สอง", "ทดสอบ", "นักวิชาการสาธารณสุข", blockedEmail, "0812345679",
                        Set.of(DataCenterRole.KTB_WALLET_USER))));
        requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
        requests.submit(clerk, id);
        requests.decideAtProvince(province, id, AccessRequests.ProvinceDecision.FORWARD, Set.of(1, 2), null);
        requests.decideAtRegion(region, id, AccessRequests.RegionDecision.APPROVE, Set.of(1, 2), null);

        String process = runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess")
                .processInstanceBusinessKey(String.valueOf(id)).singleResult().getId();
        String job = management.createJobQuery().processInstanceId(process).singleResult().getId();
        while (management.createJobQuery().jobId(job).singleResult().getRetries() > 0) {
            try {
                management.executeJob(job);
            } catch (RuntimeException expected) {
                // each attempt fails on the second person until the e-mail is free again
            }
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(process).count()).as("incident in Cockpit").isOne();
        assertThat(accounts.find(first)).isPresent();
        assertThat(accounts.find(second)).isEmpty();

        accounts.createOrUpdate(new NewAccount(squatter, pid(), "ผู้ใช้", "อีเมลซ้ำ", squatter + "@elsewhere.example",
                Role.FACILITY_STAFF, "10670", "40", 7, Set.of()), null);
        management.setJobRetries(job, 1);
        management.executeJob(job);

        assertThat(requests.details(clerk, id).request().status()).isEqualTo(AccessRequestStatus.DONE);
        assertThat(admin.realm(KeycloakServer.REALM).users().search(first, true)).hasSize(1);
        assertThat(admin.realm(KeycloakServer.REALM).users().search(second, true)).hasSize(1);
        StaffAccount created = accounts.find(second).orElseThrow();
        assertThat(created.dataCenterRoles()).containsExactly(DataCenterRole.KTB_WALLET_USER);
        assertThat(created.passwordChangeRequired()).isTrue();
        assertThat(accounts.find(first).orElseThrow().dataCenterRoles())
                .containsExactlyInAnyOrder(DataCenterRole.E_CLAIM, DataCenterRole.NEW_AUTHEN_RESERVE);
        for (String email : List.of(first + "@rpst.example", blockedEmail)) {
            assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :r").param("r", email)
                    .query(Integer.class).single()).as("one e-mail to " + email).isOne();
        }
    }

    /**
     * Faults (issue #8): Keycloak goes down while accounts are being provisioned and stays down
     * for over a minute. Every provisioning job fails and is retried (retries counted down, the
     * next try ten minutes on), the request keeps saying it is provisioning, and when the retries
     * run out Cockpit shows an incident saying Keycloak cannot be reached. Keycloak comes back
     * (same data); an admin retries the incidents as in Cockpit; then every person has exactly one
     * account and got exactly one e-mail (delivered to a real SMTP server).
     */
    @Test
    void keycloakDownForAMinuteDuringProvisioningEndsWithEachAccountAndEMailOnce() throws Exception {
        StaffUser clerk = new StaffUser("kc-clerk", "เจ้าหน้าที่", Role.FACILITY_STAFF, "10670", "40", 7);
        StaffUser province = new StaffUser("kc-province", "จังหวัด", Role.PROVINCIAL_APPROVER, null, "40", 7);
        StaffUser region = new StaffUser("kc-region", "เขต", Role.REGIONAL_APPROVER, null, null, 7);
        Map<Long, List<String>> people = new java.util.LinkedHashMap<>();
        for (int size : new int[] {12, 2, 2}) {
            List<String> pids = new ArrayList<>();
            List<RequestedPerson> persons = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String pid = pid();
                pids.add(pid);
                persons.add(new RequestedPerson(pid, "นาย", "ล่ม" + "กขคงจฉชซฌญฎฏ".charAt(i), "ทดสอบ", "พยาบาลวิชาชีพ", pid + "@outage.example",
                        "0812345678", Set.of(DataCenterRole.E_CLAIM)));
            }
            long id = requests.createDraft(clerk, "10670");
            requests.replacePeople(clerk, id, persons);
            requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
            requests.submit(clerk, id);
            Set<Integer> all = new java.util.HashSet<>();
            for (int line = 1; line <= size; line++) {
                all.add(line);
            }
            requests.decideAtProvince(province, id, AccessRequests.ProvinceDecision.FORWARD, all, null);
            requests.decideAtRegion(region, id, AccessRequests.RegionDecision.APPROVE, all, null);
            people.put(id, pids);
        }
        Map<Long, String> jobs = new java.util.LinkedHashMap<>();
        people.keySet().forEach(id -> jobs.put(id, management.createJobQuery().activityId("Task_ProvisionAccounts")
                .processInstanceId(runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess")
                        .processInstanceBusinessKey(String.valueOf(id)).singleResult().getId())
                .singleResult().getId()));
        long big = people.keySet().iterator().next();
        KeycloakServer server = KeycloakServer.get();

        // Keycloak goes down while the big request's accounts are being created
        var running = java.util.concurrent.CompletableFuture.runAsync(() -> management.executeJob(jobs.get(big)));
        long waitFirst = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (admin.realm(KeycloakServer.REALM).users().search(people.get(big).get(0), true).isEmpty()) {
            assertThat(System.nanoTime()).as("first account of the big request").isLessThan(waitFirst);
            Thread.sleep(50);
        }
        long downSince = System.nanoTime();
        server.stopForOutage();
        assertThat(running).failsWithin(Duration.ofSeconds(60));
        assertThat(requests.details(clerk, big).request().status()).isEqualTo(AccessRequestStatus.PROVISIONING);

        // while it is down every job fails and is retried later, counting down, until Cockpit shows an incident
        for (long id : jobs.keySet()) {
            String job = jobs.get(id);
            int retriesBefore = management.createJobQuery().jobId(job).singleResult().getRetries();
            do {
                int before = management.createJobQuery().jobId(job).singleResult().getRetries();
                try {
                    management.executeJob(job);
                    throw new AssertionError("provisioning ran with Keycloak down");
                } catch (RuntimeException expected) {
                    // the directory is out of reach
                }
                var failed = management.createJobQuery().jobId(job).singleResult();
                assertThat(failed.getRetries()).as("retries count down").isLessThan(Math.max(before, 10));
                assertThat(failed.getExceptionMessage()).contains("Keycloak");
                if (failed.getRetries() > 0) {
                    assertThat(failed.getDuedate()).as("next try ten minutes on")
                            .isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofMinutes(9))));
                }
                // the case (page and API) says it is waiting for the next try, or for an admin
                var details = requests.details(clerk, id);
                assertThat(details.request().status()).isEqualTo(AccessRequestStatus.PROVISIONING);
                assertThat(details.provisioningTrouble()).isNotNull();
                assertThat(details.provisioningTrouble().retriesLeft()).isEqualTo(failed.getRetries());
                assertThat(details.provisioningTrouble().incident()).isEqualTo(failed.getRetries() == 0);
            } while (management.createJobQuery().jobId(job).singleResult().getRetries() > 0);
            assertThat(retriesBefore).isPositive();
        }
        var incidents = runtime.createIncidentQuery().incidentType("failedJob").list().stream()
                .filter(i -> jobs.containsValue(i.getConfiguration())).toList();
        assertThat(incidents).hasSize(3).allSatisfy(i -> assertThat(i.getIncidentMessage()).contains("Keycloak"));

        // down for at least a minute, then back with the same data
        long downFor = Duration.ofNanos(System.nanoTime() - downSince).toMillis();
        if (downFor < 60_000) {
            Thread.sleep(60_000 - downFor);
        }
        server.restart();
        System.out.printf("FAULTS keycloak: down for %.1f s during provisioning%n", (System.nanoTime() - downSince) / 1e9);

        // an admin retries the incidents, as Cockpit's "Retry" does
        for (String job : jobs.values()) {
            management.setJobRetries(job, 1);
            management.executeJob(job);
        }
        assertThat(runtime.createIncidentQuery().incidentType("failedJob").list().stream()
                .filter(i -> jobs.containsValue(i.getConfiguration()))).isEmpty();
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetup.SMTP.dynamicPort());
        smtp.start();
        try {
            var delivery = new th.go.nhso.tabien.system.MailDelivery(jdbc,
                    th.go.nhso.tabien.support.LocalSmtp.sender(smtp.getSmtp().getPort()), java.time.Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                delivery.deliver();
            }
            Map<String, Integer> received = new HashMap<>();
            for (var message : smtp.getReceivedMessages()) {
                received.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
            }
            for (var request : people.entrySet()) {
                assertThat(requests.details(clerk, request.getKey()).request().status()).isEqualTo(AccessRequestStatus.DONE);
                assertThat(requests.details(clerk, request.getKey()).provisioningTrouble()).isNull();
                for (String pid : request.getValue()) {
                    assertThat(admin.realm(KeycloakServer.REALM).users().search(pid, true)).as("one account " + pid).hasSize(1);
                    assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :r").param("r", pid + "@outage.example")
                            .query(Integer.class).single()).as("one e-mail written to " + pid).isOne();
                    assertThat(received.get(pid + "@outage.example")).as("one e-mail delivered to " + pid).isOne();
                }
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void theSweepLocksAnIdleKeycloakAccountAndTheRegionsUnlockEnablesItAgain() {
        String idle = pid();
        accounts.createOrUpdate(new NewAccount(idle, idle, "นิ่ง", "นาน", idle + "@rpst.example", Role.FACILITY_STAFF,
                "10670", "40", 7, Set.of(DataCenterRole.E_CLAIM)), "Temporary-1234");
        activity.started(idle);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("update account_activity set last_activity_at = :t where username = :u")
                .param("t", now.minusDays(181)).param("u", idle).update();

        assertThat(sweep.sweep(now).locked()).contains(idle);
        assertThat(admin.realm(KeycloakServer.REALM).users().search(idle, true).get(0).isEnabled()).isFalse();
        assertThat(accounts.find(idle).orElseThrow().inactivityLocked()).isTrue();

        StaffUser clerk = new StaffUser("kc-clerk", "เจ้าหน้าที่", Role.FACILITY_STAFF, "10670", "40", 7);
        long request = unlocks.request(clerk, idle, "กลับจากลาคลอด");
        unlocks.decide(new StaffUser("kc-region", "เขต", Role.REGIONAL_APPROVER, null, null, 7), request, true, null);
        String process = runtime.createProcessInstanceQuery().processDefinitionKey("AccountUnlockProcess")
                .processInstanceBusinessKey(String.valueOf(request)).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(process).singleResult().getId());

        assertThat(admin.realm(KeycloakServer.REALM).users().search(idle, true).get(0).isEnabled()).isTrue();
        assertThat(accounts.find(idle).orElseThrow().inactivityLocked()).isFalse();
    }

    @Test
    void aHospitalSystemCallsTheApiWithAClientCredentialsTokenOfItsFacility() throws Exception {
        String clientId = "his-10670-" + System.nanoTime();
        String secret = "his-secret-" + System.nanoTime();
        ClientRepresentation his = new ClientRepresentation();
        his.setClientId(clientId);
        his.setSecret(secret);
        his.setPublicClient(false);
        his.setServiceAccountsEnabled(true);
        his.setStandardFlowEnabled(false);
        his.setDirectAccessGrantsEnabled(false);
        ProtocolMapperRepresentation facility = new ProtocolMapperRepresentation();
        facility.setName("facility");
        facility.setProtocol("openid-connect");
        facility.setProtocolMapper("oidc-hardcoded-claim-mapper");
        facility.setConfig(Map.of("claim.name", "hcode", "claim.value", "10670", "jsonType.label", "String",
                "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false"));
        his.setProtocolMappers(List.of(facility));
        admin.realm(KeycloakServer.REALM).clients().create(his).close();
        String token = clientCredentialsToken(clientId, secret);
        String day = LocalDate.now(ThaiDates.BANGKOK).toString();

        HttpResponse<String> own = api("/api/v1/authen?facilityCode=10670&date=" + day, "Bearer " + token);
        HttpResponse<String> other = api("/api/v1/authen?facilityCode=10671&date=" + day, "Bearer " + token);
        HttpResponse<String> forged = api("/api/v1/authen?facilityCode=10670&date=" + day, "Bearer " + token.substring(0, token.length() - 4) + "AAAA");
        HttpResponse<String> none = api("/api/v1/authen?facilityCode=10670&date=" + day, null);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_event where username = :u and action = 'API_CALL' and subject_id = '10670'")
                .param("u", "client:" + clientId).query(Long.class).single()).as("the client's two calls, the refused one too")
                .isEqualTo(2);
    }

    private static String clientCredentialsToken(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        KeycloakServer.get().url() + "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> api(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pid() {
        return TestIds.nextThai().value();
    }

    static class LoginsSeen {

        private final ConcurrentLinkedQueue<StaffLoggedIn> seen = new ConcurrentLinkedQueue<>();

        @EventListener
        void on(StaffLoggedIn login) {
            seen.add(login);
        }

        Stream<StaffLoggedIn> stream(Class<StaffLoggedIn> type) {
            return seen.stream().filter(type::isInstance);
        }

        void clear() {
            seen.clear();
        }
    }

    /**
     * Keycloak marks its login cookies {@code Secure; SameSite=None} even over plain HTTP;
     * browsers send them to http://localhost anyway (a secure context), Java's cookie jar
     * would not, so the flag is dropped before the cookies are stored.
     */
    static final class LocalhostCookies extends CookieHandler {

        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return jar.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            Map<String, List<String>> headers = new HashMap<>();
            responseHeaders.forEach((name, values) -> headers.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> v.replaceAll("(?i);\\s*Secure", "")).toList() : values));
            jar.put(uri, headers);
        }
    }

    /** A browser without JavaScript: a cookie jar that follows redirects across Tabien and Keycloak. */
    static final class Session {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new LocalhostCookies())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Fills Keycloak's login form and follows the redirects back into Tabien. */
        HttpResponse<String> submitLogin(HttpResponse<String> loginPage, String username, String password)
                throws IOException, InterruptedException {
            Matcher form = LOGIN_FORM.matcher(loginPage.body());
            assertThat(form.find()).as("Keycloak's login form in %s", loginPage.uri()).isTrue();
            String action = form.group(1).replace("&amp;", "&");
            String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
            return http.send(HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
