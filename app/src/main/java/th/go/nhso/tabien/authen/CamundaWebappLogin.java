package th.go.nhso.tabien.authen;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on into Cockpit, Tasklist and Admin: Tabien's own login (already required to
 * be ADMIN by the security filter chain) becomes the Camunda webapp user, so there is no
 * second password. The webapps insist that the user exists in the engine's identity store,
 * so an admin is mirrored there (with an unusable random password) on the first visit.
 */
public class CamundaWebappLogin extends ContainerBasedAuthenticationProvider {

    /** Camunda's built-in administrators group: full rights in the webapps. */
    static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()))) {
            return AuthenticationResult.unsuccessful();
        }
        mirrorAdmin(engine.getIdentityService(), CurrentStaffUser.of(authentication));
        AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
        result.setGroups(List.of(CAMUNDA_ADMIN_GROUP));
        return result;
    }

    private static void mirrorAdmin(IdentityService identity, StaffUser admin) {
        String username = admin.username();
        if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN_GROUP).count() == 0) {
            Group group = identity.newGroup(CAMUNDA_ADMIN_GROUP);
            group.setName("Tabien administrators");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(username).count() == 0) {
            User user = identity.newUser(username);
            user.setFirstName(admin.displayName());
            user.setLastName("");
            user.setPassword(UUID.randomUUID().toString());
            identity.saveUser(user);
            identity.createMembership(username, CAMUNDA_ADMIN_GROUP);
        }
    }

    static FilterRegistrationBean<ContainerBasedAuthenticationFilter> filterRegistration() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", CamundaWebappLogin.class.getName()));
        // after Spring Security's chain (order -100), so the Tabien login is known here
        registration.setOrder(101);
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        return registration;
    }
}
