package th.go.nhso.tabien.authen.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.ApiClients;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.support.TestIds;
import th.go.nhso.tabien.system.ThaiDates;

/** Every rule and refusal of visit authentication and the claim check, on PostgreSQL. */
@PostgresTest
// a limit low enough that the runaway loop meets it however slow a busy machine makes each call
@TestPropertySource(properties = {"tabien.api.requests-per-second=5", "tabien.api.burst=40"})
class PostgresAuthenApiTests {

    private static final String PASSWORD = "counter-password-1";
    private static final LocalDate TODAY = LocalDate.now(ThaiDates.BANGKOK);

    @Autowired MockMvc mvc;
    @Autowired AccountDirectory accounts;
    @Autowired Registry registry;
    @Autowired ApiClients apiClients;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        account("counter-10670", Role.FACILITY_STAFF, "10670", null, null);
        account("counter-other", Role.FACILITY_STAFF, "10671", null, null);
        account("kk-province", Role.PROVINCIAL_APPROVER, null, "40", null);
        account("region-7", Role.REGIONAL_APPROVER, null, null, 7);
        account("admin-test", Role.ADMIN, null, null, null);
    }

    private void account(String username, Role role, String hcode, String province, Integer region) {
        accounts.createOrUpdate(new NewAccount(username, "1100000000024", username, null, role, hcode, province, region), PASSWORD);
    }

    private static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    private NationalId person(Scheme scheme, LocalDate died) {
        NationalId id = TestIds.nextThai();
        Person p = registry.registerPerson(new Registry.NewPerson(id, "นาย", "ทดสอบ", "สิทธิ", "M", LocalDate.of(1980, 1, 1),
                "THA", "40", died));
        if (scheme != null) {
            registry.recordEntitlement(p, scheme, LocalDate.of(2020, 1, 1), died, "NHSO", scheme == Scheme.UC ? "10670" : null);
        }
        return id;
    }

    private ResultActions authen(String user, String nationalId, String phone, String service, String hcode) throws Exception {
        return mvc.perform(post("/api/v1/authen").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + nationalId + "\",\"phone\":\"" + phone + "\",\"serviceType\":\"" + service
                        + "\",\"facilityCode\":\"" + hcode + "\"}"));
    }

    private ResultActions check(String user, String nationalId, String hcode, LocalDate day, String code) throws Exception {
        return mvc.perform(post("/api/v1/claims/check").with(as(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"nationalId\":\"" + nationalId + "\",\"facilityCode\":\"" + hcode + "\",\"serviceDate\":\"" + day
                        + "\",\"serviceType\":\"OPD\"" + (code == null ? "" : ",\"authenCode\":\"" + code + "\"") + "}"));
    }

    @Test
    void ucPatientGetsACodeWithSchemeAndMainFacility() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        authen("counter-10670", uc.value(), "081-234-5678", "OPD", "10670")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.authenCode").value(matchesPattern("OP[0-9A-Z]{10}")))
                .andExpect(jsonPath("$.nationalId").value(uc.value()))
                .andExpect(jsonPath("$.scheme").value("UC"))
                .andExpect(jsonPath("$.mainFacilityCode").value("10670"))
                .andExpect(jsonPath("$.serviceType").value("OPD"))
                .andExpect(jsonPath("$.issuedAt").exists());
    }

    @Test
    void theSameVisitOfTheSameDayGetsTheSameCodeNeverASecond() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        String first = authen("counter-10670", uc.value(), "0812345678", "OPD", "10670").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String again = authen("counter-10670", uc.value(), "+66812345678", "OPD", "10670").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(code(again)).isEqualTo(code(first));
        authen("counter-10670", uc.value(), "0812345678", "PP", "10670").andExpect(status().isCreated())
                .andExpect(jsonPath("$.authenCode").value(matchesPattern("PP.*")));
    }

    private static String code(String json) {
        return json.replaceAll(".*\"authenCode\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void twentyIdenticalRequestsAtOnceMakeExactlyOneCode() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    var response = authen("counter-10670", uc.value(), "0812345678", "OPD", "10670").andReturn().getResponse();
                    return response.getStatus() + " " + code(response.getContentAsString());
                }));
            }
            start.countDown();
            Set<String> codes = new HashSet<>();
            int created = 0;
            for (Future<String> answer : answers) {
                String[] parts = answer.get().split(" ");
                assertThat(parts[0]).isIn("200", "201");
                created += parts[0].equals("201") ? 1 : 0;
                codes.add(parts[1]);
            }
            assertThat(codes).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from authen_code where national_id = :id").param("id", uc.value())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void refusalsSayWhyInThaiAndEnglish() throws Exception {
        authen("counter-10670", TestIds.nextThai().value(), "0812345678", "OPD", "10670")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("authen.unknownPerson"))
                .andExpect(jsonPath("$.detailTh").value(containsString("ไม่พบบุคคล")));
        authen("counter-10670", person(Scheme.UC, TODAY.minusDays(3)).value(), "0812345678", "OPD", "10670")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("authen.deceased"));
        authen("counter-10670", person(null, null).value(), "0812345678", "OPD", "10670")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("authen.noRight"));
        authen("counter-10670", person(Scheme.SSS, null).value(), "0812345678", "OPD", "10670")
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("authen.schemeNotAuthenticated"));
        authen("counter-10670", person(Scheme.LGO, null).value(), "0812345678", "OPD", "10670")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.scheme").value("LGO"));
        authen("counter-10670", TestIds.withBadCheckDigit(TestIds.nextThai()), "0812345678", "OPD", "10670")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("nationalId.invalid.BAD_CHECKSUM"));
        authen("counter-10670", person(Scheme.UC, null).value(), "021234567", "OPD", "10670")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("authen.phoneInvalid"))
                .andExpect(jsonPath("$.detail").value(containsString("Thai mobile")));
        authen("counter-10670", person(Scheme.UC, null).value(), "0812345678", "ER", "10670")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("authen.serviceTypeInvalid"));
    }

    @Test
    void onlyTheFacilityAsksForItsOwnCodes() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        authen("counter-other", uc.value(), "0812345678", "OPD", "10670").andExpect(status().isForbidden());
        authen("kk-province", uc.value(), "0812345678", "OPD", "10670").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("authen.onlyFacility"));
    }

    @Test
    void claimWithoutACodeIsDeniedWithC349() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        check("counter-10670", uc.value(), "10670", TODAY, null)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DENIED"))
                .andExpect(jsonPath("$.code").value("C349")).andExpect(jsonPath("$.reason").exists());
        String body = authen("counter-10670", uc.value(), "0812345678", "OPD", "10670").andReturn().getResponse().getContentAsString();
        check("counter-10670", uc.value(), "10670", TODAY, null).andExpect(jsonPath("$.status").value("ACCEPTED"));
        check("counter-10670", uc.value(), "10670", TODAY, code(body)).andExpect(jsonPath("$.status").value("ACCEPTED"));
        check("counter-10670", uc.value(), "10670", TODAY, "OPWRONGCODE1").andExpect(jsonPath("$.status").value("DENIED"))
                .andExpect(jsonPath("$.code").value("C349"));
        check("counter-10670", uc.value(), "10670", TODAY.minusDays(1), null).andExpect(jsonPath("$.code").value("C349"));
        check("counter-other", uc.value(), "10671", TODAY, null).andExpect(jsonPath("$.code").value("C349"));
    }

    @Test
    void theDayListFollowsTheAreaRule() throws Exception {
        NationalId uc = person(Scheme.UC, null);
        authen("counter-10670", uc.value(), "0812345678", "OPD", "10670").andExpect(status().isCreated());
        for (String allowed : List.of("counter-10670", "kk-province", "region-7", "admin-test")) {
            mvc.perform(get("/api/v1/authen").param("facilityCode", "10670").param("date", TODAY.toString()).with(as(allowed)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.nationalId == '" + uc.value() + "')]", hasSize(1)));
        }
        mvc.perform(get("/api/v1/authen").param("facilityCode", "10670").param("date", TODAY.toString()).with(as("counter-other")))
                .andExpect(status().isForbidden());
    }

    @Test
    void machineClientsUseTheirKeyScopedToTheirFacility() throws Exception {
        StaffUser admin = accounts.find("admin-test").orElseThrow().asStaffUser();
        String key = apiClients.create(admin, "HIS โรงพยาบาลขอนแก่น", "10670");
        NationalId uc = person(Scheme.UC, null);
        mvc.perform(post("/api/v1/authen").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nationalId\":\"" + uc.value() + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\",\"facilityCode\":\"10670\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/authen").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nationalId\":\"" + uc.value() + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\",\"facilityCode\":\"10671\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/me").header("X-API-Key", "tbn_not-a-key")).andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from audit_event where username like 'api:10670-%' and action = 'API_CALL'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);

        String clientId = apiClients.all().stream().filter(c -> c.name().equals("HIS โรงพยาบาลขอนแก่น")).findFirst().orElseThrow().clientId();
        apiClients.revoke(admin, clientId);
        mvc.perform(get("/api/v1/me").header("X-API-Key", key)).andExpect(status().isUnauthorized());
    }

    @Test
    void everyMachineCallIsAuditedOnceWithWhatItDidOrAloneWhenItWasRefused() throws Exception {
        StaffUser admin = accounts.find("admin-test").orElseThrow().asStaffUser();
        String key = apiClients.create(admin, "HIS audit", "10670");
        String client = "api:" + apiClients.all().stream().filter(c -> c.name().equals("HIS audit")).findFirst().orElseThrow().clientId();
        NationalId uc = person(Scheme.UC, null);
        NationalId unknown = TestIds.nextThai();
        for (NationalId pid : List.of(uc, uc, unknown)) {
            mvc.perform(post("/api/v1/authen").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"nationalId\":\"" + pid.value() + "\",\"phone\":\"0812345678\",\"serviceType\":\"OPD\",\"facilityCode\":\"10670\"}"));
        }
        // new code, the same code again, an unknown person (its transaction rolled back): three calls on record,
        // one code issued, and the issue written in the statement that carried the call's own entry
        assertThat(jdbc.sql("select action from audit_event where username = :u order by event_id").param("u", client)
                .query(String.class).list())
                .containsExactly("API_CALL", "ISSUE_AUTHEN", "API_CALL", "API_CALL");
        assertThat(jdbc.sql("select count(*) from authen_code where national_id = :pid").param("pid", uc.value())
                .query(Integer.class).single()).isOne();
    }

    @Test
    void aRunawayClientIsSlowedDownWith429AndRetryAfter() throws Exception {
        StaffUser admin = accounts.find("admin-test").orElseThrow().asStaffUser();
        String key = apiClients.create(admin, "kiosk loop", "10670");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 400 && limited == 0; i++) {
            var response = mvc.perform(get("/api/v1/me").header("X-API-Key", key)).andReturn().getResponse();
            if (response.getStatus() == 429) {
                limited++;
                retryAfter = response.getHeader("Retry-After");
                assertThat(response.getContentAsString()).contains("api.rateLimited");
            }
        }
        assertThat(limited).as("the call past the burst within a second is refused").isPositive();
        assertThat(Integer.parseInt(retryAfter)).isPositive();
        mvc.perform(get("/api/v1/me").with(as("counter-10670"))).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Retry-After"));
    }
}
