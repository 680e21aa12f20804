package th.go.nhso.tabien.authen.keycloak;

import org.springframework.http.HttpStatus;

import th.go.nhso.tabien.system.TabienException;

/**
 * Keycloak could not be reached or failed (connection refused, time-out, 5xx). Thrown from
 * every directory call, so an {@code asyncBefore} provisioning step fails, is retried by
 * the job executor and ends as an incident whose message says what happened in both languages.
 */
public class DirectoryUnavailableException extends TabienException {

    public DirectoryUnavailableException(String serverUrl, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "directory.unavailable", serverUrl);
        initCause(cause);
    }

    /** Both languages, with no message source at hand: job executor logs and Cockpit incidents show this text. */
    @Override
    public String getMessage() {
        String url = String.valueOf(args()[0]);
        return "ติดต่อระบบบัญชีผู้ใช้ (Keycloak) ที่ " + url + " ไม่ได้ กรุณาลองใหม่ภายหลัง"
                + " / The account directory (Keycloak) at " + url + " cannot be reached; try again later"
                + (getCause() == null ? "" : " (" + getCause().getClass().getSimpleName() + ": " + getCause().getMessage() + ")");
    }
}
