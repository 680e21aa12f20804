package th.go.nhso.tabien.birth;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import th.go.nhso.tabien.support.TestIds;

/** Valid birth records for tests; each call gets a mother of its own, so no two collide. */
final class BirthRecords {

    /** Three days ago at 08:30 Bangkok time: recent enough for every rule, never in the future. */
    static final OffsetDateTime BORN = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(3)
            .withHour(8).withMinute(30).withSecond(0).withNano(0);

    private BirthRecords() {
    }

    static BirthRecord thai() {
        return new BirthRecord("10670",
                new BirthRecord.Child("", "ใจดี", "F", BORN, "FACILITY", 1, 1, 3100, 39),
                new BirthRecord.Parent(TestIds.nextThai().value(), null, "สมศรี", "ใจดี", "THA", LocalDate.of(1995, 4, 2), "40"),
                new BirthRecord.Parent(null, "MA1234567", "Aung", "Min", "MMR", null, null),
                "MARRIED",
                new BirthRecord.Attendant("PHYSICIAN", "นพ. ตัวอย่าง"),
                List.of(), List.of(), null,
                new BirthRecord.Other("", "สมศรี ใจดี (มารดา)"));
    }

    static BirthRecord foreign() {
        return new BirthRecord("10670",
                new BirthRecord.Child("Hnin", "Aye", "M", BORN, "FACILITY", 1, 1, 2900, 38),
                new BirthRecord.Parent(null, "MB" + System.nanoTime() % 10_000_000, "Hnin", "Wai", "MMR", LocalDate.of(1998, 1, 5), "40"),
                new BirthRecord.Parent(null, null, "Kyaw", "Aye", "MMR", null, null),
                "MARRIED",
                new BirthRecord.Attendant("NURSE", "พยาบาลวิชาชีพ"),
                List.of(), List.of(), null,
                new BirthRecord.Other(null, null));
    }

    static BirthRecord withDefects(BirthRecord r, String... codes) {
        return new BirthRecord(r.facilityCode(), r.child(), r.mother(), r.father(), r.familyStatus(), r.attendant(),
                List.of(codes), r.motherIllnesses(), r.motherIllnessNotes(), r.other());
    }

    static BirthRecord withMother(BirthRecord r, BirthRecord.Parent mother) {
        return new BirthRecord(r.facilityCode(), r.child(), mother, r.father(), r.familyStatus(), r.attendant(),
                r.birthDefects(), r.motherIllnesses(), r.motherIllnessNotes(), r.other());
    }

    static BirthRecord withFather(BirthRecord r, BirthRecord.Parent father) {
        return new BirthRecord(r.facilityCode(), r.child(), r.mother(), father, r.familyStatus(), r.attendant(),
                r.birthDefects(), r.motherIllnesses(), r.motherIllnessNotes(), r.other());
    }
}
