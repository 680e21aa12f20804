package th.go.nhso.tabien.authen.keycloak;

import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.AuditTrail;
import th.go.nhso.tabien.authen.ClientTokenFilter;
import th.go.nhso.tabien.authen.SecurityConfig;

/**
 * Hospital systems and kiosks of the keycloak profile: one confidential client per facility
 * with the client-credentials grant (service account) and a hardcoded {@code hcode} claim;
 * its access tokens open the JSON API as that facility. API keys keep working beside them.
 */
@Component
@Profile("keycloak")
class KeycloakMachineClients implements SecurityConfig.ApiLogin {

    private final JwtDecoder tokens;
    private final AuditTrail audit;

    KeycloakMachineClients(ClientRegistrationRepository registrations, AuditTrail audit) {
        String issuer = registrations.findByRegistrationId(KeycloakLogin.REGISTRATION).getProviderDetails().getIssuerUri();
        // the realm's keys are fetched at the first token, not at start: Tabien starts while Keycloak is down
        this.tokens = new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
        this.audit = audit;
    }

    @Override
    public void configure(HttpSecurity http) {
        http.addFilterBefore(new ClientTokenFilter(tokens, audit), BasicAuthenticationFilter.class);
    }
}
