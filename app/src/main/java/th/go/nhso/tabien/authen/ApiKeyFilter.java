package th.go.nhso.tabien.authen;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-API-Key} for machine clients: the key becomes facility staff of its facility for
 * this one request, and the call goes on the audit trail (with the call's first entry, or
 * alone at its end). A wrong or revoked key is refused.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final ApiClients clients;
    private final AuditTrail audit;

    ApiKeyFilter(ApiClients clients, AuditTrail audit) {
        this.clients = clients;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        var user = clients.authenticate(key.strip());
        if (user.isEmpty()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unknown or revoked API key");
            return;
        }
        MachineClientCall.proceed(user.get(), audit, request, response, chain);
    }
}
