package th.go.nhso.tabien.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AreaPolicy.Area;
import th.go.nhso.tabien.entitlement.TransitionsReport;
import th.go.nhso.tabien.system.ThaiDates;
import th.go.nhso.tabien.system.WorkingDays;

/**
 * The dashboards' figures, for the nation (the public page) or one area: births notified,
 * registered and in follow-up per province and month; entitlement changes per month
 * (through {@link TransitionsReport}); the share of UC claim checks that found an authen
 * code; access requests and their 15-working-day SLA. Each query reads a bounded date range
 * (the last {@value #MONTHS} months) along an index (V2, V4, V11); nothing scans history.
 * Only counts leave here: no name, no national ID.
 */
@Component
public class DashboardFigures {

    static final int MONTHS = 12;
    /** Seed 001: the regional office provisions within 15 working days of receiving the request. */
    static final int ACCESS_SLA_WORKING_DAYS = 15;

    private final JdbcClient jdbc;
    private final TransitionsReport transitions;
    private final WorkingDays workingDays;
    private final Clock clock;

    DashboardFigures(JdbcClient jdbc, TransitionsReport transitions, WorkingDays workingDays, Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /** The months shown, oldest first, ending with the current one. */
    public List<YearMonth> months() {
        YearMonth now = YearMonth.now(clock);
        List<YearMonth> months = new ArrayList<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            months.add(now.minusMonths(i));
        }
        return months;
    }

    /** Births by the month of birth and the facility's province; cancelled notifications do not count. */
    public List<BirthRow> births(Area area) {
        return birthsQuery(area).bind(jdbc)
                .query((rs, n) -> new BirthRow(rs.getString("province_code"), rs.getString("name_th"), rs.getString("name_en"),
                        YearMonth.of(rs.getInt("y"), rs.getInt("m")), rs.getLong("notified"), rs.getLong("registered"),
                        rs.getLong("follow_up")))
                .list();
    }

    Query birthsQuery(Area area) {
        List<YearMonth> months = months();
        AreaFilter filter = AreaFilter.of(area, "b.facility_code", "f.province_code");
        return new Query("""
                select f.province_code, p.name_th, p.name_en,
                       extract(year from b.birth_date) as y, extract(month from b.birth_date) as m,
                       count(*) as notified,
                       sum(case when b.registered_on is not null or b.status = 'REGISTERED' then 1 else 0 end) as registered,
                       sum(case when b.status = 'FOLLOW_UP' then 1 else 0 end) as follow_up
                from birth_case b
                join facility f on f.hcode = b.facility_code
                join province p on p.code = f.province_code
                where b.birth_date >= :since and b.birth_date < :until
                  and b.status <> 'CANCELLED'
                """ + filter.sql() + """
                group by f.province_code, p.name_th, p.name_en, extract(year from b.birth_date), extract(month from b.birth_date)
                order by f.province_code, y, m
                """, withRange(filter.params(), months));
    }

    /**
     * Scheme changes (SSS→UC, OFC→UC, ...) per month by the start of the new right, for the
     * residents of the area; a facility sees its province's figures.
     */
    public List<TransitionsReport.Transition> entitlementChanges(Area area, String provinceOfFacility) {
        return switch (area.level()) {
            case NATION -> transitions.monthly(null, null, MONTHS);
            case REGION -> transitions.monthly(Integer.valueOf(area.code()), null, MONTHS);
            case PROVINCE -> transitions.monthly(null, area.code(), MONTHS);
            case FACILITY -> provinceOfFacility == null ? List.of() : transitions.monthly(null, provinceOfFacility, MONTHS);
            case NONE -> List.of();
        };
    }

    /**
     * Claim checks of UC visits per month and how many found an authen code (ACCEPTED), with
     * the mean time the counter waited for a code that month.
     */
    public List<CoverageRow> authenCoverage(Area area) {
        List<YearMonth> months = months();
        Map<YearMonth, long[]> checks = new LinkedHashMap<>();
        coverageQuery(area).bind(jdbc)
                .query(rs -> {
                    checks.put(YearMonth.of(rs.getInt("y"), rs.getInt("m")), new long[] {rs.getLong("checks"), rs.getLong("accepted")});
                });
        Map<YearMonth, Double> waits = new LinkedHashMap<>();
        waitQuery(area).bind(jdbc)
                .query(rs -> {
                    waits.put(YearMonth.of(rs.getInt("y"), rs.getInt("m")), Math.round(rs.getDouble("mean_micros") / 100.0) / 10.0);
                });
        return months.stream().map(m -> {
            long[] c = checks.getOrDefault(m, new long[2]);
            return new CoverageRow(m, c[0], c[1], waits.get(m));
        }).toList();
    }

    Query waitQuery(Area area) {
        AreaFilter filter = AreaFilter.of(area, "a.facility_code", "f.province_code");
        String join = filter.needsFacility() ? "join facility f on f.hcode = a.facility_code" : "";
        return new Query("select extract(year from a.service_date) as y, extract(month from a.service_date) as m, "
                + "avg(a.processing_micros) as mean_micros from authen_code a " + join
                + " where a.service_date >= :since and a.service_date < :until " + filter.sql()
                + " group by extract(year from a.service_date), extract(month from a.service_date)",
                withRange(filter.params(), months()));
    }

    Query coverageQuery(Area area) {
        AreaFilter filter = AreaFilter.of(area, "c.facility_code", "f.province_code");
        String join = filter.needsFacility() ? "join facility f on f.hcode = c.facility_code" : "";
        return new Query("select extract(year from c.service_date) as y, extract(month from c.service_date) as m, "
                + "count(*) as checks, sum(case when c.status = 'ACCEPTED' then 1 else 0 end) as accepted "
                + "from claim_check c " + join
                + " where c.service_date >= :since and c.service_date < :until " + filter.sql()
                + " group by extract(year from c.service_date), extract(month from c.service_date)",
                withRange(filter.params(), months()));
    }

    /**
     * Access requests received in the period: how many by status, and how many of the closed
     * ones were provisioned within 15 working days of receipt (the regional office's SLA).
     */
    public AccessFigures access(Area area) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long[] counts = new long[3]; // received, provisioned, within SLA
        accessQuery(area).bind(jdbc)
                .query(rs -> {
                    String status = rs.getString("status");
                    byStatus.merge(status, 1L, Long::sum);
                    counts[0]++;
                    Timestamp closed = rs.getTimestamp("closed_at");
                    if ("DONE".equals(status) && closed != null) {
                        counts[1]++;
                        LocalDate received = rs.getTimestamp("received_at").toInstant().atZone(ThaiDates.BANGKOK).toLocalDate();
                        LocalDate done = closed.toInstant().atZone(ThaiDates.BANGKOK).toLocalDate();
                        if (!done.isAfter(workingDays.plusWorkingDays(received, ACCESS_SLA_WORKING_DAYS))) {
                            counts[2]++;
                        }
                    }
                });
        return new AccessFigures(counts[0], counts[1], counts[2], byStatus);
    }

    Query accessQuery(Area area) {
        AreaFilter filter = AreaFilter.of(area, "a.facility_code", "a.province_code", "a.region");
        Map<String, Object> params = new LinkedHashMap<>(filter.params());
        params.put("since", months().get(0).atDay(1).atStartOfDay(ThaiDates.BANGKOK).toOffsetDateTime());
        return new Query("select a.status, a.received_at, a.closed_at from access_request a where a.received_at >= :since "
                + filter.sql(), params);
    }

    private static Map<String, Object> withRange(Map<String, Object> params, List<YearMonth> months) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("since", months.get(0).atDay(1));
        all.put("until", months.get(months.size() - 1).plusMonths(1).atDay(1));
        return all;
    }

    /** One figure's SQL and parameters: run here, and explained by the PostgreSQL test. */
    record Query(String sql, Map<String, Object> params) {
        JdbcClient.StatementSpec bind(JdbcClient jdbc) {
            return jdbc.sql(sql).params(params);
        }
    }

    public record BirthRow(String provinceCode, String provinceTh, String provinceEn, YearMonth month, long notified,
                           long registered, long followUp) {
    }

    /** One month of authen coverage; {@code meanWaitMs} is null in a month without codes. */
    public record CoverageRow(YearMonth month, long checks, long accepted, Double meanWaitMs) {
        /** Per cent of checks with a code, one decimal; null without checks. */
        public Double percent() {
            return checks == 0 ? null : Math.round(accepted * 1000.0 / checks) / 10.0;
        }
    }

    public record AccessFigures(long received, long provisioned, long withinSla, Map<String, Long> byStatus) {
        /** Per cent of provisioned requests that met the SLA, one decimal; null before any was provisioned. */
        public Double slaPercent() {
            return provisioned == 0 ? null : Math.round(withinSla * 1000.0 / provisioned) / 10.0;
        }
    }

    /** The area as a WHERE fragment on the given columns, with its parameters. */
    private record AreaFilter(String sql, Map<String, Object> params, boolean needsFacility) {

        static AreaFilter of(Area area, String facilityColumn, String provinceColumn) {
            return of(area, facilityColumn, provinceColumn, null);
        }

        static AreaFilter of(Area area, String facilityColumn, String provinceColumn, String regionColumn) {
            return switch (area.level()) {
                case NATION -> new AreaFilter("", Map.of(), false);
                case FACILITY -> new AreaFilter(" and " + facilityColumn + " = :areaCode ", Map.of("areaCode", area.code()), false);
                case PROVINCE -> new AreaFilter(" and " + provinceColumn + " = :areaCode ", Map.of("areaCode", area.code()),
                        regionColumn == null);
                case REGION -> regionColumn != null
                        ? new AreaFilter(" and " + regionColumn + " = :areaRegion ",
                        Map.of("areaRegion", Integer.valueOf(area.code())), false)
                        : new AreaFilter(" and " + provinceColumn + " in (select code from province where region = :areaRegion) ",
                        Map.of("areaRegion", Integer.valueOf(area.code())), true);
                case NONE -> new AreaFilter(" and 1 = 0 ", Map.of(), false);
            };
        }
    }
}
