package th.go.nhso.tabien.authen.keycloak;

import java.util.Map;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import th.go.nhso.tabien.authen.StaffPrincipal;
import th.go.nhso.tabien.authen.StaffUser;

/**
 * A staff member logged in through Keycloak: the same {@link StaffPrincipal} (and so the same
 * {@link StaffUser}, role and area) every controller and area check already reads, plus the
 * OIDC tokens Spring Security keeps for the logout at Keycloak.
 */
public class OidcStaffPrincipal extends StaffPrincipal implements OidcUser {

    private final OidcUser oidc;

    OidcStaffPrincipal(StaffUser staff, OidcUser oidc) {
        super(staff, "");
        this.oidc = oidc;
    }

    @Override
    public Map<String, Object> getClaims() {
        return oidc.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return oidc.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return oidc.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return oidc.getAttributes();
    }

    /** The username, as for a local login (Spring's OIDC default would be the subject id). */
    @Override
    public String getName() {
        return getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
