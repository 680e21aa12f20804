package th.go.nhso.tabien.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.authen.Principals;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.entitlement.TransitionsReport;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.system.ThaiDates;
import th.go.nhso.tabien.system.WorkingDays;

/**
 * The dashboards' figures for a known data set in province 44 (no other test uses it):
 * births, entitlement changes, authen coverage and the access SLA; area scoping; the public
 * page without login and without personal data; the Excel export.
 */
@TabienTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTests {

    private static final Area PROVINCE_44 = new Area(Area.Level.PROVINCE, DashboardFixtures.PROVINCE);
    private static final Area FACILITY_10707 = new Area(Area.Level.FACILITY, DashboardFixtures.FACILITY);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DashboardFigures figures;
    @Autowired WorkingDays workingDays;
    @Autowired AccountDirectory accounts;

    private final YearMonth lastMonth = YearMonth.now(ThaiDates.BANGKOK).minusMonths(1);
    private final YearMonth twoMonthsAgo = lastMonth.minusMonths(1);
    private List<TransitionsReport.Transition> transitionsBefore;
    private UserDetails provinceUser;
    private UserDetails facilityUser;

    @BeforeAll
    void knownDataSet() {
        DashboardFixtures data = new DashboardFixtures(jdbc);
        transitionsBefore = figures.entitlementChanges(PROVINCE_44, null);

        data.birth(DashboardFixtures.FACILITY, "AWAITING_REGISTRATION", lastMonth.atDay(2), false);
        data.birth(DashboardFixtures.FACILITY, "REGISTERED", lastMonth.atDay(3), true);
        data.birth(DashboardFixtures.FACILITY, "FOLLOW_UP", lastMonth.atDay(4), false);
        data.birth(DashboardFixtures.FACILITY, "REGISTERED", twoMonthsAgo.atDay(5), true);
        data.birth(DashboardFixtures.FACILITY, "CANCELLED", lastMonth.atDay(6), false);
        data.birth(DashboardFixtures.FACILITY, "AWAITING_REGISTRATION", lastMonth.minusMonths(14).atDay(1), false);
        data.birth(DashboardFixtures.OTHER_FACILITY_IN_PROVINCE, "FOLLOW_UP", lastMonth.atDay(7), false);
        data.birth(DashboardFixtures.FACILITY_ELSEWHERE, "AWAITING_REGISTRATION", lastMonth.atDay(8), false);

        data.transition(DashboardFixtures.PROVINCE, "SSS", "UC", lastMonth.atDay(1));
        data.transition(DashboardFixtures.PROVINCE, "SSS", "UC", lastMonth.atDay(1));
        data.transition(DashboardFixtures.PROVINCE, "OFC", "UC", twoMonthsAgo.atDay(1));
        data.transition("40", "SSS", "UC", lastMonth.atDay(1));

        for (String status : List.of("ACCEPTED", "ACCEPTED", "ACCEPTED", "DENIED")) {
            data.claimCheck(DashboardFixtures.FACILITY, lastMonth.atDay(10), status);
        }
        data.claimCheck(DashboardFixtures.OTHER_FACILITY_IN_PROVINCE, lastMonth.atDay(11), "ACCEPTED");
        data.claimCheck(DashboardFixtures.FACILITY_ELSEWHERE, lastMonth.atDay(11), "DENIED");
        data.claimCheck(DashboardFixtures.FACILITY_ELSEWHERE, lastMonth.atDay(11), "DENIED");
        data.authenCode(DashboardFixtures.FACILITY, lastMonth.atDay(10), 2_000);
        data.authenCode(DashboardFixtures.OTHER_FACILITY_IN_PROVINCE, lastMonth.atDay(10), 4_000);
        data.authenCode(DashboardFixtures.FACILITY_ELSEWHERE, lastMonth.atDay(10), 100_000);

        OffsetDateTime fastReceived = at(twoMonthsAgo.atDay(3));
        OffsetDateTime fastClosed = at(workingDays.plusWorkingDays(twoMonthsAgo.atDay(3), 15));
        OffsetDateTime slowReceived = at(lastMonth.minusMonths(2).atDay(4));
        data.accessRequest(DashboardFixtures.FACILITY, "44", 7, "DONE", fastReceived, fastClosed);
        data.accessRequest(DashboardFixtures.FACILITY, "44", 7, "DONE", slowReceived, slowReceived.plusDays(40));
        data.accessRequest(DashboardFixtures.OTHER_FACILITY_IN_PROVINCE, "44", 7, "AT_REGION", at(lastMonth.atDay(9)), null);
        data.accessRequest(DashboardFixtures.FACILITY_ELSEWHERE, "40", 7, "DONE", fastReceived, fastReceived.plusDays(1));

        provinceUser = Principals.of(accounts.createOrUpdate(new NewAccount("dash-province-44", "1100000000032",
                "ผู้ตรวจจังหวัดมหาสารคาม", null, Role.PROVINCIAL_APPROVER, null, "44", null), "password-123"));
        facilityUser = Principals.of(accounts.createOrUpdate(new NewAccount("dash-10707", "1100000000024",
                "เจ้าหน้าที่ รพ.มหาสารคาม", null, Role.FACILITY_STAFF, "10707", null, null), "password-123"));
    }

    private static OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(ThaiDates.BANGKOK).toOffsetDateTime();
    }

    @Test
    void birthsPerProvinceAndMonthCountNotifiedRegisteredAndInFollowUp() {
        List<DashboardFigures.BirthRow> rows = figures.births(PROVINCE_44);
        assertThat(rows).extracting(DashboardFigures.BirthRow::provinceCode).containsOnly("44");
        assertThat(rows).filteredOn(r -> r.month().equals(lastMonth)).singleElement()
                .satisfies(r -> {
                    assertThat(r.notified()).isEqualTo(4); // the cancelled one does not count
                    assertThat(r.registered()).isEqualTo(1);
                    assertThat(r.followUp()).isEqualTo(2);
                });
        assertThat(rows).filteredOn(r -> r.month().equals(twoMonthsAgo)).singleElement()
                .satisfies(r -> assertThat(List.of(r.notified(), r.registered(), r.followUp())).containsExactly(1L, 1L, 0L));
        assertThat(rows).noneMatch(r -> r.month().isBefore(figures.months().get(0)));
    }

    @Test
    void aProvinceSeesOnlyItsFacilitiesFigures() throws Exception {
        assertThat(figures.births(PROVINCE_44)).noneMatch(r -> r.provinceCode().equals("40"));
        assertThat(figures.births(FACILITY_10707)).filteredOn(r -> r.month().equals(lastMonth)).singleElement()
                .satisfies(r -> assertThat(r.notified()).isEqualTo(3));

        String page = mvc.perform(get("/dashboard").with(user(provinceUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("พื้นที่: มหาสารคาม", "id=\"chart-births\"", "id=\"access-sla\"")
                .doesNotContain("ขอนแก่น");
    }

    @Test
    void aFacilitySeesItsOwnBirthsCoverageAndAccessRequests() throws Exception {
        String page = mvc.perform(get("/dashboard").with(user(facilityUser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("(10707)");
        assertThat(figures.authenCoverage(FACILITY_10707)).filteredOn(c -> c.month().equals(lastMonth)).singleElement()
                .satisfies(c -> assertThat(c.percent()).isEqualTo(75.0));
        DashboardFigures.AccessFigures access = figures.access(FACILITY_10707);
        assertThat(access.received()).isEqualTo(2);
        assertThat(access.byStatus()).containsEntry("DONE", 2L).doesNotContainKey("AT_REGION");
    }

    @Test
    void entitlementChangesPerMonthCountTransitionsOfTheAreasResidents() {
        List<TransitionsReport.Transition> after = figures.entitlementChanges(PROVINCE_44, null);
        assertThat(people(after, lastMonth, "SSS→UC") - people(transitionsBefore, lastMonth, "SSS→UC")).isEqualTo(2);
        assertThat(people(after, twoMonthsAgo, "OFC→UC") - people(transitionsBefore, twoMonthsAgo, "OFC→UC")).isEqualTo(1);
        // a facility's dashboard shows its province's residents
        assertThat(people(figures.entitlementChanges(FACILITY_10707, "44"), lastMonth, "SSS→UC"))
                .isEqualTo(people(after, lastMonth, "SSS→UC"));
    }

    @Test
    void authenCoverageIsTheShareOfUcClaimChecksWithACodeBesideTheMeanTimeToCode() {
        List<DashboardFigures.CoverageRow> rows = figures.authenCoverage(PROVINCE_44);
        assertThat(rows).hasSize(12);
        assertThat(rows).filteredOn(c -> c.month().equals(lastMonth)).singleElement().satisfies(c -> {
            assertThat(c.checks()).isEqualTo(5);
            assertThat(c.accepted()).isEqualTo(4);
            assertThat(c.percent()).isEqualTo(80.0);
            assertThat(c.meanWaitMs()).isEqualTo(3.0); // the counter's mean time to code, Khon Kaen's slow one left out
        });
        assertThat(rows).filteredOn(c -> c.month().equals(twoMonthsAgo)).singleElement()
                .satisfies(c -> {
                    assertThat(c.percent()).isNull();
                    assertThat(c.meanWaitMs()).isNull();
                });
    }

    @Test
    void accessSlaIsTheShareProvisionedWithinFifteenWorkingDaysOfReceipt() {
        DashboardFigures.AccessFigures access = figures.access(PROVINCE_44);
        assertThat(access.received()).isEqualTo(3);
        assertThat(access.provisioned()).isEqualTo(2);
        assertThat(access.withinSla()).isEqualTo(1); // day 15 is in time, 40 calendar days is not
        assertThat(access.slaPercent()).isEqualTo(50.0);
        assertThat(access.byStatus()).containsEntry("DONE", 2L).containsEntry("AT_REGION", 1L);
    }

    @Test
    void thePublicDashboardNeedsNoLoginAndShowsNoNamesOrNationalIds() throws Exception {
        String page = mvc.perform(get("/public/dashboard")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("แดชบอร์ดข้อมูลสาธารณะ", "มหาสารคาม", "id=\"chart-births\"", "chart.umd.min.js",
                ThaiDates.formatMonth(lastMonth, Locale.forLanguageTag("th")));
        assertThat(page).doesNotContain("ลับเฉพาะ", "access-sla").doesNotContainPattern("\\d{13}");
        mvc.perform(get("/public/dashboard.xlsx")).andExpect(status().isOk());
    }

    @Test
    void theDashboardSpeaksEnglishSecondWithCommonEraMonths() throws Exception {
        String page = mvc.perform(get("/public/dashboard").param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Public dashboard", "Maha Sarakham", ThaiDates.formatMonth(lastMonth, Locale.ENGLISH))
                .contains(String.valueOf(lastMonth.getYear()));
    }

    @Test
    void theAreaDashboardNeedsALoginAndAnArea() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        UserDetails registrar = Principals.of(accounts.find("registrar").orElseThrow());
        mvc.perform(get("/dashboard").with(user(registrar))).andExpect(status().isForbidden());
    }

    @Test
    void theExcelExportOpensWithPoiAndHasTheNumbers() throws Exception {
        byte[] xlsx = mvc.perform(get("/dashboard.xlsx").with(user(provinceUser)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("tabien-dashboard-province-44.xlsx")))
                .andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = new ArrayList<>();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? String.valueOf((long) c.getNumericCellValue()) : c.getStringCellValue()));
                rows.add(cells);
            }
        }
        String month = ThaiDates.formatMonth(lastMonth, Locale.forLanguageTag("th"));
        assertThat(rows.get(0)).containsExactly("หมวด", "เดือน", "จังหวัด/รายการ", "ตัวชี้วัด", "จำนวน");
        assertThat(rows).contains(List.of("การแจ้งเกิด", month, "มหาสารคาม", "แจ้งเกิด", "4"),
                List.of("การแจ้งเกิด", month, "มหาสารคาม", "อยู่ระหว่างติดตาม", "2"),
                List.of("การยืนยันตัวตน", month, "UC", "มีรหัสยืนยันตัวตน", "4"),
                List.of("คำขอบัญชี", "", "", "ภายใน 15 วันทำการ", "1"));
    }

    private static long people(List<TransitionsReport.Transition> rows, YearMonth month, String label) {
        return rows.stream().filter(t -> t.year() == month.getYear() && t.month() == month.getMonthValue()
                && t.label().equals(label)).mapToLong(TransitionsReport.Transition::people).sum();
    }
}
