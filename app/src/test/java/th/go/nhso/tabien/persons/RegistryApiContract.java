package th.go.nhso.tabien.persons;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TestIds;

/**
 * The registry API, written once and run on H2 and on PostgreSQL. Each test makes its own
 * persons, so it needs no demo data.
 */
abstract class RegistryApiContract {

    static final String READER = "registry-reader";
    static final String PASSWORD = "reader-password-1";

    @Autowired MockMvc mvc;
    @Autowired Registry registry;
    @Autowired AccountDirectory accounts;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void reader() {
        accounts.createOrUpdate(new NewAccount(READER, "1100000000024", "ผู้ทดสอบ", null, Role.FACILITY_STAFF,
                "10670", null, null), PASSWORD);
    }

    private RequestPostProcessor basicAuth() {
        return httpBasic(READER, PASSWORD);
    }

    private Person personWithSssThenUc(NationalId id) {
        Person p = registry.registerPerson(new Registry.NewPerson(id, "นาย", "สมปอง", "ทดสอบ", "M",
                LocalDate.of(1980, 5, 1), "THA", "40", null));
        registry.recordEntitlement(p, Scheme.SSS, LocalDate.of(2015, 1, 1), LocalDate.of(2023, 3, 15), "SSO", null);
        registry.recordEntitlement(p, Scheme.UC, LocalDate.of(2023, 3, 16), null, "NHSO", "10670");
        return p;
    }

    @Test
    void personComesWithTheRightInForce() throws Exception {
        NationalId id = TestIds.nextThai();
        personWithSssThenUc(id);
        mvc.perform(get("/api/v1/persons/{id}", id.value()).with(basicAuth()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nationalId").value(id.value()))
                .andExpect(jsonPath("$.firstNameTh").value("สมปอง"))
                .andExpect(jsonPath("$.birthDate").value("1980-05-01"))
                .andExpect(jsonPath("$.alive").value(true))
                .andExpect(jsonPath("$.currentEntitlement.scheme").value("UC"))
                .andExpect(jsonPath("$.currentEntitlement.mainFacilityCode").value("10670"))
                .andExpect(jsonPath("$.currentEntitlement.validFrom").value("2023-03-16"))
                .andExpect(jsonPath("$.currentEntitlement.validTo").value(nullValue()));
    }

    @Test
    void entitlementHistoryIsNewestFirst() throws Exception {
        NationalId id = TestIds.nextThai();
        personWithSssThenUc(id);
        mvc.perform(get("/api/v1/persons/{id}/entitlements", id.value()).with(basicAuth()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].scheme").value("UC"))
                .andExpect(jsonPath("$[1].scheme").value("SSS"))
                .andExpect(jsonPath("$[1].validTo").value("2023-03-15"))
                .andExpect(jsonPath("$[1].source").value("SSO"));
    }

    @Test
    void eligibilityTellsTheSchemeInForceOnADate() throws Exception {
        NationalId id = TestIds.nextThai();
        personWithSssThenUc(id);
        mvc.perform(get("/api/v1/persons/{id}/eligibility", id.value()).param("date", "2023-03-15").with(basicAuth()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scheme").value("SSS"))
                .andExpect(jsonPath("$.mainFacilityCode").value(nullValue()))
                .andExpect(jsonPath("$.validTo").value("2023-03-15"));
        mvc.perform(get("/api/v1/persons/{id}/eligibility", id.value()).param("date", "2023-03-16").with(basicAuth()))
                .andExpect(jsonPath("$.scheme").value("UC"))
                .andExpect(jsonPath("$.mainFacilityCode").value("10670"));
        mvc.perform(get("/api/v1/persons/{id}/eligibility", id.value()).param("date", "2014-12-31").with(basicAuth()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.scheme").value(nullValue()));
        mvc.perform(get("/api/v1/persons/{id}/eligibility", id.value()).param("date", "16/03/2566").with(basicAuth()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.date").value("2023-03-16"))
                .andExpect(jsonPath("$.scheme").value("UC"));
        mvc.perform(get("/api/v1/persons/{id}/eligibility", id.value()).param("date", "31/02/2566").with(basicAuth()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("request.parameterInvalid"))
                .andExpect(jsonPath("$.detailTh").value(containsString("31/02/2566")));
    }

    @Test
    void unknownPersonIs404InBothLanguages() throws Exception {
        NationalId id = TestIds.nextThai();
        mvc.perform(get("/api/v1/persons/{id}", id.value()).with(basicAuth()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("person.notFound"))
                .andExpect(jsonPath("$.detail").value(containsString(id.value())))
                .andExpect(jsonPath("$.detailTh").value(containsString("ไม่พบบุคคล")));
    }

    @Test
    void invalidIdIs400WithTheReasonInThaiAndEnglish() throws Exception {
        String bad = TestIds.withBadCheckDigit(TestIds.nextThai());
        mvc.perform(get("/api/v1/persons/{id}", bad).with(basicAuth()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("nationalId.invalid.BAD_CHECKSUM"))
                .andExpect(jsonPath("$.detail").value(containsString("check digit")))
                .andExpect(jsonPath("$.detailTh").value(containsString("เลขตรวจสอบ")));
        mvc.perform(get("/api/v1/persons/{id}/entitlements", "12345").with(basicAuth()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("nationalId.invalid.WRONG_LENGTH"));
    }

    @Test
    void everyReadIsOnTheAuditTrail() throws Exception {
        NationalId id = TestIds.nextThai();
        personWithSssThenUc(id);
        mvc.perform(get("/api/v1/persons/{id}", id.value()).with(basicAuth())).andExpect(status().isOk());
        int reads = jdbc.sql("select count(*) from audit_event where subject_id = :id and username = :u and action = 'READ_PERSON'")
                .param("id", id.value()).param("u", READER).query(Integer.class).single();
        assertThat(reads).isEqualTo(1);
    }

    @Test
    void anonymousCallersAreRefused() throws Exception {
        mvc.perform(get("/api/v1/persons/{id}", TestIds.nextThai().value())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(READER, "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void meTellsTheCallersRoleAndArea() throws Exception {
        mvc.perform(get("/api/v1/me").with(basicAuth()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(READER))
                .andExpect(jsonPath("$.roles[0]").value("FACILITY_STAFF"))
                .andExpect(jsonPath("$.facilityCode").value("10670"))
                .andExpect(jsonPath("$.provinceCode").value(nullValue()));
    }

    @Test
    void provincesAndRegion7FacilitiesAreLoaded() {
        assertThat(registry.provinces()).hasSize(77);
        assertThat(registry.provinces().stream().filter(p -> p.region() == 7).map(p -> p.code()))
                .containsExactlyInAnyOrder("40", "44", "45", "46");
        assertThat(registry.findFacility("10670")).get().satisfies(f -> {
            assertThat(f.provinceCode()).isEqualTo("40");
            assertThat(f.region()).isEqualTo(7);
        });
        assertThat(registry.facilities()).anyMatch(f -> f.type().equals("HEALTH_PROMOTING_HOSPITAL")
                && f.parentOrg() != null && f.parentOrg().startsWith("องค์การบริหารส่วนจังหวัด"));
    }
}
