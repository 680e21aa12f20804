package th.go.nhso.tabien.authen.lifecycle;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;

/**
 * One account's page (Thai first): its state, the suspension history and what the viewer may
 * do: NHSO suspends, reinstates and resets the password; the facility's staff ask for an
 * unlock. Also the unlock worklist of the region ({@code Task_DecideUnlock}).
 */
@Controller
class AccountLifecycleController {

    private final AccountRules rules;
    private final AccountSuspensions suspensions;
    private final PasswordResets resets;
    private final UnlockRequests unlocks;
    private final AuditTrail audit;

    AccountLifecycleController(AccountRules rules, AccountSuspensions suspensions, PasswordResets resets,
                               UnlockRequests unlocks, AuditTrail audit) {
        this.rules = rules;
        this.suspensions = suspensions;
        this.resets = resets;
        this.unlocks = unlocks;
        this.audit = audit;
    }

    @GetMapping("/accounts/{username}")
    String account(StaffUser user, @PathVariable String username, Model model) {
        StaffAccount account = rules.requireVisible(user, username);
        audit.record(user.username(), "READ_ACCOUNT", "ACCOUNT", username, null);
        model.addAttribute("account", account);
        model.addAttribute("suspensions", suspensions.history(username));
        model.addAttribute("reasons", SuspensionReason.values());
        model.addAttribute("mayManage", AccountRules.mayManage(user) && !username.equals(user.username()));
        model.addAttribute("locked", unlocks.locked(account));
        model.addAttribute("openUnlock", unlocks.openRequestOf(username).orElse(null));
        model.addAttribute("mayRequestUnlock", user.role() == Role.FACILITY_STAFF
                && user.facilityCode() != null && user.facilityCode().equals(account.facilityCode()));
        return "accounts/account";
    }

    @PostMapping("/accounts/{username}/suspension")
    String suspend(StaffUser user, @PathVariable String username, @RequestParam(required = false) SuspensionReason reason,
                   @RequestParam(required = false) String note) {
        suspensions.suspend(user, username, reason, note);
        return "redirect:/accounts/" + username + "?suspended";
    }

    @PostMapping("/accounts/{username}/reinstatement")
    String reinstate(StaffUser user, @PathVariable String username, @RequestParam(required = false) String reason) {
        suspensions.reinstate(user, username, reason);
        return "redirect:/accounts/" + username + "?reinstated";
    }

    @PostMapping("/accounts/{username}/password-reset")
    String resetPassword(StaffUser user, @PathVariable String username, @RequestParam(required = false) String reason) {
        resets.resetByStaff(user, username, reason);
        return "redirect:/accounts/" + username + "?passwordReset";
    }

    @PostMapping("/accounts/{username}/unlock-request")
    String requestUnlock(StaffUser user, @PathVariable String username, @RequestParam(required = false) String reason) {
        unlocks.request(user, username, reason);
        return "redirect:/accounts/" + username + "?unlockRequested";
    }

    @GetMapping("/accounts/unlock-requests")
    String unlockRequests(StaffUser user, Model model) {
        List<UnlockRequests.Request> open = unlocks.open(user);
        model.addAttribute("requests", open);
        return "accounts/unlock-requests";
    }

    @PostMapping("/accounts/unlock-requests/{requestId}")
    String decideUnlock(StaffUser user, @PathVariable long requestId, @RequestParam String decision,
                        @RequestParam(required = false) String reason) {
        unlocks.decide(user, requestId, "APPROVE".equals(decision), reason);
        return "redirect:/accounts/unlock-requests?decided";
    }
}
