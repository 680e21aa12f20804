package th.go.nhso.tabien.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import th.go.nhso.tabien.access.AccessRequests;
import th.go.nhso.tabien.access.RequestedPerson;
import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.birth.BirthCases;
import th.go.nhso.tabien.birth.BirthRecord;
import th.go.nhso.tabien.entitlement.EntitlementBatches;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.support.TestIds;

/**
 * Concurrency on PostgreSQL (issue #8, faults): two people doing the same thing at the same
 * moment, on real threads released together by a barrier, over the HTTP API they use, five
 * rounds each. Every time exactly one effect: one answer 2xx, the other a bilingual 409 (or,
 * for a file, a duplicate batch), and the database changed once. And two clerks filing two
 * births of one facility at once both succeed, with consecutive certificate numbers.
 * <p>
 * Already proven elsewhere on PostgreSQL and not repeated here: two provincial approvers
 * deciding one access request at once ({@code PostgresAccessRequestApiTests}).
 */
@PostgresTest
class PostgresConcurrencyTests {

    private static final String PASSWORD = "same-moment-123";
    private static final int ROUNDS = 5;

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired AccountDirectory accounts;
    @Autowired BirthCases births;
    @Autowired Registry registry;
    @Autowired EntitlementBatches batches;
    @Autowired AccessRequests requests;
    @Autowired ManagementService management;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired JdbcClient jdbc;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private StaffUser clerk;
    private StaffUser province;

    @BeforeEach
    void accounts() {
        clerk = account("cc-clerk", Role.FACILITY_STAFF, "10670", null, null);
        province = account("cc-province", Role.PROVINCIAL_APPROVER, null, "40", null);
        account("cc-registrar-1", Role.REGISTRAR, null, null, null);
        account("cc-registrar-2", Role.REGISTRAR, null, null, null);
        account("cc-region-1", Role.REGIONAL_APPROVER, null, null, 7);
        account("cc-region-2", Role.REGIONAL_APPROVER, null, null, 7);
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private StaffUser account(String username, Role role, String hcode, String provinceCode, Integer region) {
        return accounts.createOrUpdate(new NewAccount(username, "1100000000024", username, username + "@cc.example", role, hcode,
                provinceCode, region), PASSWORD).asStaffUser();
    }

    /** Both requests leave together from behind one barrier; their answers in the order given. */
    private List<MockHttpServletResponse> atOnce(RequestBuilder first, RequestBuilder second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
        for (RequestBuilder request : List.of(first, second)) {
            Callable<MockHttpServletResponse> call = () -> {
                barrier.await();
                return mvc.perform(request).andReturn().getResponse();
            };
            answers.add(pool.submit(call));
        }
        return List.of(answers.get(0).get(), answers.get(1).get());
    }

    /** One 2xx, one 409 with the given code told in Thai and English; the 2xx answer is returned. */
    private MockHttpServletResponse oneWinsOneConflict(List<MockHttpServletResponse> answers, String code) throws Exception {
        assertThat(answers).extracting(MockHttpServletResponse::getStatus).containsExactlyInAnyOrder(
                answers.stream().mapToInt(MockHttpServletResponse::getStatus).filter(s -> s / 100 == 2).findFirst().orElse(-1), 409);
        MockHttpServletResponse loser = answers.stream().filter(a -> a.getStatus() == 409).findFirst().orElseThrow();
        JsonNode problem = json.readTree(loser.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detailTh").asText()).isNotBlank().isNotEqualTo(problem.path("detail").asText());
        assertThat(problem.path("detail").asText()).isNotBlank();
        return answers.stream().filter(a -> a.getStatus() != 409).findFirst().orElseThrow();
    }

    @Test
    void twoRegistrarMessagesForOneCertificateAtOnceRegisterTheChildOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String number = births.file(clerk, thaiBirth(), null).birth().certificateNumber();
            String childA = TestIds.nextThai().value();
            String childB = TestIds.nextThai().value();
            oneWinsOneConflict(atOnce(registration(number, childA, "cc-registrar-1"), registration(number, childB, "cc-registrar-2")),
                    "birth.alreadyRegistered");

            assertThat(births.require(number).status().name()).isEqualTo("REGISTERED");
            String registered = births.require(number).childNationalId();
            assertThat(registered).isIn(childA, childB);
            assertThat(jdbc.sql("select count(*) from person where national_id in (:a, :b)").param("a", childA).param("b", childB)
                    .query(Long.class).single()).as("one child in the registry").isOne();
            assertThat(jdbc.sql("""
                            select count(*) from entitlement e join person p on p.person_id = e.person_id
                            where p.national_id = :pid and e.scheme = 'UC'
                            """).param("pid", registered).query(Long.class).single()).as("one UC right").isOne();
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'REGISTER_BIRTH' and subject_id = :n")
                    .param("n", number).query(Long.class).single()).isOne();
        }
    }

    /**
     * The number is drawn last in the filing transaction (CertificateNumbers): two clerks of one
     * facility filing at the same moment still get two numbers in a row, each on its own case
     * and its own process instance.
     */
    @Test
    void twoFilingsOfOneFacilityAtOnceGetConsecutiveNumbers() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<MockHttpServletResponse> answers = atOnce(filing(thaiBirth()), filing(thaiBirth()));
            assertThat(answers).extracting(MockHttpServletResponse::getStatus).containsExactly(201, 201);
            List<String> numbers = new ArrayList<>();
            for (MockHttpServletResponse answer : answers) {
                numbers.add(json.readTree(answer.getContentAsString(StandardCharsets.UTF_8)).path("certificateNumber").asText());
            }
            List<Integer> serials = numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).sorted().toList();
            assertThat(serials.get(1)).as("no gap, no repeat: %s", numbers).isEqualTo(serials.get(0) + 1);
            for (String number : numbers) {
                assertThat(births.require(number).status().name()).isEqualTo("AWAITING_REGISTRATION");
                assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count())
                        .as("the process instance carries its number").isOne();
            }
        }
    }

    private RequestBuilder filing(BirthRecord record) throws Exception {
        return post("/api/v1/births").with(httpBasic("cc-clerk", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(record));
    }

    private RequestBuilder registration(String number, String child, String registrar) {
        return post("/api/v1/registrar/births/{n}/registration", number).with(httpBasic(registrar, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + child + "\",\"registeredOn\":\"" + LocalDate.now().minusDays(1)
                        + "\",\"registrarOffice\":\"เทศบาลนครขอนแก่น\"}");
    }

    @Test
    void twoReviewersDecidingOneConflictAtOnceApplyOneDecision() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Person person = registry.registerPerson(new Registry.NewPerson(TestIds.nextThai(), "นาย", "ขัดแย้ง", "พร้อมกัน", "M",
                    LocalDate.of(1980, 1, 1), "THA", "40", null));
            registry.recordEntitlement(person, Scheme.SSS, LocalDate.of(2015, 1, 1), null, "TEST", null);
            String batch = batches.submit(new StaffUser("cc-region-1", "เขต", Role.REGIONAL_APPROVER, null, null, 7), "CGD",
                    "ofc-" + round + ".csv", csvFile(person.nationalId() + ",OFC,START,2024-06-01,,,,"));
            awaitBatch(batch);
            long conflict = jdbc.sql("select conflict_id from entitlement_conflict where batch_id = :b").param("b", batch)
                    .query(Long.class).single();

            // one keeps the new right (the SSS right ends), the other keeps both: only one may apply
            oneWinsOneConflict(atOnce(decision(conflict, "KEEP_NEW", "cc-region-1"), decision(conflict, "KEEP_BOTH", "cc-region-2")),
                    "feed.conflictDecided");

            String status = jdbc.sql("select status from entitlement_conflict where conflict_id = :c").param("c", conflict)
                    .query(String.class).single();
            assertThat(status).isIn("KEPT_NEW", "KEPT_BOTH");
            assertThat(jdbc.sql("select count(*) from entitlement where person_id = :p and scheme = 'OFC'")
                    .param("p", person.personId()).query(Long.class).single()).as("the new right once").isOne();
            assertThat(jdbc.sql("select count(*) from entitlement where person_id = :p and scheme = 'SSS' and valid_to is null")
                    .param("p", person.personId()).query(Long.class).single()).isEqualTo(status.equals("KEPT_NEW") ? 0L : 1L);
            assertThat(jdbc.sql("""
                            select count(*) from act_hi_taskinst t where t.proc_def_key_ = 'EntitlementChangeProcess'
                              and t.task_def_key_ = 'Task_ReviewConflict' and t.end_time_ is not null
                              and t.proc_inst_id_ in (select id_ from act_hi_procinst where business_key_ = :k
                                                      and proc_def_key_ = 'EntitlementChangeProcess')
                            """).param("k", String.valueOf(conflict)).query(Long.class).single()).as("the review task done once").isOne();
        }
    }

    private RequestBuilder decision(long conflict, String decision, String reviewer) {
        return post("/api/v1/entitlement-changes/conflicts/{id}/decision", conflict).with(httpBasic(reviewer, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"" + decision + "\",\"reason\":\"ตรวจสอบเอกสารแล้ว\"}");
    }

    @Test
    void twoRegionalApproversApprovingOneRequestAtOnceProvisionOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String pid = TestIds.nextThai().value();
            long id = forwardedRequest(pid);
            oneWinsOneConflict(atOnce(approve(id, "cc-region-1"), approve(id, "cc-region-2")), "access.alreadyDecided");

            String job = management.createJobQuery().activityId("Task_ProvisionAccounts")
                    .processInstanceId(runtime.createProcessInstanceQuery().processDefinitionKey("AccessRequestProcess")
                            .processInstanceBusinessKey(String.valueOf(id)).singleResult().getId())
                    .singleResult().getId();
            management.executeJob(job);
            assertThat(accounts.findByNationalId(pid)).hasSize(1);
            assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :to").param("to", pid + "@rpst.example")
                    .query(Long.class).single()).as("one e-mail").isOne();
            assertThat(jdbc.sql("select count(*) from access_request_event where request_id = :id and step like 'REGION_%'")
                    .param("id", id).query(Long.class).single()).isOne();
        }
    }

    private long forwardedRequest(String pid) {
        long id = requests.createDraft(clerk, "10670");
        requests.replacePeople(clerk, id, List.of(new RequestedPerson(pid, "นาง", "พร้อม", "กันสอง", "พยาบาลวิชาชีพ",
                pid + "@rpst.example", "0891234567", EnumSet.of(DataCenterRole.E_CLAIM))));
        requests.storeFile(clerk, id, AccessRequests.FileKind.SIGNED_SCAN, "signed.pdf", "%PDF-1.4".getBytes());
        requests.submit(clerk, id);
        requests.decideAtProvince(province, id, AccessRequests.ProvinceDecision.FORWARD, Set.of(1), null);
        return id;
    }

    private RequestBuilder approve(long id, String approver) {
        return post("/api/v1/access-requests/{id}/region-decision", id).with(httpBasic(approver, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\",\"lines\":[1]}");
    }

    @Test
    void theSameAgencyFileUploadedTwiceAtOnceIsAppliedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<Person> people = new ArrayList<>();
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                Person p = registry.registerPerson(new Registry.NewPerson(TestIds.nextThai(), "นาง", "ไฟล์", "ซ้ำ", "F",
                        LocalDate.of(1985, 5, 5), "THA", "40", null));
                registry.recordEntitlement(p, Scheme.SSS, LocalDate.of(2016, 1, 1), null, "TEST", null);
                people.add(p);
                rows.append(p.nationalId()).append(",SSS,END,2024-03-31,,,,\n");
            }
            byte[] file = (HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8);
            List<MockHttpServletResponse> answers = atOnce(upload(file, "sso-" + round + ".csv", "cc-region-1"),
                    upload(file, "sso-" + round + "-copy.csv", "cc-region-2"));
            assertThat(answers).extracting(MockHttpServletResponse::getStatus).containsExactly(202, 202);
            List<String> statuses = new ArrayList<>();
            for (MockHttpServletResponse a : answers) {
                statuses.add(awaitBatch(json.readTree(a.getContentAsString()).get("batchId").asText()).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder("DONE", "DUPLICATE");
            for (Person p : people) {
                assertThat(jdbc.sql("select count(*) from entitlement where person_id = :p and scheme = 'UC'")
                        .param("p", p.personId()).query(Long.class).single()).as("UC from the next day, once").isOne();
                assertThat(jdbc.sql("select count(*) from entitlement where person_id = :p and scheme = 'SSS' and valid_to = :d")
                        .param("p", p.personId()).param("d", LocalDate.of(2024, 3, 31)).query(Long.class).single()).isOne();
            }
        }
    }

    private RequestBuilder upload(byte[] file, String name, String user) {
        return multipart("/api/v1/entitlement-changes/batches")
                .file(new MockMultipartFile("file", name, "text/csv", file)).param("agency", "SSO")
                .with(httpBasic(user, PASSWORD));
    }

    // ------------------------------------------------------------------ helpers

    private static final String HEADER = "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date";

    private static java.nio.file.Path csvFile(String... lines) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("cc-", ".csv");
        java.nio.file.Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private EntitlementBatches.Batch awaitBatch(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            EntitlementBatches.Batch b = batches.find(id).orElseThrow();
            if (!b.status().equals("QUEUED") && !b.status().equals("RUNNING")) {
                return b;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("batch " + id + " did not finish");
    }

    private static BirthRecord thaiBirth() {
        return new BirthRecord("10670",
                new BirthRecord.Child("", "พร้อมกัน", "M", java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)).minusDays(2)
                        .withHour(9).withMinute(0).withSecond(0).withNano(0), "FACILITY", 1, 1, 3000, 39),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมใจ", "พร้อมกัน", "THA", LocalDate.of(1994, 2, 2), "40"),
                new BirthRecord.Parent(null, "MA7654321", "Aung", "Min", "MMR", null, null),
                "MARRIED", new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"),
                List.of(), List.of(), null, new BirthRecord.Other("", "สมใจ พร้อมกัน (มารดา)"));
    }
}
