package th.go.nhso.tabien.authen.lifecycle;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;

/**
 * The account lifecycle for machine clients: suspension and reinstatement (NHSO), password
 * reset by NHSO, unlock requests (facility staff). Refusals are bilingual problem details.
 */
@RestController
class AccountLifecycleApiController {

    private final AccountRules rules;
    private final AccountSuspensions suspensions;
    private final PasswordResets resets;
    private final UnlockRequests unlocks;

    AccountLifecycleApiController(AccountRules rules, AccountSuspensions suspensions, PasswordResets resets,
                                  UnlockRequests unlocks) {
        this.rules = rules;
        this.suspensions = suspensions;
        this.resets = resets;
        this.unlocks = unlocks;
    }

    /** {@code {"reason": "ABNORMAL_USE", "note": "..."}} */
    @PostMapping("/api/v1/accounts/{username}/suspension")
    AccountState suspend(StaffUser user, @PathVariable String username, @RequestBody SuspensionJson body) {
        suspensions.suspend(user, username, body.reason(), body.note());
        return state(user, username);
    }

    /** {@code {"reason": "..."}} */
    @PostMapping("/api/v1/accounts/{username}/reinstatement")
    AccountState reinstate(StaffUser user, @PathVariable String username, @RequestBody ReasonJson body) {
        suspensions.reinstate(user, username, body.reason());
        return state(user, username);
    }

    /** The same as a reinstatement, for clients that think of a suspension as a resource. */
    @DeleteMapping("/api/v1/accounts/{username}/suspension")
    AccountState lift(StaffUser user, @PathVariable String username, @RequestParam(required = false) String reason) {
        suspensions.reinstate(user, username, reason);
        return state(user, username);
    }

    @GetMapping("/api/v1/accounts/{username}/suspensions")
    List<AccountSuspensions.Suspension> history(StaffUser user, @PathVariable String username) {
        rules.requireManageable(user, username);
        return suspensions.history(username);
    }

    @PostMapping("/api/v1/accounts/{username}/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resetPassword(StaffUser user, @PathVariable String username, @RequestBody(required = false) ReasonJson body) {
        resets.resetByStaff(user, username, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/accounts/{username}/unlock-requests")
    @ResponseStatus(HttpStatus.CREATED)
    UnlockCreated requestUnlock(StaffUser user, @PathVariable String username, @RequestBody ReasonJson body) {
        return new UnlockCreated(unlocks.request(user, username, body.reason()));
    }

    private AccountState state(StaffUser user, String username) {
        StaffAccount a = rules.requireManageable(user, username);
        return new AccountState(a.username(), a.suspended(), a.inactivityLocked(), a.lastActivity());
    }

    record SuspensionJson(SuspensionReason reason, String note) {
    }

    record ReasonJson(String reason) {
    }

    record UnlockCreated(long requestId) {
    }

    record AccountState(String username, boolean suspended, boolean inactivityLocked, OffsetDateTime lastActivity) {
    }
}
