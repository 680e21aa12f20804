package th.go.nhso.tabien.authen.visit.card;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import th.go.nhso.tabien.registry.NationalId;

/**
 * Decodes the raw answers of the Thai national ID card applet (AID A0 00 00 00 54 48 00 01) into a
 * {@link ThaiIdCard}. Pure functions, no I/O: {@link CardReader} talks to the card, this class only
 * reads bytes. Strict where Tabien relies on the value, the citizen ID; lenient with the rest, so
 * one odd field on an old card does not keep the counter from reading the ID.
 */
public final class ThaiIdCardParser {

    /** The applet's fields, each with the READ BINARY command that fetches it. */
    public enum Field {
        /** Citizen ID, 13 ASCII digits. */
        CID(0x00, 0x04, 0x0D),
        /** "title#first#middle#last" in Thai. */
        NAME_TH(0x00, 0x11, 0x64),
        /** "title#first#middle#last" in English. */
        NAME_EN(0x00, 0x75, 0x64),
        /** Buddhist-era yyyyMMdd. */
        BIRTH_DATE(0x00, 0xD9, 0x08),
        /** '1' male, '2' female. */
        GENDER(0x00, 0xE1, 0x01),
        /** Buddhist-era yyyyMMdd. */
        ISSUE_DATE(0x01, 0x67, 0x08),
        /** Buddhist-era yyyyMMdd. */
        EXPIRY_DATE(0x01, 0x6F, 0x08),
        /** House number, village, lane, road, ..., sub-district, district, province, '#'-separated. */
        ADDRESS(0x15, 0x79, 0x64);

        private final byte[] readCommand;

        Field(int p1, int p2, int le) {
            // The applet's own READ BINARY: P1 P2 is the offset, and the length travels as data
            // (Lc 02, data 00 <le>) rather than as an ISO Le byte.
            readCommand = new byte[] {(byte) 0x80, (byte) 0xB0, (byte) p1, (byte) p2, 0x02, 0x00, (byte) le};
        }

        /** {@code 80 B0 <p1> <p2> 02 00 <le>}, a fresh copy each call. */
        public byte[] readCommand() {
            return readCommand.clone();
        }
    }

    // TIS-620 lives in module jdk.charsets ("x-TIS-620" is no name on JDK 17); a runtime trimmed
    // without that module still decodes through the table below.
    private static final Charset TIS_620 = Charset.isSupported("TIS-620") ? Charset.forName("TIS-620") : null;
    private static final int BUDDHIST_ERA_OFFSET = 543;

    private ThaiIdCardParser() {
    }

    /**
     * One card read, decoded.
     *
     * @param responses each field's data as the card answered its READ BINARY (after GET RESPONSE
     *                  where the card asked for one); a trailing status word 90 00 may be left on
     * @throws IllegalArgumentException when a field is missing, or "card returned an invalid ID"
     *                                  when the citizen ID is not 13 digits with a right check digit
     */
    public static ThaiIdCard parse(Map<Field, byte[]> responses) {
        String id = text(response(responses, Field.CID));
        if (!NationalId.isValid(id)) {
            throw new IllegalArgumentException("card returned an invalid ID");
        }
        String[] th = nameParts(text(response(responses, Field.NAME_TH)));
        String[] en = nameParts(text(response(responses, Field.NAME_EN)));
        return new ThaiIdCard(id, th[0], th[1], th[2], th[3], en[0], en[1], en[2], en[3],
                date(text(response(responses, Field.BIRTH_DATE))),
                sex(text(response(responses, Field.GENDER))),
                address(text(response(responses, Field.ADDRESS))),
                date(text(response(responses, Field.ISSUE_DATE))),
                date(text(response(responses, Field.EXPIRY_DATE))));
    }

    private static byte[] response(Map<Field, byte[]> responses, Field field) {
        byte[] response = responses.get(field);
        if (response == null) {
            throw new IllegalArgumentException("no card response for " + field);
        }
        return response;
    }

    /** A text field without its status word 90 00 and the card's padding (spaces, sometimes NULs). */
    static String text(byte[] response) {
        int end = response.length;
        if (end >= 2 && response[end - 2] == (byte) 0x90 && response[end - 1] == 0x00) {
            end -= 2;
        }
        byte[] data = Arrays.copyOf(response, end);
        String text = TIS_620 != null ? new String(data, TIS_620) : decodeTis620ByTable(data);
        return text.replace('\0', ' ').strip();
    }

    /**
     * TIS-620 by its definition, as the JDK decodes it: ASCII below 0x80, the Thai block at
     * 0xA1–0xDA and 0xDF–0xFB mapped onto U+0E01–U+0E5B, U+FFFD for the unassigned bytes.
     */
    static String decodeTis620ByTable(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            boolean thai = (c >= 0xA1 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB);
            text.append((char) (c < 0x80 || c == 0xA0 ? c : thai ? c + 0x0D60 : 0xFFFD));
        }
        return text.toString();
    }

    /**
     * "title#first#middle#last" as {title, first, middle, last}, blanks for absent parts. The last
     * part is always the last name, so a card that leaves the middle slot out still reads right.
     */
    static String[] nameParts(String name) {
        String[] parts = name.split("#", -1);
        String title = parts[0].strip();
        String first = parts.length > 1 ? parts[1].strip() : "";
        String last = parts.length > 2 ? parts[parts.length - 1].strip() : "";
        String middle = parts.length > 3
                ? String.join(" ", Arrays.copyOfRange(parts, 2, parts.length - 1)).strip() : "";
        return new String[] {title, first, middle, last};
    }

    /** The '#'-separated address parts as one line; the card leaves unused parts empty. */
    static String address(String address) {
        return Arrays.stream(address.split("#"))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" "))
                .replaceAll("\\s+", " ");
    }

    static String sex(String code) {
        return switch (code) {
            case "1" -> "M";
            case "2" -> "F";
            default -> null;
        };
    }

    /**
     * A Buddhist-era yyyyMMdd date in the Christian era (25330314 → 1990-03-14). Null when the card
     * holds no date: blank, all zeros, all nines (a placeholder, not a date), or anything that is
     * not a date.
     */
    static LocalDate date(String yyyymmdd) {
        if (!yyyymmdd.matches("\\d{8}") || yyyymmdd.matches("0{8}|9{8}")) {
            return null;
        }
        int year = Integer.parseInt(yyyymmdd.substring(0, 4)) - BUDDHIST_ERA_OFFSET;
        // A person whose birth was registered late may have only the year, or year and month, on
        // record, and the card then holds 00 for what is unknown. We read 00 as January / the 1st
        // and carry no flag: a LocalDate cannot say "unknown", the counter uses the date only to
        // check the person and compute an age, and the authen request identifies the person by
        // citizen ID, not birth date. So a partial date cannot be told apart from this record.
        int month = Math.max(1, Integer.parseInt(yyyymmdd.substring(4, 6)));
        int day = Math.max(1, Integer.parseInt(yyyymmdd.substring(6, 8)));
        try {
            return year < 1 ? null : LocalDate.of(year, month, day);
        } catch (DateTimeException notADate) {
            return null;
        }
    }
}
