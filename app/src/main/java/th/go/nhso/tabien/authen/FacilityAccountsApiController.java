package th.go.nhso.tabien.authen;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;

/** {@code GET /api/v1/facilities/{hcode}/accounts}: a facility's staff accounts, within the caller's area. */
@RestController
class FacilityAccountsApiController {

    private final AreaPolicy areas;
    private final AccountDirectory directory;
    private final AuditTrail audit;

    FacilityAccountsApiController(AreaPolicy areas, AccountDirectory directory, AuditTrail audit) {
        this.areas = areas;
        this.directory = directory;
        this.audit = audit;
    }

    @GetMapping("/api/v1/facilities/{hcode}/accounts")
    List<AccountJson> accounts(StaffUser user, @PathVariable String hcode) {
        Facility facility = areas.requireAccess(user, HospitalCode.parse(hcode));
        return FacilityAccountsController.accountsOf(user, facility, directory, audit).stream()
                .map(a -> new AccountJson(a.username(), a.displayName(), a.role().name(), a.suspended()))
                .toList();
    }

    record AccountJson(String username, String displayName, String role, boolean suspended) {
    }
}
