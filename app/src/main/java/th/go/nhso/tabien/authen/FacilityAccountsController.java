package th.go.nhso.tabien.authen;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import th.go.nhso.tabien.registry.Facility;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.registry.Registry;

/**
 * The facilities in the user's area and each facility's staff accounts: the first
 * area-scoped screen, and the one the access-request approvers start from.
 */
@Controller
class FacilityAccountsController {

    private final Registry registry;
    private final AreaPolicy areas;
    private final AccountDirectory directory;
    private final AuditTrail audit;

    FacilityAccountsController(Registry registry, AreaPolicy areas, AccountDirectory directory, AuditTrail audit) {
        this.registry = registry;
        this.areas = areas;
        this.directory = directory;
        this.audit = audit;
    }

    @GetMapping("/facilities")
    String facilities(StaffUser user, Model model) {
        AreaPolicy.Area area = areas.areaOf(user);
        model.addAttribute("facilities", registry.facilities().stream().filter(area::contains).toList());
        return "facilities/list";
    }

    @GetMapping("/facilities/{hcode}")
    String facility(StaffUser user, @PathVariable String hcode, Model model) {
        Facility facility = areas.requireAccess(user, HospitalCode.parse(hcode));
        model.addAttribute("facility", facility);
        model.addAttribute("accounts", accountsOf(user, facility, directory, audit));
        return "facilities/facility";
    }

    /** Staff accounts are personal data: every listing goes on the audit trail. */
    static List<StaffAccount> accountsOf(StaffUser user, Facility facility, AccountDirectory directory, AuditTrail audit) {
        audit.record(user.username(), "READ_ACCOUNTS", "FACILITY", facility.hcode(), null);
        return directory.accountsOfFacility(facility.hcode());
    }
}
