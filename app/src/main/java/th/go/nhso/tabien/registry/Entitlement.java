package th.go.nhso.tabien.registry;

import java.time.LocalDate;

/** One period of one scheme for one person; {@code validTo} is null while it is in force. */
public record Entitlement(long entitlementId, Scheme scheme, LocalDate validFrom, LocalDate validTo, String source,
                          String mainFacilityCode) {

    public boolean inForceOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || !validTo.isBefore(day));
    }
}
