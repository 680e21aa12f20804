package th.go.nhso.tabien.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.support.PostgresTest;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * The dashboards' queries on PostgreSQL over ten years of synthetic history (births, claim
 * checks, access requests): the figures of a known data set come out right, and every figure
 * reads an index range of the last 12 months, never a sequential scan of the history.
 */
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDashboardTests {

    private static final Area NATION = new Area(Area.Level.NATION, null);
    private static final Area PROVINCE_44 = new Area(Area.Level.PROVINCE, DashboardFixtures.PROVINCE);
    private static final Area FACILITY_10707 = new Area(Area.Level.FACILITY, DashboardFixtures.FACILITY);
    private static final Area REGION_7 = new Area(Area.Level.REGION, "7");

    @Autowired JdbcClient jdbc;
    @Autowired DashboardFigures figures;

    private final YearMonth lastMonth = YearMonth.now(ThaiDates.BANGKOK).minusMonths(1);

    @BeforeAll
    void tenYearsOfHistory() {
        // facilities outside province 44, so the known data set below stays exact
        jdbc.sql("""
                insert into birth_case (certificate_number, facility_code, status, route, child_sex, birth_date_time, birth_date,
                    place_of_birth, plurality, birth_order, weight_grams, gestational_age_weeks, mother_first_name,
                    mother_last_name, mother_nationality, family_status, attendant_type, filed_by, filed_at, updated_at)
                select 'SYN-' || g, (array['10670','11000','10709','10671','10713'])[1 + g % 5],
                       (array['AWAITING_REGISTRATION','REGISTERED','FOLLOW_UP','CLOSED'])[1 + g % 4], 'THAI', 'F',
                       current_timestamp - (g % 3650) * interval '1 day', current_date - (g % 3650),
                       'FACILITY', 1, 1, 3000, 39, 'สังเคราะห์', 'สังเคราะห์', 'THA', 'MARRIED', 'PHYSICIAN', 'synthetic',
                       current_timestamp, current_timestamp
                from generate_series(1, 60000) g
                """).update();
        jdbc.sql("""
                insert into claim_check (national_id, facility_code, service_date, service_type, status, checked_at)
                select lpad(g::text, 13, '9'), (array['10670','11000','10709','10671','10713'])[1 + g % 5],
                       current_date - (g % 3650), 'OPD', case when g % 10 = 0 then 'DENIED' else 'ACCEPTED' end, current_timestamp
                from generate_series(1, 60000) g
                """).update();
        jdbc.sql("""
                insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone, scheme,
                    issued_by, issued_at, processing_micros)
                select 'SYN-' || g, lpad(g::text, 13, '8'), (array['10670','11000','10709','10671','10713'])[1 + g % 5], 'OPD',
                       current_date - (g % 3650), '0812345678', 'UC', 'synthetic', current_timestamp, 1000 + g % 5000
                from generate_series(1, 60000) g
                """).update();
        jdbc.sql("""
                insert into access_request (facility_code, province_code, region, status, created_by, created_at, submitted_at,
                    received_at, closed_at)
                select '10670', '40', 1 + g % 13, 'DONE', 'synthetic', current_timestamp - (g % 3650) * interval '1 day',
                       current_timestamp - (g % 3650) * interval '1 day', current_timestamp - (g % 3650) * interval '1 day',
                       current_timestamp - (g % 3650) * interval '1 day' + interval '5 days'
                from generate_series(1, 20000) g
                """).update();

        DashboardFixtures data = new DashboardFixtures(jdbc);
        data.birth(DashboardFixtures.FACILITY, "AWAITING_REGISTRATION", lastMonth.atDay(2), false);
        data.birth(DashboardFixtures.FACILITY, "REGISTERED", lastMonth.atDay(3), true);
        data.birth(DashboardFixtures.OTHER_FACILITY_IN_PROVINCE, "FOLLOW_UP", lastMonth.atDay(4), false);
        data.birth(DashboardFixtures.FACILITY, "CANCELLED", lastMonth.atDay(5), false);
        data.claimCheck(DashboardFixtures.FACILITY, lastMonth.atDay(10), "ACCEPTED");
        data.claimCheck(DashboardFixtures.FACILITY, lastMonth.atDay(10), "DENIED");
        data.authenCode(DashboardFixtures.FACILITY, lastMonth.atDay(10), 3_000);
        OffsetDateTime received = lastMonth.minusMonths(1).atDay(3).atTime(10, 0).atZone(ThaiDates.BANGKOK).toOffsetDateTime();
        data.accessRequest(DashboardFixtures.FACILITY, "44", 7, "DONE", received, received.plusDays(2));
        data.accessRequest(DashboardFixtures.FACILITY, "44", 7, "DONE", received, received.plusDays(60));
        for (String table : List.of("birth_case", "claim_check", "authen_code", "access_request", "facility", "province")) {
            jdbc.sql("analyze " + table).update();
        }
    }

    @AfterAll
    void removeHistory() {
        jdbc.sql("delete from birth_case where filed_by in ('synthetic', 'test')").update();
        jdbc.sql("delete from claim_check where facility_code in ('10670','11000','10709','10671','10713','10707','11051')").update();
        jdbc.sql("delete from access_request where created_by in ('synthetic', 'test')").update();
        jdbc.sql("delete from authen_code where issued_by in ('synthetic', 'test')").update();
    }

    @Test
    void theFiguresOfAKnownDataSetComeOutRightOnPostgres() {
        assertThat(figures.births(PROVINCE_44)).filteredOn(r -> r.month().equals(lastMonth)).singleElement()
                .satisfies(r -> assertThat(List.of(r.notified(), r.registered(), r.followUp())).containsExactly(3L, 1L, 1L));
        assertThat(figures.authenCoverage(FACILITY_10707)).filteredOn(c -> c.month().equals(lastMonth)).singleElement()
                .satisfies(c -> assertThat(List.of(c.percent(), c.meanWaitMs())).containsExactly(50.0, 3.0));
        DashboardFigures.AccessFigures access = figures.access(PROVINCE_44);
        assertThat(List.of(access.received(), access.provisioned(), access.withinSla())).containsExactly(2L, 2L, 1L);
        assertThat(figures.births(NATION)).extracting(DashboardFigures.BirthRow::month).allMatch(m -> !m.isBefore(figures.months().get(0)));
        assertThat(figures.entitlementChanges(REGION_7, null)).isNotNull();
    }

    @Test
    void everyFigureReadsAnIndexRangeNotTheWholeHistory() {
        for (Area area : List.of(NATION, REGION_7, PROVINCE_44, FACILITY_10707)) {
            assertUsesIndex(figures.birthsQuery(area), "birth_case");
            assertUsesIndex(figures.coverageQuery(area), "claim_check");
            assertUsesIndex(figures.waitQuery(area), "authen_code");
            assertUsesIndex(figures.accessQuery(area), "access_request");
        }
    }

    private void assertUsesIndex(DashboardFigures.Query query, String table) {
        String plan = String.join("\n", jdbc.sql("explain " + query.sql()).params(query.params()).query(String.class).list());
        assertThat(plan).as("plan of %s:%n%s", table, plan)
                .doesNotContain("Seq Scan on " + table)
                .containsPattern("Index (Only )?Scan using \\w+ on " + table + "|Bitmap Index Scan on " + table + "_\\w+");
    }
}
