package th.go.nhso.tabien.authen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import th.go.nhso.tabien.system.BilingualMessages;

/** Where {@link LoginThrottle} sits in the two login doors of {@link SecurityConfig}. */
final class LoginThrottling {

    private LoginThrottling() {
    }

    /** Before the form login: a locked username or address goes back to the login page with the reason. */
    static OncePerRequestFilter form(LoginThrottle throttle) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI())
                        && throttle.refuse(request.getParameter("username"), request.getRemoteAddr()).isPresent()) {
                    response.sendRedirect(request.getContextPath() + "/login?refused=THROTTLED");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Before HTTP Basic: a locked username or address gets 429 with Retry-After, in both languages. */
    static OncePerRequestFilter basic(LoginThrottle throttle, BilingualMessages messages) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Optional<String> username = basicUsername(request);
                if (username.isPresent() && SecurityContextHolder.getContext().getAuthentication() == null) {
                    Optional<Duration> wait = throttle.refuse(username.get(), request.getRemoteAddr());
                    if (wait.isPresent()) {
                        long seconds = Math.max(1, wait.get().toSeconds());
                        RateLimitFilter.tooMany(response, messages, "security.loginThrottled", seconds, (seconds + 59) / 60);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** HTTP Basic's 401: when Basic credentials were sent, they were wrong, so they count. */
    static AuthenticationEntryPoint countingBasicFailures(LoginThrottle throttle, AuthenticationEntryPoint next) {
        return (request, response, e) -> {
            basicUsername(request).ifPresent(u -> throttle.failed(u, request.getRemoteAddr()));
            next.commence(request, response, e);
        };
    }

    static AuthenticationSuccessHandler forgettingFailures(LoginThrottle throttle, AuthenticationSuccessHandler next) {
        return (request, response, authentication) -> {
            throttle.succeeded(authentication.getName());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static Optional<String> basicUsername(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
