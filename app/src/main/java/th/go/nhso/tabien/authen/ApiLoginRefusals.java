package th.go.nhso.tabien.authen;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import th.go.nhso.tabien.system.BilingualMessages;

/**
 * An API call with the right password but a refused login (suspended, locked, maintenance,
 * new password required) gets its 401 with the same Thai message as the login page, as a
 * problem detail, instead of an empty body. The login remembers the reason on the request;
 * this filter, outside Spring Security's chain, writes it once the chain has answered 401.
 * SecurityConfig stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class ApiLoginRefusals {

    private static final String ATTRIBUTE = ApiLoginRefusals.class.getName();

    static void remember(LoginRefusal reason) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            attrs.getRequest().setAttribute(ATTRIBUTE, reason);
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiLoginRefusalBody(BilingualMessages messages, ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(request, response);
                if (request.getAttribute(ATTRIBUTE) instanceof LoginRefusal reason
                        && response.getStatus() == HttpStatus.UNAUTHORIZED.value() && !response.isCommitted()) {
                    String code = "login.refused." + reason.name();
                    BilingualMessages.Bilingual text = messages.resolve(code);
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, text.en());
                    problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
                    problem.setType(URI.create("urn:tabien:" + code));
                    problem.setProperty("code", code);
                    problem.setProperty("detailTh", text.th());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    json.writeValue(response.getOutputStream(), problem);
                }
            }
        });
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
