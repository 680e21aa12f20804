package th.go.nhso.tabien.authen;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The logged-in user as Spring Security holds it, carrying the {@link StaffUser} and its area. */
public class StaffPrincipal extends User {

    private final StaffUser staff;

    StaffPrincipal(StaffUser staff, String passwordHash) {
        super(staff.username(), passwordHash, List.of(new SimpleGrantedAuthority(staff.role().authority())));
        this.staff = staff;
    }

    public StaffUser staff() {
        return staff;
    }
}
