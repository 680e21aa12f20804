package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.support.TabienTest;
import th.go.nhso.tabien.support.TestIds;

/** The daily job that moves OFC dependants turning 20 to UC. */
@TabienTest
class OfcDependantsJobTests {

    @Autowired OfcDependantsJob job;
    @Autowired Registry registry;

    private Person person(LocalDate born, LocalDate ofcFrom) {
        Person p = registry.registerPerson(new Registry.NewPerson(TestIds.nextThai(), null, "บุตร", "ข้าราชการ", "F", born,
                "THA", "40", null));
        registry.recordEntitlement(p, Scheme.OFC, ofcFrom, null, "CGD", null);
        return p;
    }

    @Test
    void aDependantTurning20MovesToUcOnTheBirthdayAndACivilServantStays() {
        LocalDate today = LocalDate.of(2031, 7, 15);
        Person dependant = person(LocalDate.of(2011, 7, 14), LocalDate.of(2011, 7, 14));
        Person civilServant = person(LocalDate.of(2011, 7, 13), LocalDate.of(2031, 7, 14));
        Person notYet = person(LocalDate.of(2011, 7, 16), LocalDate.of(2011, 7, 16));

        assertThat(job.run(today)).isGreaterThanOrEqualTo(1);

        var rights = registry.entitlementsOf(dependant);
        assertThat(rights).extracting(Entitlement::scheme).containsExactly(Scheme.UC, Scheme.OFC);
        assertThat(rights.get(1).validTo()).isEqualTo(LocalDate.of(2031, 7, 13));
        assertThat(rights.get(0).validFrom()).isEqualTo(LocalDate.of(2031, 7, 14));
        assertThat(rights.get(0).mainFacilityCode()).isNotNull();
        assertThat(registry.entitlementsOf(civilServant)).extracting(Entitlement::scheme)
                .as("got OFC as an adult: a civil servant, not a dependant").containsExactly(Scheme.OFC);
        assertThat(registry.entitlementsOf(notYet)).extracting(Entitlement::scheme).containsExactly(Scheme.OFC);
        assertThat(job.run(today)).as("a second run changes nothing").isZero();
    }
}
