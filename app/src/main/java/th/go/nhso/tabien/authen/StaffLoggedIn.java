package th.go.nhso.tabien.authen;

import java.time.OffsetDateTime;

/**
 * Published after every successful login, whichever way it came (the local form or Basic
 * login, the OIDC login, or a login Keycloak reported in its events), so the inactivity
 * lock counts from it. {@code previousLoginAt} is the login before this one when the
 * directory knows it (null otherwise).
 */
public record StaffLoggedIn(String username, OffsetDateTime at, OffsetDateTime previousLoginAt) {

    public StaffLoggedIn(String username, OffsetDateTime at) {
        this(username, at, null);
    }

    /**
     * An API client logs in on every call; its activity needs recording at most once an hour
     * (the lock counts in months), and a previous login within the hour was recorded by then.
     */
    public boolean recordedWithinTheHour() {
        return previousLoginAt != null && previousLoginAt.isAfter(at.minusHours(1));
    }
}
