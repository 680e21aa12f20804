package th.go.nhso.tabien.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user must understand. It carries a message code, not a text, so the same
 * refusal can be told in Thai and in English (see {@link BilingualMessages}).
 */
public class TabienException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;
    private final transient Map<String, Object> properties = new LinkedHashMap<>();

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

    /** Understood, but the rules refuse it (unknown person, no right in force): 422. */
    public static TabienException unprocessable(String code, Object... args) {
        return new TabienException(HttpStatus.UNPROCESSABLE_ENTITY, code, args);
    }

    public static TabienException conflict(String code, Object... args) {
        return new TabienException(HttpStatus.CONFLICT, code, args);
    }

    /** A fact a machine client needs besides the message, e.g. the certificate number of the first filing. */
    public TabienException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
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
