package th.go.nhso.tabien.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AccountDirectory.NewAccount;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.system.CsvFile;

/**
 * The demo persons and the four demo logins of the embedded default (README lists them).
 * Only active with {@code tabien.demo.enabled}, which only the default profile sets.
 */
@Component
@Order(10)
@ConditionalOnProperty("tabien.demo.enabled")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final List<NewAccount> ACCOUNTS = List.of(
            new NewAccount("admin", "1100000000016", "ผู้ดูแลระบบ สปสช.", "admin@tabien.example", Role.ADMIN, null, null, null),
            new NewAccount("facility", "1100000000024", "สมศรี ใจดี (โรงพยาบาลขอนแก่น)", "facility@tabien.example",
                    Role.FACILITY_STAFF, "10670", null, null),
            new NewAccount("province", "1100000000032", "สมชาย รักงาน (จังหวัดขอนแก่น)", "province@tabien.example",
                    Role.PROVINCIAL_APPROVER, null, "40", null),
            new NewAccount("region", "1100000000041", "วิไล ตั้งใจ (สปสช. เขต 7 ขอนแก่น)", "region@tabien.example",
                    Role.REGIONAL_APPROVER, null, null, 7),
            new NewAccount("registrar", "1100000000059", "ระบบทะเบียนราษฎร เทศบาลนครขอนแก่น", "registrar@tabien.example",
                    Role.REGISTRAR, null, null, null));

    private final Registry registry;
    private final AccountDirectory accounts;

    DemoData(Registry registry, AccountDirectory accounts) {
        this.registry = registry;
        this.accounts = accounts;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (NewAccount account : ACCOUNTS) {
            if (accounts.find(account.username()).isEmpty()) {
                accounts.createOrUpdate(account, account.username());
            }
        }
        List<Map<String, String>> persons = CsvFile.read(new ClassPathResource("demo/persons.csv"));
        List<Map<String, String>> rights = CsvFile.read(new ClassPathResource("demo/entitlements.csv"));
        int added = 0;
        for (Map<String, String> row : persons) {
            NationalId id = new NationalId(row.get("national_id"));
            if (registry.findPerson(id).isPresent()) {
                continue;
            }
            Person person = registry.registerPerson(new Registry.NewPerson(id, row.get("title_th"), row.get("first_name_th"),
                    row.get("last_name_th"), row.get("sex"), LocalDate.parse(row.get("birth_date")), row.get("nationality"),
                    row.get("province_code"), date(row.get("death_date"))));
            rights.stream().filter(r -> id.value().equals(r.get("national_id"))).forEach(r ->
                    registry.recordEntitlement(person, Scheme.valueOf(r.get("scheme")), LocalDate.parse(r.get("valid_from")),
                            date(r.get("valid_to")), r.get("source"), r.get("main_facility_code")));
            added++;
        }
        log.info("Demo data: {} demo persons added, logins admin/facility/province/region/registrar", added);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
