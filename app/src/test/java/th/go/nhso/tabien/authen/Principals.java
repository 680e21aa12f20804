package th.go.nhso.tabien.authen;

import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in form of an account, for MockMvc's user(...) in tests of other packages. */
public final class Principals {

    private Principals() {
    }

    public static UserDetails of(StaffAccount account) {
        return new StaffPrincipal(account.asStaffUser(), "n/a");
    }
}
