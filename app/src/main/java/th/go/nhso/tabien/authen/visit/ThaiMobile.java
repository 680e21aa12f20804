package th.go.nhso.tabien.authen.visit;

import java.util.regex.Pattern;

import th.go.nhso.tabien.system.TabienException;

/** A Thai mobile number: 10 digits starting 06, 08 or 09; +66 and dashes are accepted on input. */
public final class ThaiMobile {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s()-]");
    private static final Pattern MOBILE = Pattern.compile("0[689]\\d{8}");

    private ThaiMobile() {
    }

    /** The ten digits, e.g. 0812345678. @throws TabienException {@code authen.phoneInvalid} for anything else */
    public static String normalise(String typed) {
        String digits = typed == null ? "" : SEPARATORS.matcher(typed).replaceAll("");
        if (digits.startsWith("+66")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("66") && digits.length() == 11) {
            digits = "0" + digits.substring(2);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw TabienException.invalid("authen.phoneInvalid", typed);
        }
        return digits;
    }

    public static boolean isValid(String typed) {
        try {
            normalise(typed);
            return true;
        } catch (TabienException e) {
            return false;
        }
    }
}
