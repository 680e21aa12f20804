package th.go.nhso.tabien.persons;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;

/** The registry's JSON API: a person with the right in force, and the right's history. */
@RestController
@RequestMapping("/api/v1/persons/{nationalId}")
class PersonApiController {

    private final PersonLookup lookup;

    PersonApiController(PersonLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping
    PersonJson person(StaffUser user, @PathVariable String nationalId) {
        PersonLookup.PersonRecord found = lookup.read(user, NationalId.parse(nationalId), "api");
        Person p = found.person();
        return new PersonJson(p.nationalId(), p.titleTh(), p.firstNameTh(), p.lastNameTh(), p.sex(), p.birthDate(),
                p.nationality(), p.alive(), p.deathDate(), p.provinceCode(),
                found.current() == null ? null : EntitlementJson.of(found.current()));
    }

    @GetMapping("/entitlements")
    List<EntitlementJson> entitlements(StaffUser user, @PathVariable String nationalId) {
        return lookup.read(user, NationalId.parse(nationalId), "api").history().stream().map(EntitlementJson::of).toList();
    }

    /** The scheme and main facility in force on a date: what a claim of that day is paid under. */
    @GetMapping("/eligibility")
    EligibilityJson eligibility(StaffUser user, @PathVariable String nationalId,
                                @org.springframework.web.bind.annotation.RequestParam(required = false) LocalDate date) {
        PersonLookup.PersonRecord found = lookup.read(user, NationalId.parse(nationalId), "eligibility");
        LocalDate day = date == null ? LocalDate.now(th.go.nhso.tabien.system.ThaiDates.BANGKOK) : date;
        Entitlement right = found.history().stream().filter(e -> e.inForceOn(day)).findFirst().orElse(null);
        return new EligibilityJson(found.person().nationalId(), day, found.person().alive() || found.person().deathDate().isAfter(day),
                right == null ? null : right.scheme().name(), right == null ? null : right.mainFacilityCode(),
                right == null ? null : right.validFrom(), right == null ? null : right.validTo());
    }

    record EligibilityJson(String nationalId, LocalDate date, boolean alive, String scheme, String mainFacilityCode,
                           LocalDate validFrom, LocalDate validTo) {
    }

    record PersonJson(String nationalId, String titleTh, String firstNameTh, String lastNameTh, String sex,
                      LocalDate birthDate, String nationality, boolean alive, LocalDate deathDate, String provinceCode,
                      EntitlementJson currentEntitlement) {
    }

    record EntitlementJson(String scheme, LocalDate validFrom, LocalDate validTo, String source, String mainFacilityCode) {
        static EntitlementJson of(Entitlement e) {
            return new EntitlementJson(e.scheme().name(), e.validFrom(), e.validTo(), e.source(), e.mainFacilityCode());
        }
    }
}
