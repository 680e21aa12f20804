package th.go.nhso.tabien.authen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.support.TabienTest;

/**
 * Every role × own and other facility, province and region, for the area-scoped page and
 * API, and the admin-only doors. The demo accounts are the actors.
 */
@TabienTest
class AccessMatrixTests {

    @Autowired MockMvc mvc;
    @Autowired Registry registry;
    @Autowired AccountDirectory accounts;

    /** Where a facility stands relative to the demo users (all of them in Khon Kaen, region 7). */
    enum Place { OWN_FACILITY, SAME_PROVINCE, SAME_REGION_OTHER_PROVINCE, OTHER_REGION }

    private static final Map<String, List<Place>> ALLOWED = Map.of(
            "facility", List.of(Place.OWN_FACILITY),
            "province", List.of(Place.OWN_FACILITY, Place.SAME_PROVINCE),
            "region", List.of(Place.OWN_FACILITY, Place.SAME_PROVINCE, Place.SAME_REGION_OTHER_PROVINCE),
            "admin", List.of(Place.values()),
            "registrar", List.of());

    static Stream<Arguments> matrix() {
        return ALLOWED.keySet().stream().sorted()
                .flatMap(u -> Stream.of(Place.values()).map(p -> Arguments.of(u, p, ALLOWED.get(u).contains(p))));
    }

    private Facility at(Place place) {
        List<Facility> all = registry.facilities();
        return switch (place) {
            case OWN_FACILITY -> registry.findFacility("10670").orElseThrow();
            case SAME_PROVINCE -> all.stream().filter(f -> f.provinceCode().equals("40") && !f.hcode().equals("10670")).findFirst().orElseThrow();
            case SAME_REGION_OTHER_PROVINCE -> all.stream().filter(f -> f.region() == 7 && !f.provinceCode().equals("40")).findFirst().orElseThrow();
            case OTHER_REGION -> all.stream().filter(f -> f.region() != 7).findFirst().orElseThrow();
        };
    }

    private RequestPostProcessor as(String username) {
        StaffAccount account = accounts.find(username).orElseThrow();
        return user(new StaffPrincipal(account.asStaffUser(), "n/a"));
    }

    @ParameterizedTest(name = "{0} on {1}: allowed={2}")
    @MethodSource("matrix")
    void facilityPageFollowsTheAreaRule(String username, Place place, boolean allowed) throws Exception {
        mvc.perform(get("/facilities/{h}", at(place).hcode()).with(as(username)))
                .andExpect(allowed ? status().isOk() : status().isForbidden());
    }

    @ParameterizedTest(name = "{0} on {1}: allowed={2}")
    @MethodSource("matrix")
    void facilityApiFollowsTheAreaRule(String username, Place place, boolean allowed) throws Exception {
        mvc.perform(get("/api/v1/facilities/{h}/accounts", at(place).hcode()).with(as(username)))
                .andExpect(allowed ? status().isOk() : status().isForbidden());
    }

    @ParameterizedTest(name = "{0} lists only facilities of its area")
    @MethodSource("users")
    void facilityListShowsOnlyTheArea(String username) throws Exception {
        String page = mvc.perform(get("/facilities").with(as(username))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        for (Place place : Place.values()) {
            boolean listed = page.contains("/facilities/" + at(place).hcode() + "\"");
            assertThat(listed).as("%s sees %s", username, place).isEqualTo(ALLOWED.get(username).contains(place));
        }
    }

    static Stream<String> users() {
        return ALLOWED.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0} on the admin-only doors")
    @MethodSource("users")
    void adminOnlyDoorsAreClosedToEveryoneElse(String username) throws Exception {
        boolean admin = username.equals("admin");
        for (String door : List.of("/admin/audit", "/actuator/metrics", "/actuator/env")) {
            mvc.perform(get(door).with(as(username)))
                    .andExpect(admin ? status().is(org.hamcrest.Matchers.not(403)) : status().isForbidden());
        }
        // Cockpit is served outside Spring MVC: here only the security decision is visible
        mvc.perform(get("/camunda/app/cockpit/default/").with(as(username)))
                .andExpect(admin ? status().is(org.hamcrest.Matchers.not(403)) : status().isForbidden());
    }

    @Test
    void anonymousUsersAreSentToTheLoginPageOrRefused() throws Exception {
        mvc.perform(get("/facilities/10670")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        mvc.perform(get("/camunda/app/cockpit/default/")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/facilities/10670/accounts")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void refusalOfAnotherAreaIsExplainedInBothLanguages() throws Exception {
        String hcode = at(Place.OTHER_REGION).hcode();
        mvc.perform(get("/api/v1/facilities/{h}/accounts", hcode).with(as("facility")))
                .andExpect(status().isForbidden())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detailTh")
                        .value(org.hamcrest.Matchers.containsString("นอกพื้นที่")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.containsString("outside your area")));
    }
}
