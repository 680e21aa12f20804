package th.go.nhso.tabien.authen.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An authen (claim) code: proof that the patient was authenticated for this visit. */
public record AuthenCode(String authenCode, String nationalId, String facilityCode, String serviceType,
                         LocalDate serviceDate, String phone, String scheme, String mainFacilityCode, String referNo,
                         String primaryFacilityCode, String referFacilityCode, String issuedBy, OffsetDateTime issuedAt,
                         int processingMicros) {
}
