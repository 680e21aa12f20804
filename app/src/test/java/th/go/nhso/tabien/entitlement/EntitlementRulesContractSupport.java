package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TestIds;

/** Files, persons and a batch runner for the entitlement tests. */
abstract class EntitlementRulesContractSupport {

    static final String HEADER = "national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date";
    static final StaffUser REGION_7 = new StaffUser("rules-test-region", "ผู้ทดสอบเขต 7", Role.REGIONAL_APPROVER, null, null, 7);

    @Autowired EntitlementBatches batches;
    @Autowired Registry registry;
    @Autowired JdbcClient jdbc;
    @Autowired TaskService tasks;

    static Path csv(String... lines) throws IOException {
        Path file = Files.createTempFile("feed-", ".csv");
        Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    EntitlementBatches.Batch run(Path file) {
        return run(file, "SSO");
    }

    EntitlementBatches.Batch run(Path file, String agency) {
        String id = batches.submit(REGION_7, agency, "changes-" + System.nanoTime() + ".csv", file);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            EntitlementBatches.Batch b = batches.find(id).orElseThrow();
            if (!b.status().equals("QUEUED") && !b.status().equals("RUNNING")) {
                return b;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("batch " + id + " did not finish");
    }

    Person person(String province, Object... schemeFromTo) {
        NationalId id = TestIds.nextThai();
        Person p = registry.registerPerson(new Registry.NewPerson(id, "นาย", "ทดสอบ", "สิทธิ", "M",
                LocalDate.of(1985, 6, 1), "THA", province, null));
        for (int i = 0; i < schemeFromTo.length; i += 3) {
            Scheme s = (Scheme) schemeFromTo[i];
            registry.recordEntitlement(p, s, (LocalDate) schemeFromTo[i + 1], (LocalDate) schemeFromTo[i + 2], "TEST",
                    s == Scheme.UC ? "10670" : null);
        }
        return p;
    }

    List<Entitlement> rights(Person p) {
        return registry.entitlementsOf(p);
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

}
