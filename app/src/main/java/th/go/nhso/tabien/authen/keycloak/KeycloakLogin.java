package th.go.nhso.tabien.authen.keycloak;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.LoginPolicy;
import th.go.nhso.tabien.authen.LoginRefusal;
import th.go.nhso.tabien.authen.Role;
import th.go.nhso.tabien.authen.SecurityConfig;
import th.go.nhso.tabien.authen.StaffLoggedIn;
import th.go.nhso.tabien.authen.StaffUser;

/**
 * The pages' login in the {@code keycloak} profile: OIDC authorization code with Keycloak's
 * {@code tabien} client (registration {@code keycloak}). The ID token's {@code roles},
 * {@code hcode}, {@code province} and {@code region} claims become the {@link StaffUser} every
 * page and area check reads. Keycloak itself refuses disabled accounts (suspended,
 * inactivity-locked) and makes a reset password be replaced; Tabien adds the maintenance
 * window, as for the local login, and publishes {@link StaffLoggedIn}.
 */
@Component
@Profile("keycloak")
class KeycloakLogin implements SecurityConfig.PageLogin {

    static final String REGISTRATION = "keycloak";

    private final OidcUserService delegate = new OidcUserService();
    private final LoginPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientRegistrationRepository registrations;

    KeycloakLogin(LoginPolicy policy, ApplicationEventPublisher events, Clock clock, ClientRegistrationRepository registrations) {
        this.policy = policy;
        this.events = events;
        this.clock = clock;
        this.registrations = registrations;
    }

    @Override
    public void configure(HttpSecurity http) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logoutAtKeycloak = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutAtKeycloak.setPostLogoutRedirectUri("{baseUrl}/login?loggedOut");
        http
                .oauth2Login(oidc -> oidc
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::loadUser))
                        .failureHandler(KeycloakLogin::loginFailed))
                // the pages send strangers to Keycloak, not to the local form
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION)))
                .logout(logout -> logout.logoutSuccessHandler(logoutAtKeycloak));
    }

    OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = delegate.loadUser(request);
        StaffUser staff = staffUser(oidc);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Admins run the maintenance, so the window must not lock them out (as in LoginPolicy).
        if (staff.role() != Role.ADMIN && policy.maintenanceOpenAt(now)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(LoginRefusal.MAINTENANCE.name()));
        }
        events.publishEvent(new StaffLoggedIn(staff.username(), now));
        return new OidcStaffPrincipal(staff, oidc);
    }

    static StaffUser staffUser(OidcUser oidc) {
        Object claimed = oidc.getClaims().get("roles");
        List<String> roles = claimed instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        Role role = KeycloakRoles.tabienRole(roles).orElseThrow(() -> new OAuth2AuthenticationException(
                new OAuth2Error("no_tabien_role", "Account " + oidc.getPreferredUsername() + " holds no Tabien role", null)));
        String region = oidc.getClaimAsString("region");
        return new StaffUser(oidc.getPreferredUsername(), displayName(oidc), role, oidc.getClaimAsString("hcode"),
                oidc.getClaimAsString("province"), region == null || region.isBlank() ? null : Integer.valueOf(region));
    }

    private static String displayName(OidcUser oidc) {
        if (oidc.getFullName() != null && !oidc.getFullName().isBlank()) {
            return oidc.getFullName();
        }
        return oidc.getGivenName() != null ? oidc.getGivenName() : oidc.getPreferredUsername();
    }

    /** The maintenance window is told like the local login tells it; anything else is the vague error. */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = "/login?error";
        if (e instanceof OAuth2AuthenticationException oauth
                && LoginRefusal.MAINTENANCE.name().equals(oauth.getError().getErrorCode())) {
            target = "/login?refused=" + LoginRefusal.MAINTENANCE.name();
        }
        response.sendRedirect(request.getContextPath() + target);
    }
}
