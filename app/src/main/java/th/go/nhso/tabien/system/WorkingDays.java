package th.go.nhso.tabien.system;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts Thai government working days: Monday to Friday, less the public holidays. The
 * access process counts its 15-day SLA with this, through the Camunda business calendar.
 */
public class WorkingDays {

    private static final Logger log = LoggerFactory.getLogger(WorkingDays.class);

    private final HolidayCalendar holidays;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    public WorkingDays(HolidayCalendar holidays) {
        this.holidays = holidays;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (!holidays.covers(date.getYear()) && warnedYears.add(date.getYear())) {
            log.warn("No holiday file for {} (BE {}): counting weekends only. Add reference/holidays/{}.csv",
                    date.getYear(), date.getYear() + ThaiDates.BE_OFFSET, date.getYear() + ThaiDates.BE_OFFSET);
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.isHoliday(date);
    }

    /**
     * The working day that is {@code days} working days after {@code start}; the start day
     * itself is day zero, as in "within 15 working days of receipt".
     */
    public LocalDate plusWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate date = start;
        for (int left = days; left > 0; ) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
