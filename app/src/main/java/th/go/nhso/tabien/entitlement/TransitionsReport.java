package th.go.nhso.tabien.entitlement;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seed 000's monthly table: how many people moved from one scheme to another (SSS→UC,
 * OFC→UC, ...) per month, by the month the new right started; filterable by region or
 * province of residence. Reads one indexed range of rights, not the whole history.
 */
@Component
public class TransitionsReport {

    private final JdbcClient jdbc;

    TransitionsReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Transition> monthly(Integer region, String provinceCode, int months) {
        return jdbc.sql("""
                        select extract(year from e.valid_from) as y, extract(month from e.valid_from) as m,
                               e.previous_scheme, e.scheme, count(*) as people
                        from entitlement e
                        join person p on p.person_id = e.person_id
                        left join province pr on pr.code = p.province_code
                        where e.previous_scheme is not null
                          and e.valid_from >= :since
                          and (cast(:region as integer) is null or pr.region = :region)
                          and (cast(:province as varchar(2)) is null or p.province_code = :province)
                        group by extract(year from e.valid_from), extract(month from e.valid_from), e.previous_scheme, e.scheme
                        order by y desc, m desc, people desc
                        """)
                .param("since", java.time.LocalDate.now().withDayOfMonth(1).minusMonths(months - 1L))
                .param("region", region).param("province", provinceCode == null || provinceCode.isBlank() ? null : provinceCode)
                .query((rs, n) -> new Transition(rs.getInt("y"), rs.getInt("m"), rs.getString("previous_scheme"),
                        rs.getString("scheme"), rs.getLong("people")))
                .list();
    }

    public record Transition(int year, int month, String from, String to, long people) {
        public String label() {
            return from + "→" + to;
        }
    }
}
