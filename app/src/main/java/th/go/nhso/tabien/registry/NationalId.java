package th.go.nhso.tabien.registry;

import java.util.regex.Pattern;

import th.go.nhso.tabien.system.TabienException;

/**
 * The 13-digit Thai personal identification number (PID), checked once here and trusted
 * everywhere else. The last digit is a check digit: d13 = (11 − Σ d_i·(14−i) mod 11) mod 10.
 */
public record NationalId(String value) {

    /** Compiled once: the counter parses an ID on every request. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    public NationalId {
        Problem problem = problemWith(value);
        if (problem != null) {
            throw TabienException.invalid("nationalId.invalid." + problem.name(), value);
        }
    }

    /** Reads an ID as people type it: dashes and spaces (1-1037-00012-34-9) are dropped. */
    public static NationalId parse(String text) {
        return new NationalId(text == null ? "" : SEPARATORS.matcher(text).replaceAll(""));
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /** What is wrong with a candidate ID, or null when it is a valid PID. */
    public static Problem problemWith(String value) {
        if (value == null || value.isBlank()) {
            return Problem.EMPTY;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Problem.NOT_DIGITS;
        }
        if (value.length() != 13) {
            return Problem.WRONG_LENGTH;
        }
        if (Category.of(value.charAt(0)) == null) {
            return Problem.UNKNOWN_CATEGORY;
        }
        return checkDigit(value.substring(0, 12)) == value.charAt(12) - '0' ? null : Problem.BAD_CHECKSUM;
    }

    /** The check digit for the first twelve digits; used to make valid IDs for new persons and tests. */
    public static int checkDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelveDigits.charAt(i) - '0') * (13 - i);
        }
        return (11 - sum % 11) % 10;
    }

    public Category category() {
        return Category.of(value.charAt(0));
    }

    /** 1-2345-67890-12-3, the way it is printed on the ID card. */
    public String formatted() {
        return value.charAt(0) + "-" + value.substring(1, 5) + "-" + value.substring(5, 10) + "-"
                + value.substring(10, 12) + "-" + value.charAt(12);
    }

    @Override
    public String toString() {
        return value;
    }

    public enum Problem { EMPTY, NOT_DIGITS, WRONG_LENGTH, UNKNOWN_CATEGORY, BAD_CHECKSUM }

    /** The person category the first digit encodes (Ministry of Interior). */
    public enum Category {
        /** 0: persons without Thai status registered in the survey of stateless persons. */
        WITHOUT_STATUS(false),
        /** 1–5: Thai nationals (born and registered in time, late, before 1984, moved in, added later). */
        THAI(true),
        /** 6: foreigners staying temporarily or entered without permission. */
        FOREIGN_RESIDENT(false),
        /** 7: children of category 6 born in Thailand. */
        CHILD_OF_FOREIGN_RESIDENT(false),
        /** 8: foreigners with permanent residence and naturalised Thais. */
        PERMANENT_OR_NATURALISED(false);

        private final boolean thaiNational;

        Category(boolean thaiNational) {
            this.thaiNational = thaiNational;
        }

        public boolean isThaiNational() {
            return thaiNational;
        }

        static Category of(char firstDigit) {
            return switch (firstDigit) {
                case '0' -> WITHOUT_STATUS;
                case '1', '2', '3', '4', '5' -> THAI;
                case '6' -> FOREIGN_RESIDENT;
                case '7' -> CHILD_OF_FOREIGN_RESIDENT;
                case '8' -> PERMANENT_OR_NATURALISED;
                default -> null;
            };
        }
    }
}
