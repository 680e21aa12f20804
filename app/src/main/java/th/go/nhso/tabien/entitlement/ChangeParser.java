package th.go.nhso.tabien.entitlement;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.registry.Scheme;
import th.go.nhso.tabien.system.TabienException;
import th.go.nhso.tabien.system.ThaiDates;

/** Checks one row of a change file; a bad row is rejected with its reason, the good rows go on. */
final class ChangeParser {

    /** Schemes an agency may start or end; VOID is what Tabien prevents, not something sent. */
    static final Set<Scheme> SENT_SCHEMES = Set.of(Scheme.UC, Scheme.SSS, Scheme.OFC, Scheme.LGO, Scheme.SOE, Scheme.FOREIGN);

    private final Set<String> facilities;

    ChangeParser(Set<String> facilities) {
        this.facilities = facilities;
    }

    /** The change, or the reason the row is rejected as a {@link RowOutcome}. */
    Object parse(FeedRow row) {
        NationalId.Problem idProblem = NationalId.problemWith(row.nationalId());
        if (idProblem != null) {
            return rejected(row, "nationalId.invalid." + idProblem.name(), row.nationalId());
        }
        Change.Event event;
        try {
            event = Change.Event.valueOf(upper(row.event()));
        } catch (IllegalArgumentException e) {
            return rejected(row, "feed.unknownEvent", row.event());
        }
        Scheme scheme = null;
        if (event != Change.Event.DEATH || row.scheme() != null) {
            try {
                scheme = Scheme.valueOf(upper(row.scheme()));
            } catch (IllegalArgumentException e) {
                return rejected(row, "feed.unknownScheme", row.scheme());
            }
            if (!SENT_SCHEMES.contains(scheme)) {
                return rejected(row, "feed.unknownScheme", row.scheme());
            }
        }
        LocalDate effective = date(row.effectiveDate());
        if (effective == null) {
            return rejected(row, "feed.badDate", row.effectiveDate());
        }
        LocalDate born = null;
        if (row.birthDate() != null) {
            born = date(row.birthDate());
            if (born == null) {
                return rejected(row, "feed.badDate", row.birthDate());
            }
        }
        if (row.facilityCode() != null && !facilities.contains(row.facilityCode())) {
            return rejected(row, "facility.notFound", row.facilityCode());
        }
        return new Change(row.rowNumber(), new NationalId(row.nationalId()), scheme, event, effective, row.facilityCode(),
                row.firstName(), row.lastName(), born);
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ThaiDates.parse(text);
        } catch (TabienException e) {
            return null;
        }
    }

    private static String upper(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    }

    private static RowOutcome rejected(FeedRow row, String code, String arg) {
        return new RowOutcome(row.rowNumber(), row.nationalId(), row.scheme(), row.event(), RowOutcome.Outcome.REJECTED,
                code, arg);
    }
}
