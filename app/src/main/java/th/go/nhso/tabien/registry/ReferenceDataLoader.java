package th.go.nhso.tabien.registry;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import th.go.nhso.tabien.system.CsvFile;

/**
 * Brings the provinces and facilities tables in line with the files shipped under
 * {@code reference/} at every start, in every profile: the files are the source of truth,
 * so a corrected facility name ships like code.
 */
@Component
@Order(0)
class ReferenceDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);

    private final JdbcClient jdbc;
    private final Registry registry;

    ReferenceDataLoader(JdbcClient jdbc, Registry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        List<Map<String, String>> provinces = CsvFile.read(new ClassPathResource("reference/provinces.csv"));
        provinces.forEach(this::upsertProvince);
        List<Map<String, String>> facilities = CsvFile.read(new ClassPathResource("reference/facilities.csv"));
        facilities.forEach(this::upsertFacility);
        registry.forgetFacilities();
        log.info("Reference data: {} provinces, {} facilities", provinces.size(), facilities.size());
    }

    private void upsertProvince(Map<String, String> row) {
        int updated = jdbc.sql("update province set name_th = :name_th, name_en = :name_en, region = :region where code = :code")
                .params(row).param("region", Integer.parseInt(row.get("region"))).update();
        if (updated == 0) {
            jdbc.sql("insert into province (code, name_th, name_en, region) values (:code, :name_th, :name_en, :region)")
                    .params(row).param("region", Integer.parseInt(row.get("region"))).update();
        }
    }

    private void upsertFacility(Map<String, String> row) {
        int updated = jdbc.sql("""
                update facility set name_th = :name_th, name_en = :name_en, facility_type = :type,
                       province_code = :province_code, parent_org = :parent_org
                where hcode = :hcode
                """).params(row).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into facility (hcode, name_th, name_en, facility_type, province_code, parent_org)
                    values (:hcode, :name_th, :name_en, :type, :province_code, :parent_org)
                    """).params(row).update();
        }
    }
}
