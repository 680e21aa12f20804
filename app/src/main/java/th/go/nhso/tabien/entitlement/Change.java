package th.go.nhso.tabien.entitlement;

import java.time.LocalDate;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Scheme;

/** A row that passed the checks: what the agency says happened to whom, and when. */
record Change(int rowNumber, NationalId nationalId, Scheme scheme, Event event, LocalDate effectiveDate,
              String facilityCode, String firstName, String lastName, LocalDate birthDate) {

    enum Event { START, END, DEATH }
}
