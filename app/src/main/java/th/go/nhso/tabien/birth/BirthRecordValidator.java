package th.go.nhso.tabien.birth;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Registry;

/**
 * The one place that decides whether a birth record can be filed, for the form and the API
 * alike. It reports every problem with its field path, so a clerk fixes them all at once.
 */
@Component
public class BirthRecordValidator {

    static final Set<String> SEXES = Set.of("M", "F", "U");
    static final Set<String> PLACES = Set.of("FACILITY", "HOME", "OTHER");
    static final Set<String> FAMILY_STATUSES = Set.of("MARRIED", "UNMARRIED", "DIVORCED", "WIDOWED", "UNKNOWN");
    static final Set<String> ATTENDANTS = Set.of("PHYSICIAN", "NURSE", "MIDWIFE", "OTHER");
    static final int MIN_WEIGHT = 300;
    static final int MAX_WEIGHT = 7000;
    static final int MIN_WEEKS = 20;
    static final int MAX_WEEKS = 45;

    private final Registry registry;
    private final CodeLists codes;
    private final Clock clock;

    public BirthRecordValidator(Registry registry, CodeLists codes, Clock clock) {
        this.registry = registry;
        this.codes = codes;
        this.clock = clock;
    }

    /** @throws InvalidBirthRecordException listing every problem */
    public void check(BirthRecord record) {
        List<FieldProblem> problems = problemsWith(record);
        if (!problems.isEmpty()) {
            throw new InvalidBirthRecordException(problems);
        }
    }

    public List<FieldProblem> problemsWith(BirthRecord r) {
        Problems p = new Problems();
        if (blank(r.facilityCode())) {
            p.add("facilityCode", "birth.required");
        } else if (registry.findFacility(r.facilityCode()).isEmpty()) {
            p.add("facilityCode", "facility.notFound", r.facilityCode());
        }
        checkChild(r.child(), p);
        LocalDate birthDay = r.child() == null || r.child().birthDateTime() == null ? null
                : r.child().birthDateTime().atZoneSameInstant(th.go.nhso.tabien.system.ThaiDates.BANGKOK).toLocalDate();
        if (r.mother() == null) {
            p.add("mother", "birth.required");
        } else {
            checkParent("mother", r.mother(), birthDay, p);
        }
        if (r.father() != null && !isEmpty(r.father())) {
            checkParent("father", r.father(), birthDay, p);
        }
        oneOf("familyStatus", r.familyStatus(), FAMILY_STATUSES, p);
        if (r.attendant() == null) {
            p.add("attendant", "birth.required");
        } else {
            oneOf("attendant.type", r.attendant().type(), ATTENDANTS, p);
        }
        checkCodes("birthDefects", r.birthDefects(), codes::isDefect, "birth.unknownDefect", p);
        checkCodes("motherIllnesses", r.motherIllnesses(), codes::isIllness, "birth.unknownIllness", p);
        return p.list;
    }

    private void checkChild(BirthRecord.Child c, Problems p) {
        if (c == null) {
            p.add("child", "birth.required");
            return;
        }
        oneOf("child.sex", c.sex(), SEXES, p);
        oneOf("child.placeOfBirth", c.placeOfBirth(), PLACES, p);
        if (c.birthDateTime() == null) {
            p.add("child.birthDateTime", "birth.required");
        } else if (c.birthDateTime().isAfter(OffsetDateTime.now(clock))) {
            p.add("child.birthDateTime", "birth.future");
        }
        range("child.plurality", c.plurality(), 1, 8, p);
        if (c.plurality() != null) {
            range("child.birthOrder", c.birthOrder(), 1, c.plurality(), p);
        } else {
            range("child.birthOrder", c.birthOrder(), 1, 8, p);
        }
        range("child.weightGrams", c.weightGrams(), MIN_WEIGHT, MAX_WEIGHT, p);
        range("child.gestationalAgeWeeks", c.gestationalAgeWeeks(), MIN_WEEKS, MAX_WEEKS, p);
    }

    private void checkParent(String path, BirthRecord.Parent parent, LocalDate birthDay, Problems p) {
        if (blank(parent.firstName())) {
            p.add(path + ".firstName", "birth.required");
        }
        if (blank(parent.lastName())) {
            p.add(path + ".lastName", "birth.required");
        }
        if (blank(parent.nationality()) || !parent.nationality().matches("[A-Z]{3}")) {
            p.add(path + ".nationality", "birth.nationality", parent.nationality());
        }
        boolean thai = BirthRecord.THAI.equals(parent.nationality());
        if (!blank(parent.nationalId())) {
            NationalId.Problem problem = NationalId.problemWith(parent.nationalId());
            if (problem != null) {
                p.add(path + ".nationalId", "nationalId.invalid." + problem.name(), parent.nationalId());
            }
        } else if (thai || (path.equals("mother") && blank(parent.passportNumber()))) {
            // a Thai parent is known by PID; a foreign mother needs at least a passport or alien number
            p.add(path + ".nationalId", thai ? "birth.thaiNeedsPid" : "birth.idOrPassport");
        }
        if (parent.birthDate() != null) {
            if (parent.birthDate().isAfter(LocalDate.now(clock))) {
                p.add(path + ".birthDate", "birth.future");
            } else if (birthDay != null) {
                int age = Period.between(parent.birthDate(), birthDay).getYears();
                if (age < 10 || age > 70) {
                    p.add(path + ".birthDate", "birth.parentAge", age);
                }
            }
        }
        if (!blank(parent.provinceCode()) && registry.findProvince(parent.provinceCode()).isEmpty()) {
            p.add(path + ".provinceCode", "birth.unknownProvince", parent.provinceCode());
        }
    }

    private static void checkCodes(String path, List<String> list, java.util.function.Predicate<String> known, String code,
                                   Problems p) {
        if (list == null) {
            // "none" must be said, not left out: an empty list says it
            p.add(path, "birth.noneMustBeExplicit");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String c = list.get(i);
            if (!known.test(c)) {
                p.add(path + "[" + i + "]", code, c);
            } else if (!seen.add(c)) {
                p.add(path + "[" + i + "]", "birth.repeated", c);
            }
        }
    }

    private static void oneOf(String path, String value, Set<String> allowed, Problems p) {
        if (blank(value)) {
            p.add(path, "birth.required");
        } else if (!allowed.contains(value)) {
            p.add(path, "birth.notAllowed", value, String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static void range(String path, Integer value, int min, int max, Problems p) {
        if (value == null) {
            p.add(path, "birth.required");
        } else if (value < min || value > max) {
            p.add(path, "birth.range", value, min, max);
        }
    }

    static boolean isEmpty(BirthRecord.Parent parent) {
        return blank(parent.nationalId()) && blank(parent.passportNumber()) && blank(parent.firstName())
                && blank(parent.lastName()) && blank(parent.nationality());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static final class Problems {
        private final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String code, Object... args) {
            list.add(new FieldProblem(field, code, args));
        }
    }
}
