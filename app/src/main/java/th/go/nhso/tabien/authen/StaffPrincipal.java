package th.go.nhso.tabien.authen;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The logged-in user as Spring Security holds it, carrying the {@link StaffUser} and its area. */
public class StaffPrincipal extends User {

    private final StaffUser staff;
    private final transient StaffAccount account;

    /** For a login that checked no password here (an OIDC login): the subclass carries the token. */
    protected StaffPrincipal(StaffUser staff, String passwordHash) {
        this(staff, passwordHash, null);
    }

    StaffPrincipal(StaffUser staff, String passwordHash, StaffAccount account) {
        super(staff.username(), passwordHash, List.of(new SimpleGrantedAuthority(staff.role().authority())));
        this.staff = staff;
        this.account = account;
    }

    /** The account as loaded for this login, for the checks after the password; null for API keys. */
    StaffAccount account() {
        return account;
    }

    public StaffUser staff() {
        return staff;
    }
}
