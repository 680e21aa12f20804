package th.go.nhso.tabien.authen;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer} for machine clients when accounts live in an OIDC server:
 * an access token of the client-credentials grant. The client's facility comes in the
 * token's {@value #FACILITY_CLAIM} claim (in Keycloak a hardcoded-claim mapper on the
 * client), and the call runs as facility staff of that facility, audited like an API key's.
 * An invalid or expired token is refused (401), a token without a facility too (403).
 */
public class ClientTokenFilter extends OncePerRequestFilter {

    public static final String FACILITY_CLAIM = "hcode";
    private static final String BEARER = "Bearer ";

    private final JwtDecoder tokens;
    private final AuditTrail audit;

    public ClientTokenFilter(JwtDecoder tokens, AuditTrail audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Jwt token;
        try {
            token = tokens.decode(header.substring(BEARER.length()).strip());
        } catch (JwtDecoderInitializationException serverUnreachable) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The token issuer cannot be reached");
            return;
        } catch (JwtException invalid) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Invalid or expired access token");
            return;
        }
        // Keycloak names the client in azp; other servers (RFC 9068) in client_id
        String client = token.hasClaim("azp") ? token.getClaimAsString("azp") : token.getClaimAsString("client_id");
        String facility = token.getClaimAsString(FACILITY_CLAIM);
        if (client == null || facility == null || facility.isBlank()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The client has no facility (claim " + FACILITY_CLAIM + ")");
            return;
        }
        MachineClientCall.proceed(new StaffUser("client:" + client, client, Role.FACILITY_STAFF, facility.strip(), null, null),
                audit, request, response, chain);
    }
}
