package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TestIds;

/** The rules of agency change files, written once and run on H2 and on PostgreSQL. */
abstract class EntitlementRulesContract extends EntitlementRulesContractSupport {

    @Test
    void leavingSocialSecurityMovesStraightToUcNextDayNeverThroughVoid() throws IOException {
        Person p = person("40", Scheme.UC, d("2010-01-01"), d("2015-04-30"), Scheme.SSS, d("2015-05-01"), null);
        var batch = run(csv(p.nationalId() + ",SSS,END,2024-03-31,,,,"));
        assertThat(batch.status()).isEqualTo("DONE");
        assertThat(batch.applied()).isEqualTo(1);
        List<Entitlement> rights = rights(p);
        assertThat(rights.get(0).scheme()).isEqualTo(Scheme.UC);
        assertThat(rights.get(0).validFrom()).isEqualTo(d("2024-04-01"));
        assertThat(rights.get(0).mainFacilityCode()).as("the last UC main facility").isEqualTo("10670");
        assertThat(rights.get(1).validTo()).isEqualTo(d("2024-03-31"));
        assertThat(rights).noneMatch(e -> e.scheme() == Scheme.VOID);
        assertThat(jdbc.sql("select previous_scheme from entitlement where entitlement_id = :id").param("id", rights.get(0).entitlementId())
                .query(String.class).single()).isEqualTo("SSS");
    }

    @Test
    void theGivenFacilityOrElseTheProvincesHospitalBecomesTheMainFacility() throws IOException {
        Person given = person("40", Scheme.OFC, d("2000-01-01"), null);
        Person none = person("46", Scheme.OFC, d("2000-01-01"), null);
        run(csv(given.nationalId() + ",OFC,END,31/03/2567,10671,,,", none.nationalId() + ",OFC,END,2024-03-31,,,,"));
        assertThat(rights(given).get(0).mainFacilityCode()).isEqualTo("10671");
        String kalasinHospital = registry.facilities().stream().filter(f -> f.provinceCode().equals("46")
                && (f.type().equals("REGIONAL_HOSPITAL") || f.type().equals("GENERAL_HOSPITAL"))).findFirst().orElseThrow().hcode();
        assertThat(rights(none).get(0).mainFacilityCode()).isEqualTo(kalasinHospital);
        assertThat(rights(none).get(0).validFrom()).as("BE date 31/03/2567 = 2024-03-31").isEqualTo(d("2024-04-01"));
    }

    @Test
    void noUcWhenAnotherRightStartsTheSameDay() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        var batch = run(csv(p.nationalId() + ",SSS,END,2024-03-31,,,,", p.nationalId() + ",OFC,START,2024-04-01,,,,"));
        assertThat(batch.applied()).isEqualTo(2);
        assertThat(rights(p)).extracting(Entitlement::scheme).containsExactly(Scheme.OFC, Scheme.SSS);
    }

    @Test
    void socialSecuritySupersedesUcForEmployees() throws IOException {
        Person p = person("40", Scheme.UC, d("2010-01-01"), null);
        run(csv(p.nationalId() + ",SSS,START,2024-02-01,,,,"));
        List<Entitlement> rights = rights(p);
        assertThat(rights.get(0).scheme()).isEqualTo(Scheme.SSS);
        assertThat(rights.get(1).scheme()).isEqualTo(Scheme.UC);
        assertThat(rights.get(1).validTo()).isEqualTo(d("2024-01-31"));
    }

    @Test
    void aSecondRightIsAConflictForTheRegionNotAnInsert() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        var batch = run(csv(p.nationalId() + ",UC,START,2024-02-01,10670,,,"));
        assertThat(batch.conflicts()).isEqualTo(1);
        assertThat(rights(p)).extracting(Entitlement::scheme).containsExactly(Scheme.SSS);
        long conflictId = jdbc.sql("select conflict_id from entitlement_conflict where national_id = :p").param("p", p.nationalId())
                .query(Long.class).single();
        var task = tasks.createTaskQuery().processDefinitionKey("EntitlementChangeProcess").processInstanceBusinessKey(String.valueOf(conflictId)).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewConflict");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("region:7"));
        assertThat(task.getDueDate()).isNotNull();
    }

    @Test
    void deathClosesEveryRightAndLaterChangesAreConflicts() throws IOException {
        Person p = person("40", Scheme.UC, d("2010-01-01"), null);
        run(csv(p.nationalId() + ",,DEATH,2024-05-10,,,,"));
        assertThat(rights(p).get(0).validTo()).isEqualTo(d("2024-05-10"));
        assertThat(registry.requirePerson(new NationalId(p.nationalId())).deathDate()).isEqualTo(d("2024-05-10"));
        var later = run(csv(p.nationalId() + ",SSS,START,2024-06-01,,,,"));
        assertThat(later.conflicts()).isEqualTo(1);
        assertThat(jdbc.sql("select kind from entitlement_conflict where national_id = :p").param("p", p.nationalId())
                .query(String.class).single()).isEqualTo("DECEASED");
    }

    @Test
    void aStartForSomeoneNewRegistersThemFromTheRow() throws IOException {
        NationalId fresh = TestIds.nextThai();
        NationalId nameless = TestIds.nextThai();
        var batch = run(csv(fresh + ",SSS,START,2024-01-15,,สมหญิง,ใหม่มาก,1999-02-03", nameless + ",SSS,START,2024-01-15,,,,"));
        assertThat(batch.applied()).isEqualTo(1);
        assertThat(batch.rejected()).isEqualTo(1);
        Person p = registry.requirePerson(fresh);
        assertThat(p.firstNameTh()).isEqualTo("สมหญิง");
        assertThat(rights(p)).extracting(Entitlement::scheme).containsExactly(Scheme.SSS);
        assertThat(batches.rows(batch.batchId(), true)).singleElement()
                .satisfies(r -> assertThat(r.reasonCode()).isEqualTo("feed.newPersonNeedsNames"));
    }

    @Test
    void badRowsAreRejectedWithTheirReasonWhileGoodRowsApply() throws IOException {
        Person good = person("40", Scheme.SSS, d("2015-05-01"), null);
        var batch = run(csv(
                good.nationalId() + ",SSS,END,2024-03-31,,,,",
                TestIds.withBadCheckDigit(TestIds.nextThai()) + ",SSS,END,2024-03-31,,,,",
                good.nationalId() + ",XYZ,START,2024-03-31,,,,",
                good.nationalId() + ",SSS,START,31-31-2024,,,,",
                good.nationalId() + ",UC,START,2024-04-01,99999,,,",
                good.nationalId() + ",SSS,MOVE,2024-04-01,,,,"));
        assertThat(batch.status()).isEqualTo("DONE");
        assertThat(batch.rowsRead()).isEqualTo(6);
        assertThat(batch.applied()).isEqualTo(1);
        assertThat(batch.rejected()).isEqualTo(5);
        assertThat(batches.rows(batch.batchId(), true)).extracting(RowOutcome::reasonCode).containsExactly(
                "nationalId.invalid.BAD_CHECKSUM", "feed.unknownScheme", "feed.badDate", "facility.notFound", "feed.unknownEvent");
        assertThat(rights(good).get(0).scheme()).isEqualTo(Scheme.UC);
    }

    @Test
    void anUnreadableFileIsRefusedWholeAndNothingIsApplied() throws IOException {
        Person p = person("40", Scheme.SSS, d("2015-05-01"), null);
        Path file = Files.createTempFile("feed-", ".csv");
        Files.writeString(file, "pid;scheme;event\n" + p.nationalId() + ";SSS;END\n");
        var batch = run(file);
        assertThat(batch.status()).isEqualTo("REJECTED");
        assertThat(batch.message()).startsWith("feed.missingColumns");
        assertThat(batch.applied()).isZero();
        assertThat(rights(p)).extracting(Entitlement::scheme).containsExactly(Scheme.SSS);
        assertThatThrownBy(() -> batches.submit(REGION_7, "SSO", "changes.pdf", csv()))
                .extracting(e -> ((th.go.nhso.tabien.system.TabienException) e).code()).isEqualTo("feed.unknownFileType");
    }

    @Test
    void theSameFileTwiceAndRepeatedChangesApplyNothing() throws IOException {
        Person p = person("40", Scheme.UC, d("2010-01-01"), d("2015-04-30"), Scheme.SSS, d("2015-05-01"), null);
        Person conflicted = person("40", Scheme.SSS, d("2015-05-01"), null);
        String[] lines = {p.nationalId() + ",SSS,END,2024-03-31,,,,", conflicted.nationalId() + ",OFC,START,2024-02-01,,,,"};
        Path first = csv(lines);
        Path copy = Files.createTempFile("feed-", ".csv");
        Files.copy(first, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var once = run(first);
        assertThat(once.applied()).isEqualTo(1);
        assertThat(once.conflicts()).isEqualTo(1);

        var sameFile = run(copy);
        assertThat(sameFile.status()).isEqualTo("DUPLICATE");
        assertThat(sameFile.message()).contains(once.batchId());

        var sameChangesAnotherFile = run(csv(lines[1], lines[0]));
        assertThat(sameChangesAnotherFile.applied()).isZero();
        assertThat(sameChangesAnotherFile.noOps()).isEqualTo(2);
        assertThat(rights(p)).hasSize(3);
        assertThat(jdbc.sql("select count(*) from entitlement_conflict where national_id = :p").param("p", conflicted.nationalId())
                .query(Integer.class).single()).isOne();
    }

    @Test
    void onlyRegionalApproversAndAdminsSendFiles() {
        StaffUser clerk = new StaffUser("clerk", "clerk", Role.FACILITY_STAFF, "10670", null, null);
        assertThatThrownBy(() -> batches.submit(clerk, "SSO", "x.csv", csv()))
                .extracting(e -> ((th.go.nhso.tabien.system.TabienException) e).code()).isEqualTo("feed.onlyRegionOrAdmin");
        assertThatThrownBy(() -> batches.submit(REGION_7, "ABC", "x.csv", csv()))
                .extracting(e -> ((th.go.nhso.tabien.system.TabienException) e).code()).isEqualTo("feed.unknownAgency");
    }
}
