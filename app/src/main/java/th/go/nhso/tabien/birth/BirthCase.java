package th.go.nhso.tabien.birth;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A filed birth: the record as filed (and corrected), where it stands, and what came of it. */
public record BirthCase(long caseId, String certificateNumber, String facilityCode, BirthStatus status, String route,
                        BirthRecord record, String childNationalId, LocalDate registeredOn, String registrarOffice,
                        String followUpOutcome, String followUpNote, String cancelReason, String filedBy,
                        OffsetDateTime filedAt) {
}
