package th.go.nhso.tabien.authen;

import org.springframework.security.authentication.AccountStatusException;

/** The password was right but {@link LoginPolicy} refuses the login, for the reason it carries. */
public class LoginRefusedException extends AccountStatusException {

    private final transient LoginRefusal reason;
    private final String username;

    LoginRefusedException(LoginRefusal reason, String username) {
        super("Login refused: " + reason);
        this.reason = reason;
        this.username = username;
    }

    public LoginRefusal reason() {
        return reason;
    }

    public String username() {
        return username;
    }
}
