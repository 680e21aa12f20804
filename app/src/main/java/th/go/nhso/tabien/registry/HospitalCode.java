package th.go.nhso.tabien.registry;

import java.util.regex.Pattern;

import th.go.nhso.tabien.system.TabienException;

/** A facility's 5-digit Ministry of Public Health code (hcode), e.g. 10670 for Khon Kaen Hospital. */
public record HospitalCode(String value) {

    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5}");

    public HospitalCode {
        if (value == null || !FIVE_DIGITS.matcher(value).matches()) {
            throw TabienException.invalid("hospitalCode.invalid", value);
        }
    }

    public static HospitalCode parse(String text) {
        return new HospitalCode(text == null ? "" : text.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
