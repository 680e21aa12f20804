package th.go.nhso.tabien.authen.lifecycle;

import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AccountDirectory;
import th.go.nhso.tabien.authen.AreaPolicy;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.StaffAccount;
import th.go.nhso.tabien.authen.StaffUser;
import th.go.nhso.tabien.registry.HospitalCode;
import th.go.nhso.tabien.system.TabienException;

/** Who may look at an account and who may act on it (suspend, reinstate, reset, decide an unlock). */
@Component
class AccountRules {

    private final AccountDirectory directory;
    private final AreaPolicy areas;

    AccountRules(AccountDirectory directory, AreaPolicy areas) {
        this.directory = directory;
        this.areas = areas;
    }

    StaffAccount require(String username) {
        return directory.find(username).orElseThrow(() -> TabienException.notFound("account.notFound", username));
    }

    /** Anyone whose area holds the account's facility may see it; accounts without a facility only admins. */
    StaffAccount requireVisible(StaffUser user, String username) {
        StaffAccount account = require(username);
        if (user.isAdmin() || user.username().equals(username)) {
            return account;
        }
        if (account.facilityCode() == null) {
            throw TabienException.forbidden("accounts.onlyNhso");
        }
        areas.requireAccess(user, HospitalCode.parse(account.facilityCode()));
        return account;
    }

    /** NHSO acts on accounts: an admin on any, a regional approver on those of the region's facilities. */
    StaffAccount requireManageable(StaffUser user, String username) {
        if (user.role() != Role.ADMIN && user.role() != Role.REGIONAL_APPROVER) {
            throw TabienException.forbidden("accounts.onlyNhso");
        }
        StaffAccount account = require(username);
        if (user.isAdmin()) {
            return account;
        }
        if (account.facilityCode() == null) {
            throw TabienException.forbidden("accounts.onlyNhso");
        }
        areas.requireAccess(user, HospitalCode.parse(account.facilityCode()));
        return account;
    }

    static boolean mayManage(StaffUser user) {
        return user.role() == Role.ADMIN || user.role() == Role.REGIONAL_APPROVER;
    }
}
