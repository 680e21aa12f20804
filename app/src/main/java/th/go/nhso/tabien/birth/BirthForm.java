package th.go.nhso.tabien.birth;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/**
 * The Thai filing form as the browser posts it: flat fields, dates typed in either era
 * (16/03/2566). {@link #toRecord} turns it into the same {@link BirthRecord} the API takes,
 * so the form and the API are checked by one validator.
 */
record BirthForm(String facilityCode,
                 String childFirstName, String childLastName, String childSex, String birthDate, String birthTime,
                 String placeOfBirth, Integer plurality, Integer birthOrder, Integer weightGrams, Integer gestationalAgeWeeks,
                 String motherNationalId, String motherPassportNumber, String motherFirstName, String motherLastName,
                 String motherNationality, String motherBirthDate, String motherProvinceCode,
                 String fatherNationalId, String fatherPassportNumber, String fatherFirstName, String fatherLastName,
                 String fatherNationality,
                 String familyStatus, String attendantType, String attendantName,
                 Boolean noBirthDefects, List<String> birthDefects,
                 Boolean noMotherIllnesses, List<String> motherIllnesses, String motherIllnessNotes,
                 String notes, String informant) {

    static BirthForm blank(String facilityCode) {
        return new BirthForm(facilityCode, "", "", "", "", "", "FACILITY", 1, 1, null, null,
                "", "", "", "", "THA", "", "", "", "", "", "", "THA", "MARRIED", "PHYSICIAN", "",
                false, List.of(), false, List.of(), "", "", "");
    }

    static BirthForm of(BirthCase c) {
        BirthRecord r = c.record();
        BirthRecord.Child child = r.child();
        BirthRecord.Parent m = r.mother();
        BirthRecord.Parent f = r.father();
        var local = child.birthDateTime().atZoneSameInstant(ThaiDates.BANGKOK);
        return new BirthForm(r.facilityCode(), child.firstName(), child.lastName(), child.sex(),
                ThaiDates.formatShort(local.toLocalDate()), String.format("%02d:%02d", local.getHour(), local.getMinute()),
                child.placeOfBirth(), child.plurality(), child.birthOrder(), child.weightGrams(), child.gestationalAgeWeeks(),
                m.nationalId(), m.passportNumber(), m.firstName(), m.lastName(), m.nationality(),
                m.birthDate() == null ? "" : ThaiDates.formatShort(m.birthDate()), m.provinceCode(),
                f == null ? "" : f.nationalId(), f == null ? "" : f.passportNumber(), f == null ? "" : f.firstName(),
                f == null ? "" : f.lastName(), f == null ? "" : f.nationality(),
                r.familyStatus(), r.attendant().type(), r.attendant().name(),
                r.birthDefects().isEmpty(), r.birthDefects(), r.motherIllnesses().isEmpty(), r.motherIllnesses(),
                r.motherIllnessNotes(), r.other().notes(), r.other().informant());
    }

    /**
     * The record, or the problems with what was typed before the record can even be built
     * (a date that is not a date); those use the record's field paths too.
     */
    BirthRecord toRecord(Map<String, FieldProblem> typingProblems) {
        OffsetDateTime born = bornAt(typingProblems);
        LocalDate motherBorn = date(motherBirthDate, "mother.birthDate", typingProblems);
        BirthRecord.Parent father = new BirthRecord.Parent(fatherNationalId, fatherPassportNumber, fatherFirstName,
                fatherLastName, fatherNationality, null, null);
        return new BirthRecord(facilityCode,
                new BirthRecord.Child(childFirstName, childLastName, childSex, born, placeOfBirth, plurality, birthOrder,
                        weightGrams, gestationalAgeWeeks),
                new BirthRecord.Parent(digits(motherNationalId), motherPassportNumber, motherFirstName, motherLastName,
                        motherNationality, motherBorn, motherProvinceCode),
                blankParent(father) ? null : new BirthRecord.Parent(digits(fatherNationalId), fatherPassportNumber,
                        fatherFirstName, fatherLastName, fatherNationality, null, null),
                familyStatus, new BirthRecord.Attendant(attendantType, attendantName),
                chosen(noBirthDefects, birthDefects), chosen(noMotherIllnesses, motherIllnesses), motherIllnessNotes,
                new BirthRecord.Other(notes, informant));
    }

    /** Ticking "none" says none; ticking nothing at all is left for the validator to refuse. */
    private static List<String> chosen(Boolean none, List<String> codes) {
        List<String> picked = codes == null ? List.of() : codes.stream().filter(c -> !c.isBlank()).toList();
        return Boolean.TRUE.equals(none) || !picked.isEmpty() ? picked : null;
    }

    private static boolean blankParent(BirthRecord.Parent p) {
        return BirthRecordValidator.blank(p.nationalId()) && BirthRecordValidator.blank(p.passportNumber())
                && BirthRecordValidator.blank(p.firstName()) && BirthRecordValidator.blank(p.lastName());
    }

    private static String digits(String id) {
        return id == null ? null : id.replaceAll("[\\s-]", "");
    }

    private OffsetDateTime bornAt(Map<String, FieldProblem> problems) {
        LocalDate day = date(birthDate, "child.birthDateTime", problems);
        if (day == null) {
            return null;
        }
        try {
            LocalTime time = birthTime == null || birthTime.isBlank() ? LocalTime.MIDNIGHT : LocalTime.parse(birthTime.strip());
            return day.atTime(time).atZone(ThaiDates.BANGKOK).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            problems.put("child.birthDateTime", new FieldProblem("child.birthDateTime", "birth.timeInvalid"));
            return null;
        }
    }

    private static LocalDate date(String text, String field, Map<String, FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ThaiDates.parse(text);
        } catch (TabienException e) {
            problems.put(field, new FieldProblem(field, e.code(), text));
            return null;
        }
    }
}
