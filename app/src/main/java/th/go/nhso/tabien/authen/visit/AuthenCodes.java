package th.go.nhso.tabien.authen.visit;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.TabienProperties;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * Issues authen codes and checks claims against them (seeds 003, 004). The same person,
 * facility, service type and day always get the same code: the database's unique key
 * decides, so twenty identical requests at once still make exactly one code.
 */
@Service
public class AuthenCodes {

    static final String C349 = "C349";
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final String SELECT = """
            select authen_code, national_id, facility_code, service_type, service_date, phone, scheme, main_facility_code,
                   refer_no, primary_facility_code, refer_facility_code, issued_by, issued_at, processing_micros
            from authen_code
            """;

    private final JdbcClient jdbc;
    private final Registry registry;
    private final AreaPolicy areas;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<String> schemes;
    private final SecureRandom random = new SecureRandom();
    private final TransactionTemplate inTransaction;

    AuthenCodes(JdbcClient jdbc, Registry registry, AreaPolicy areas, AuditTrail audit, Clock clock,
                TabienProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.inTransaction = new TransactionTemplate(transactions);
        this.registry = registry;
        this.areas = areas;
        this.audit = audit;
        this.clock = clock;
        this.schemes = properties.visit().schemes();
    }

    /**
     * The code for this visit, new or the one already issued today; {@code created} tells which.
     * One transaction: the checks, the code and its audit entry commit together.
     */
    public Issued issue(StaffUser user, AuthenRequest request) {
        long started = System.nanoTime();
        NationalId pid = NationalId.parse(request.nationalId());
        String phone = ThaiMobile.normalise(request.phone());
        ServiceType service = serviceType(request.serviceType());
        String hcode = requireIssuer(user, request.facilityCode());
        checkFacility(request.primaryFacilityCode());
        checkFacility(request.referFacilityCode());
        LocalDate today = LocalDate.now(clock.withZone(ThaiDates.BANGKOK));
        try {
            return inTransaction.execute(tx -> find(pid.value(), hcode, service, today)
                    .map(existing -> new Issued(existing, false))
                    .orElseGet(() -> issueNew(user, request, pid, phone, service, hcode, today, started)));
        } catch (DuplicateKeyException sameVisitAtTheSameMoment) {
            return new Issued(find(pid.value(), hcode, service, today).orElseThrow(), false);
        }
    }

    private Issued issueNew(StaffUser user, AuthenRequest request, NationalId pid, String phone, ServiceType service,
                            String hcode, LocalDate today, long started) {
        Person person = registry.findPerson(pid).orElseThrow(() -> TabienException.unprocessable("authen.unknownPerson", pid.value()));
        if (!person.alive()) {
            throw TabienException.unprocessable("authen.deceased", pid.value(), ThaiDates.format(person.deathDate(), ThaiDates.THAI));
        }
        Entitlement right = registry.entitlementOn(person, today)
                .orElseThrow(() -> TabienException.unprocessable("authen.noRight", pid.value()));
        if (!schemes.contains(right.scheme().name())) {
            throw TabienException.unprocessable("authen.schemeNotAuthenticated", pid.value(), right.scheme().name());
        }
        String code = newCode(service);
        OffsetDateTime issuedAt = OffsetDateTime.now(clock);
        int micros = (int) ((System.nanoTime() - started) / 1000);
        jdbc.sql("""
                        insert into authen_code (authen_code, national_id, facility_code, service_type, service_date, phone,
                            scheme, main_facility_code, refer_no, primary_facility_code, refer_facility_code, issued_by,
                            issued_at, processing_micros)
                        values (:code, :pid, :hcode, :service, :day, :phone, :scheme, :main, :referNo, :primary, :refer,
                                :by, :at, :micros)
                        """)
                .param("code", code).param("pid", pid.value()).param("hcode", hcode).param("service", service.name())
                .param("day", today).param("phone", phone).param("scheme", right.scheme().name())
                .param("main", right.mainFacilityCode()).param("referNo", blankToNull(request.referNo()))
                .param("primary", blankToNull(request.primaryFacilityCode()))
                .param("refer", blankToNull(request.referFacilityCode())).param("by", user.username())
                .param("at", issuedAt).param("micros", micros)
                .update();
        audit.recordChange(user.username(), "ISSUE_AUTHEN", "PERSON", pid.value(), code + " " + hcode + " " + service);
        return new Issued(new AuthenCode(code, pid.value(), hcode, service.name(), today, phone, right.scheme().name(),
                right.mainFacilityCode(), blankToNull(request.referNo()), blankToNull(request.primaryFacilityCode()),
                blankToNull(request.referFacilityCode()), user.username(), issuedAt, micros), true);
    }

    /** A claim is paid only with an authen code of that person, facility and day; otherwise C349. */
    public ClaimResult checkClaim(StaffUser user, ClaimCheck claim) {
        NationalId pid = NationalId.parse(claim.nationalId());
        String hcode = requireIssuer(user, claim.facilityCode());
        if (claim.serviceDate() == null) {
            throw TabienException.invalid("authen.serviceDateRequired");
        }
        ServiceType service = claim.serviceType() == null || claim.serviceType().isBlank() ? null : serviceType(claim.serviceType());
        List<AuthenCode> codes = jdbc.sql(SELECT + " where national_id = :pid and facility_code = :h and service_date = :d")
                .param("pid", pid.value()).param("h", hcode).param("d", claim.serviceDate()).query(AuthenCodes::code).list();
        boolean matched = codes.stream().anyMatch(c -> (service == null || c.serviceType().equals(service.name()))
                && (claim.authenCode() == null || claim.authenCode().isBlank() || c.authenCode().equals(claim.authenCode().strip())));
        jdbc.sql("""
                        insert into claim_check (national_id, facility_code, service_date, service_type, status, checked_at)
                        values (:pid, :h, :d, :s, :status, :at)
                        """)
                .param("pid", pid.value()).param("h", hcode).param("d", claim.serviceDate())
                .param("s", service == null ? null : service.name()).param("status", matched ? "ACCEPTED" : "DENIED")
                .param("at", OffsetDateTime.now(clock)).update();
        return matched ? ClaimResult.accepted() : ClaimResult.denied();
    }

    /** A facility's codes of one day, for reconciliation with its HIS; within the caller's area. */
    public List<AuthenCode> ofDay(StaffUser user, String facilityCode, LocalDate day) {
        areas.requireAccess(user, HospitalCode.parse(facilityCode));
        audit.record(user.username(), "READ_AUTHEN_LIST", "FACILITY", facilityCode, day.toString());
        return jdbc.sql(SELECT + " where facility_code = :h and service_date = :d order by issued_at")
                .param("h", facilityCode).param("d", day).query(AuthenCodes::code).list();
    }

    /** The phone the patient gave at their last visit anywhere, to prefill the counter form (a read on the audit trail). */
    public Optional<String> lastPhone(StaffUser user, NationalId pid) {
        audit.record(user.username(), "READ_PHONE", "PERSON", pid.value(), "counter");
        return jdbc.sql("select phone from authen_code where national_id = :pid order by issued_at desc fetch first 1 rows only")
                .param("pid", pid.value()).query(String.class).optional();
    }

    /** Per month: UC claims checked, how many had a code, and the mean time from request to code. */
    public List<MonthFigures> figures(String facilityCode) {
        List<MonthFigures> months = jdbc.sql("""
                        select extract(year from service_date) as y, extract(month from service_date) as m,
                               count(*) as checked, sum(case when status = 'ACCEPTED' then 1 else 0 end) as accepted
                        from claim_check where facility_code = :h
                        group by extract(year from service_date), extract(month from service_date)
                        order by y desc, m desc
                        """)
                .param("h", facilityCode)
                .query((rs, n) -> new MonthFigures(rs.getInt("y"), rs.getInt("m"), rs.getLong("checked"), rs.getLong("accepted"),
                        0, 0))
                .list();
        List<MonthFigures> codes = jdbc.sql("""
                        select extract(year from service_date) as y, extract(month from service_date) as m,
                               count(*) as issued, avg(processing_micros) as micros
                        from authen_code where facility_code = :h
                        group by extract(year from service_date), extract(month from service_date)
                        """)
                .param("h", facilityCode)
                .query((rs, n) -> new MonthFigures(rs.getInt("y"), rs.getInt("m"), 0, 0, rs.getLong("issued"), rs.getDouble("micros")))
                .list();
        java.util.Map<Integer, MonthFigures> merged = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (MonthFigures f : months) {
            merged.put(f.year() * 100 + f.month(), f);
        }
        for (MonthFigures c : codes) {
            merged.merge(c.year() * 100 + c.month(), c, (a, b) -> new MonthFigures(a.year(), a.month(), a.claimsChecked(),
                    a.claimsWithCode(), b.codesIssued(), b.meanMicros()));
        }
        return List.copyOf(merged.values());
    }

    private Optional<AuthenCode> find(String pid, String hcode, ServiceType service, LocalDate day) {
        return jdbc.sql(SELECT + " where national_id = :pid and facility_code = :h and service_type = :s and service_date = :d")
                .param("pid", pid).param("h", hcode).param("s", service.name()).param("d", day)
                .query(AuthenCodes::code).optional();
    }

    /** Only the facility's own staff and machine clients (and admins) ask for codes at its counter. */
    private String requireIssuer(StaffUser user, String facilityCode) {
        HospitalCode hcode = HospitalCode.parse(facilityCode);
        if (user.role() != Role.FACILITY_STAFF && user.role() != Role.ADMIN) {
            throw TabienException.forbidden("authen.onlyFacility");
        }
        areas.requireAccess(user, hcode);
        return hcode.value();
    }

    private void checkFacility(String hcode) {
        if (hcode != null && !hcode.isBlank()) {
            registry.requireFacility(HospitalCode.parse(hcode));
        }
    }

    private static ServiceType serviceType(String text) {
        try {
            return ServiceType.valueOf(text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TabienException.invalid("authen.serviceTypeInvalid", text);
        }
    }

    private String newCode(ServiceType service) {
        StringBuilder code = new StringBuilder(service == ServiceType.PP ? "PP" : service == ServiceType.IPD ? "IP" : "OP");
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static AuthenCode code(ResultSet rs, int row) throws SQLException {
        return new AuthenCode(rs.getString("authen_code"), rs.getString("national_id"), rs.getString("facility_code"),
                rs.getString("service_type"), rs.getObject("service_date", LocalDate.class), rs.getString("phone"),
                rs.getString("scheme"), rs.getString("main_facility_code"), rs.getString("refer_no"),
                rs.getString("primary_facility_code"), rs.getString("refer_facility_code"), rs.getString("issued_by"),
                rs.getObject("issued_at", OffsetDateTime.class), rs.getInt("processing_micros"));
    }

    public record AuthenRequest(String nationalId, String phone, String serviceType, String facilityCode, String referNo,
                                String primaryFacilityCode, String referFacilityCode) {
    }

    public record Issued(AuthenCode code, boolean created) {
    }

    public record ClaimCheck(String nationalId, String facilityCode, LocalDate serviceDate, String serviceType,
                             String authenCode) {
    }

    public record ClaimResult(String status, String code, String reason, String reasonTh) {
        static ClaimResult accepted() {
            return new ClaimResult("ACCEPTED", null, null, null);
        }

        static ClaimResult denied() {
            return new ClaimResult("DENIED", C349, "No authen code for this person, facility and day",
                    "ไม่พบรหัสยืนยันตัวตน (Authen Code) ของผู้ป่วยรายนี้ ณ หน่วยบริการและวันที่รับบริการนี้");
        }
    }

    public record MonthFigures(int year, int month, long claimsChecked, long claimsWithCode, long codesIssued,
                               double meanMicros) {
        /** Share of checked UC visits that had an authen code, in percent. */
        public double coveragePercent() {
            return claimsChecked == 0 ? 0 : 100.0 * claimsWithCode / claimsChecked;
        }
    }
}
