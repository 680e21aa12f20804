package th.go.nhso.tabien.authen;

import java.time.OffsetDateTime;

/**
 * Published after every successful login, whichever way it came (the local form or Basic
 * login, the OIDC login, or a login Keycloak reported in its events), so the inactivity
 * lock counts from it.
 */
public record StaffLoggedIn(String username, OffsetDateTime at) {
}
