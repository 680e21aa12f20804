package th.go.nhso.tabien.system;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Thai public holidays, one file a year under {@code reference/holidays/<BE year>.csv}
 * ({@code date,name_th,name_en}). Cabinet adds special holidays during the year: an admin
 * edits the file, nothing else changes.
 */
public final class HolidayCalendar {

    private final Map<LocalDate, String> holidays;
    private final Set<Integer> coveredYears;

    HolidayCalendar(Map<LocalDate, String> holidays, Set<Integer> coveredYears) {
        this.holidays = Collections.unmodifiableMap(new TreeMap<>(holidays));
        this.coveredYears = Set.copyOf(coveredYears);
    }

    public static HolidayCalendar loadFromClasspath() {
        Map<LocalDate, String> holidays = new TreeMap<>();
        Set<Integer> years = new HashSet<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:reference/holidays/*.csv")) {
                String name = file.getFilename();
                years.add(Integer.parseInt(name.substring(0, name.indexOf('.'))) - ThaiDates.BE_OFFSET);
                CsvFile.read(file).forEach(row -> holidays.put(LocalDate.parse(row.get("date")), row.get("name_th")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the holiday files", e);
        }
        return new HolidayCalendar(holidays, years);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.containsKey(date);
    }

    /** The Thai name of the holiday, or null on an ordinary day. */
    public String nameOf(LocalDate date) {
        return holidays.get(date);
    }

    /** Whether the calendar knows this (CE) year's holidays; outside it only weekends count. */
    public boolean covers(int year) {
        return coveredYears.contains(year);
    }

    public Map<LocalDate, String> all() {
        return holidays;
    }
}
