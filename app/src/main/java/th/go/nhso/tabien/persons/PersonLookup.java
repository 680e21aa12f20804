package th.go.nhso.tabien.persons;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.Entitlement;
import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Person;
import th.go.nhso.tabien.registry.Registry;
import th.go.nhso.tabien.system.TabienException;

/**
 * Reading a person for a member of staff. Any staff role may look a person up (a patient can
 * walk into any hospital), so what protects the data is that every read is on the audit trail.
 */
@Service
class PersonLookup {

    private final Registry registry;
    private final AuditTrail audit;
    private final Clock clock;

    PersonLookup(Registry registry, AuditTrail audit, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    PersonRecord read(StaffUser reader, NationalId id, String purpose) {
        Optional<Person> found = registry.findPerson(id);
        audit.record(reader.username(), found.isPresent() ? "READ_PERSON" : "READ_PERSON_NOT_FOUND", "PERSON",
                id.value(), purpose);
        Person person = found.orElseThrow(() -> TabienException.notFound("person.notFound", id.value()));
        List<Entitlement> history = registry.entitlementsOf(person);
        LocalDate today = LocalDate.now(clock);
        return new PersonRecord(person, history.stream().filter(e -> e.inForceOn(today)).findFirst().orElse(null), history);
    }

    record PersonRecord(Person person, Entitlement current, List<Entitlement> history) {
    }
}
