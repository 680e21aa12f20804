package th.go.nhso.tabien.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.system.TabienException;

/**
 * The one registry every process reads and writes: persons, their entitlement history,
 * facilities and provinces. Nothing about a person is stored twice.
 */
@Service
public class Registry {

    private static final String FACILITY_SELECT = """
            select f.hcode, f.name_th, f.name_en, f.facility_type, f.province_code, p.name_th as province_name_th,
                   p.region, f.parent_org
            from facility f join province p on p.code = f.province_code
            """;
    private static final String PERSON_SELECT = """
            select person_id, national_id, title_th, first_name_th, last_name_th, sex, birth_date, nationality,
                   province_code, death_date
            from person
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, Facility> facilityCache;

    public Registry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Person> findPerson(NationalId id) {
        return jdbc.sql(PERSON_SELECT + " where national_id = :id").param("id", id.value())
                .query(Registry::person).optional();
    }

    public Person requirePerson(NationalId id) {
        return findPerson(id).orElseThrow(() -> TabienException.notFound("person.notFound", id.value()));
    }

    /** Entitlement history, newest first. */
    public List<Entitlement> entitlementsOf(Person person) {
        return jdbc.sql("""
                        select entitlement_id, scheme, valid_from, valid_to, source, main_facility_code
                        from entitlement where person_id = :personId
                        order by valid_from desc, entitlement_id desc
                        """)
                .param("personId", person.personId())
                .query((rs, n) -> new Entitlement(rs.getLong("entitlement_id"), Scheme.valueOf(rs.getString("scheme")),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                        rs.getString("source"), rs.getString("main_facility_code")))
                .list();
    }

    /** The right in force on {@code day}, if any. */
    public Optional<Entitlement> entitlementOn(Person person, LocalDate day) {
        return entitlementsOf(person).stream().filter(e -> e.inForceOn(day)).findFirst();
    }

    @Transactional
    public Person registerPerson(NewPerson p) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into person (national_id, title_th, first_name_th, last_name_th, sex, birth_date, nationality,
                                            province_code, death_date, created_at, updated_at)
                        values (:nationalId, :title, :first, :last, :sex, :birthDate, :nationality, :province, :deathDate, :now, :now)
                        """)
                .param("nationalId", p.nationalId() == null ? null : p.nationalId().value())
                .param("title", p.titleTh()).param("first", p.firstNameTh()).param("last", p.lastNameTh())
                .param("sex", p.sex()).param("birthDate", p.birthDate()).param("nationality", p.nationality())
                .param("province", p.provinceCode()).param("deathDate", p.deathDate()).param("now", now)
                .update(key, "person_id");
        return jdbc.sql(PERSON_SELECT + " where person_id = :id").param("id", key.getKey().longValue())
                .query(Registry::person).single();
    }

    @Transactional
    public void recordEntitlement(Person person, Scheme scheme, LocalDate validFrom, LocalDate validTo, String source,
                                  String mainFacilityCode) {
        jdbc.sql("""
                        insert into entitlement (person_id, scheme, valid_from, valid_to, source, main_facility_code, recorded_at)
                        values (:personId, :scheme, :from, :to, :source, :facility, :now)
                        """)
                .param("personId", person.personId()).param("scheme", scheme.name())
                .param("from", validFrom).param("to", validTo).param("source", source)
                .param("facility", mainFacilityCode).param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** From memory: facilities are reference data, read on every request and changed only by a release. */
    public Optional<Facility> findFacility(String hcode) {
        return Optional.ofNullable(facilityCache().get(hcode));
    }

    private Map<String, Facility> facilityCache() {
        Map<String, Facility> cache = facilityCache;
        if (cache == null) {
            cache = facilitiesByCode();
            facilityCache = cache;
        }
        return cache;
    }

    /** Called when the reference files have been loaded again. */
    void forgetFacilities() {
        facilityCache = null;
    }

    public Facility requireFacility(HospitalCode hcode) {
        return findFacility(hcode.value()).orElseThrow(() -> TabienException.notFound("facility.notFound", hcode.value()));
    }

    public List<Facility> facilities() {
        return jdbc.sql(FACILITY_SELECT + " order by p.region, f.province_code, f.hcode").query(Registry::facility).list();
    }

    public Map<String, Facility> facilitiesByCode() {
        return java.util.Collections.unmodifiableMap(facilities().stream()
                .collect(Collectors.toMap(Facility::hcode, f -> f, (a, b) -> a, LinkedHashMap::new)));
    }

    public List<Province> provinces() {
        return jdbc.sql("select code, name_th, name_en, region from province order by code").query(Registry::province).list();
    }

    public Optional<Province> findProvince(String code) {
        return jdbc.sql("select code, name_th, name_en, region from province where code = :code").param("code", code)
                .query(Registry::province).optional();
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(rs.getLong("person_id"), rs.getString("national_id"), rs.getString("title_th"),
                rs.getString("first_name_th"), rs.getString("last_name_th"), rs.getString("sex"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("nationality"), rs.getString("province_code"),
                rs.getObject("death_date", LocalDate.class));
    }

    private static Province province(ResultSet rs, int row) throws SQLException {
        return new Province(rs.getString("code"), rs.getString("name_th"), rs.getString("name_en"), rs.getInt("region"));
    }

    private static Facility facility(ResultSet rs, int row) throws SQLException {
        return new Facility(rs.getString("hcode"), rs.getString("name_th"), rs.getString("name_en"),
                rs.getString("facility_type"), rs.getString("province_code"), rs.getString("province_name_th"),
                rs.getInt("region"), rs.getString("parent_org"));
    }

    /** What a process knows about a person it registers; {@code nationalId} may be null for a foreigner. */
    public record NewPerson(NationalId nationalId, String titleTh, String firstNameTh, String lastNameTh, String sex,
                            LocalDate birthDate, String nationality, String provinceCode, LocalDate deathDate) {
    }
}
