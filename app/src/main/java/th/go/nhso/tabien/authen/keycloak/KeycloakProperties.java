package th.go.nhso.tabien.authen.keycloak;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Keycloak account directory is and how Tabien calls it (profile {@code keycloak}):
 * the {@code tabien} client's service account, which holds manage-users, view-users,
 * query-users and view-events in the realm. The secret only ever comes from the environment
 * ({@code KEYCLOAK_CLIENT_SECRET}).
 *
 * @param serverUrl       the server's base URL, e.g. {@code http://keycloak:8180}
 * @param realm           the realm holding the staff accounts
 * @param clientId        the confidential client whose service account Tabien uses
 * @param clientSecret    that client's secret
 * @param connectTimeout  how long to wait for a connection before the directory counts as unreachable
 * @param readTimeout     how long to wait for an answer
 * @param eventsPollDelay how often the login events are read from Keycloak
 */
@ConfigurationProperties("tabien.keycloak")
public record KeycloakProperties(@DefaultValue("http://localhost:8180") String serverUrl,
                                 @DefaultValue("tabien") String realm,
                                 @DefaultValue("tabien") String clientId,
                                 String clientSecret,
                                 @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("30s") Duration readTimeout,
                                 @DefaultValue("60s") Duration eventsPollDelay) {
}
