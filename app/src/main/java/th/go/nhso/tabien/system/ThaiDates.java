package th.go.nhso.tabien.system;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one formatter and parser for dates that people read or type. Thai shows the Buddhist
 * era (16 มีนาคม 2566); people type either era, so a year of 2400 or more is read as BE.
 */
public final class ThaiDates {

    public static final int BE_OFFSET = 543;
    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    public static final Locale THAI = Locale.forLanguageTag("th");

    private static final List<String> MONTHS = List.of(
            "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
            "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม");
    private static final List<String> SHORT_MONTHS = List.of(
            "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
            "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern WORDS = Pattern.compile("(\\d{1,2})\\s+(\\S+)\\s+(?:พ\\.ศ\\.\\s*)?(\\d{4})");

    private ThaiDates() {
    }

    /** "16 มีนาคม 2566" in Thai, "16 March 2023" in any other language. */
    public static String format(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        if (isThai(locale)) {
            return date.getDayOfMonth() + " " + MONTHS.get(date.getMonthValue() - 1) + " " + (date.getYear() + BE_OFFSET);
        }
        return date.getDayOfMonth() + " " + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getYear();
    }

    /** Date and Bangkok time of an instant, e.g. "16 มีนาคม 2566 14:05". */
    public static String format(OffsetDateTime time, Locale locale) {
        if (time == null) {
            return "";
        }
        var local = time.atZoneSameInstant(BANGKOK);
        return format(local.toLocalDate(), locale) + String.format(" %02d:%02d", local.getHour(), local.getMinute());
    }

    /** "มี.ค. 2566" in Thai, "Mar 2023" in any other language: the month labels of charts and tables. */
    public static String formatMonth(java.time.YearMonth month, Locale locale) {
        if (isThai(locale)) {
            return SHORT_MONTHS.get(month.getMonthValue() - 1) + " " + (month.getYear() + BE_OFFSET);
        }
        return month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + month.getYear();
    }

    /** "16/03/2566": the short form Thai forms and Excel sheets use. */
    public static String formatShort(LocalDate date) {
        return date == null ? "" : String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear() + BE_OFFSET);
    }

    /**
     * Reads 16/03/2566, 16/03/2023, 2023-03-16, 2566-03-16, 16 มีนาคม 2566 or 16 มี.ค. 2566.
     *
     * @throws TabienException with code {@code date.invalid} for anything else
     */
    public static LocalDate parse(String text) {
        String raw = text == null ? "" : text.strip();
        try {
            Matcher m = DAY_MONTH_YEAR.matcher(raw);
            if (m.matches()) {
                return of(m.group(3), Integer.parseInt(m.group(2)), m.group(1));
            }
            m = YEAR_MONTH_DAY.matcher(raw);
            if (m.matches()) {
                return of(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
            }
            m = WORDS.matcher(raw);
            if (m.matches()) {
                int month = monthOf(m.group(2));
                if (month > 0) {
                    return of(m.group(3), month, m.group(1));
                }
            }
        } catch (DateTimeException e) {
            throw TabienException.invalid("date.invalid", raw);
        }
        throw TabienException.invalid("date.invalid", raw);
    }

    public static boolean isThai(Locale locale) {
        return locale == null || "th".equals(locale.getLanguage());
    }

    private static LocalDate of(String year, int month, String day) {
        int y = Integer.parseInt(year);
        return LocalDate.of(y >= 2400 ? y - BE_OFFSET : y, month, Integer.parseInt(day));
    }

    private static int monthOf(String word) {
        int full = MONTHS.indexOf(word);
        return full >= 0 ? full + 1 : SHORT_MONTHS.indexOf(word) + 1;
    }
}
