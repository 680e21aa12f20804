package th.go.nhso.tabien.system;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user must understand. It carries a message code, not a text, so the same
 * refusal can be told in Thai and in English (see {@link BilingualMessages}).
 */
public class TabienException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;

    public TabienException(HttpStatus status, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
    }

    public static TabienException invalid(String code, Object... args) {
        return new TabienException(HttpStatus.BAD_REQUEST, code, args);
    }

    public static TabienException notFound(String code, Object... args) {
        return new TabienException(HttpStatus.NOT_FOUND, code, args);
    }

    public static TabienException forbidden(String code, Object... args) {
        return new TabienException(HttpStatus.FORBIDDEN, code, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
