package th.go.nhso.tabien.authen;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienProperties;

/**
 * Two doors, one account store: the JSON API and the engine REST API take HTTP Basic
 * (stateless, no CSRF); the pages take the form login. Cockpit, Tasklist, Admin, the engine
 * REST API and the actuator beyond health are for ADMIN only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    static final String PASSWORD_CHANGE_USER = "tabien.passwordChangeUser";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, LocalLogin login, ApiClients clients, AuditTrail audit,
                                 TabienProperties properties, BilingualMessages messages, LoginThrottle throttle,
                                 ObjectProvider<ApiLogin> otherLogins) throws Exception {
        for (ApiLogin other : otherLogins) {
            other.configure(http);
        }
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
                .authenticationProvider(login.authenticationProvider())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/engine-rest/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(path("/api/v1/registrar/**")).hasAnyRole(Role.REGISTRAR.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(LoginThrottling.countingBasicFailures(throttle,
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))))
                .addFilterBefore(new ApiKeyFilter(clients, audit), BasicAuthenticationFilter.class)
                .addFilterBefore(LoginThrottling.basic(throttle, messages), BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(properties.api(), messages), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // JSON only: nothing may run, frame or be referred from an API answer
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(PERMISSIONS_POLICY))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, LocalLogin login, ObjectProvider<PageLogin> otherLogins,
                                  LoginThrottle throttle) throws Exception {
        for (PageLogin other : otherLogins) {
            other.configure(http);
        }
        return http
                .authenticationProvider(login.authenticationProvider())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/password/change", "/public/**", "/css/**", "/js/**", "/img/**", "/fonts/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**",
                                "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(path("/camunda/**"), path("/actuator/**"), path("/admin/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(path("/counter/**"), path("/kiosk/**")).hasAnyRole(Role.FACILITY_STAFF.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .addFilterBefore(LoginThrottling.form(throttle), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(LoginThrottling.forgettingFailures(throttle, new SavedRequestAwareAuthenticationSuccessHandler()))
                        .failureHandler((request, response, e) -> {
                            if (e instanceof BadCredentialsException) {
                                throttle.failed(request.getParameter("username"), request.getRemoteAddr());
                            }
                            loginFailed(request, response, e);
                        })
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?loggedOut"))
                // Camunda's webapps send their own CSRF token (X-XSRF-TOKEN) checked by their own filter.
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**")))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(PERMISSIONS_POLICY))
                .build();
    }

    /** No page or answer of Tabien uses the camera, microphone, location or payments (the card reader is on the server). */
    private static final StaticHeadersWriter PERMISSIONS_POLICY = new StaticHeadersWriter("Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()");

    /** Another way into the pages, added by a profile (the {@code keycloak} profile's OIDC login). */
    public interface PageLogin {
        void configure(HttpSecurity http) throws Exception;
    }

    /** Another way into the JSON API, added by a profile (the {@code keycloak} profile's client credentials). */
    public interface ApiLogin {
        void configure(HttpSecurity http) throws Exception;
    }

    /**
     * A plain path pattern: Cockpit and the engine REST API are served by their own servlets,
     * not by Spring MVC, so MVC-aware matchers would not see them.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappLogin() {
        return CamundaWebappLogin.filterRegistration();
    }

    /** Wrong password: one vague message. Right password, refused: the reason, in both languages. */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = "/login?error";
        if (e instanceof LoginRefusedException refused) {
            if (refused.reason() == LoginRefusal.NEW_PASSWORD_REQUIRED) {
                request.getSession().setAttribute(PASSWORD_CHANGE_USER, refused.username());
                target = "/password/change";
            } else {
                target = "/login?refused=" + refused.reason().name();
            }
        }
        response.sendRedirect(request.getContextPath() + target);
    }
}
