package th.go.nhso.tabien.birth;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The birth-certificate record as the hospital files it, in the six sections of the form.
 * It is both the body of {@code POST /api/v1/births} and what the Thai filing form binds to;
 * {@link BirthRecordValidator} checks it the same way for both.
 */
public record BirthRecord(
        String facilityCode,
        Child child,
        Parent mother,
        Parent father,
        String familyStatus,
        Attendant attendant,
        List<String> birthDefects,
        List<String> motherIllnesses,
        String motherIllnessNotes,
        Other other) {

    /** 1. The child; the names may be empty before the child is named. */
    public record Child(String firstName, String lastName, String sex, OffsetDateTime birthDateTime, String placeOfBirth,
                        Integer plurality, Integer birthOrder, Integer weightGrams, Integer gestationalAgeWeeks) {
    }

    /** 2. A parent: a PID, or for a foreigner a passport or alien number instead. */
    public record Parent(String nationalId, String passportNumber, String firstName, String lastName, String nationality,
                         LocalDate birthDate, String provinceCode) {
    }

    /** 3. Who delivered the child. */
    public record Attendant(String type, String name) {
    }

    /** 6. Other items. */
    public record Other(String notes, String informant) {
    }

    public static final String THAI = "THA";
}
