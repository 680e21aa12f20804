package th.go.nhso.tabien.authen.visit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffUser;

/** Visit authentication for hospital systems and kiosks (OpenAPI at /v3/api-docs). */
@RestController
@Tag(name = "Authen", description = "Visit authentication (authen code) and claim check (C349)")
class AuthenApiController {

    private final AuthenCodes codes;

    AuthenApiController(AuthenCodes codes) {
        this.codes = codes;
    }

    @PostMapping("/api/v1/authen")
    @Operation(summary = "Authen code for a visit: 201 new, 200 the one already issued today for this person, facility and service")
    ResponseEntity<Issued> issue(StaffUser user, @RequestBody AuthenCodes.AuthenRequest request) {
        AuthenCodes.Issued issued = codes.issue(user, request);
        AuthenCode c = issued.code();
        return ResponseEntity.status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Issued(c.authenCode(), c.nationalId(), c.scheme(), c.mainFacilityCode(), c.serviceType(), c.issuedAt()));
    }

    @PostMapping("/api/v1/claims/check")
    @Operation(summary = "ACCEPTED, or DENIED with code C349 when no authen code exists for that person, facility and day")
    AuthenCodes.ClaimResult check(StaffUser user, @RequestBody AuthenCodes.ClaimCheck claim) {
        return codes.checkClaim(user, claim);
    }

    @GetMapping("/api/v1/authen")
    @Operation(summary = "A facility's authen codes of one day, for HIS reconciliation")
    List<AuthenCode> ofDay(StaffUser user, @RequestParam String facilityCode, @RequestParam LocalDate date) {
        return codes.ofDay(user, facilityCode, date);
    }

    record Issued(String authenCode, String nationalId, String scheme, String mainFacilityCode, String serviceType,
                  OffsetDateTime issuedAt) {
    }
}
