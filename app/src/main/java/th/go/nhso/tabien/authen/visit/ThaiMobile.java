package th.go.nhso.tabien.authen.visit;

import th.go.nhso.tabien.system.TabienException;

/** A Thai mobile number: 10 digits starting 06, 08 or 09; +66 and dashes are accepted on input. */
final class ThaiMobile {

    private ThaiMobile() {
    }

    static String normalise(String typed) {
        String digits = typed == null ? "" : typed.replaceAll("[\\s()-]", "");
        if (digits.startsWith("+66")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("66") && digits.length() == 11) {
            digits = "0" + digits.substring(2);
        }
        if (!digits.matches("0[689]\\d{8}")) {
            throw TabienException.invalid("authen.phoneInvalid", typed);
        }
        return digits;
    }
}
