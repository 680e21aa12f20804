package th.go.nhso.tabien.entitlement;

import th.go.nhso.tabien.system.TabienException;

/** The whole file is refused (not CSV/XLSX, wrong columns, formulas, empty): nothing is applied. */
public class UnreadableFeedException extends TabienException {

    public UnreadableFeedException(String code, Object... args) {
        super(org.springframework.http.HttpStatus.BAD_REQUEST, code, args);
    }
}
