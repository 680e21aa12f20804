package th.go.nhso.tabien.authen;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The rest of a machine client's call (API key or client-credentials token), run as facility
 * staff of the client's facility, with the call on the audit trail (with the call's first
 * entry, or alone at its end).
 */
final class MachineClientCall {

    private MachineClientCall() {
    }

    static void proceed(StaffUser client, AuditTrail audit, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        StaffPrincipal principal = new StaffPrincipal(client, "");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        audit.holdCallEntry(request, client.username(), "API_CALL", "FACILITY", client.facilityCode(),
                request.getMethod() + " " + request.getRequestURI());
        try {
            chain.doFilter(request, response);
        } finally {
            audit.writeHeldCallEntry(request);
        }
    }
}
