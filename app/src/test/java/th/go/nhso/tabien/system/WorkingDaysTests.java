package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the holiday files Tabien ships. */
class WorkingDaysTests {

    private final HolidayCalendar holidays = HolidayCalendar.loadFromClasspath();
    private final WorkingDays workingDays = new WorkingDays(holidays);

    @ParameterizedTest
    @ValueSource(ints = {2023, 2024, 2025, 2026, 2027})
    void shipsTheHolidaysOfBuddhistYears2566To2570(int year) {
        assertThat(holidays.covers(year)).isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(year, 4, 13))).as("Songkran %d", year).isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(year, 12, 5))).as("5 December %d", year).isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(year, 1, 1))).as("New Year %d", year).isTrue();
    }

    @Test
    void seedDeadlineOfSixWorkingDaysSkipsTheWeekend() {
        // seed 001: a request received on Friday 24 March 2566 is due on Monday 3 April 2566
        LocalDate received = LocalDate.of(2023, 3, 24);
        assertThat(received.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(workingDays.plusWorkingDays(received, 6)).isEqualTo(LocalDate.of(2023, 4, 3));
    }

    @Test
    void songkranDoesNotCount() {
        // Wed 12 April 2566 + 1 working day: Songkran 13–15, the weekend and Monday 17 (the
        // substitute for Saturday 15 April) are skipped
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2023, 4, 12), 1)).isEqualTo(LocalDate.of(2023, 4, 18));
        assertThat(workingDays.isWorkingDay(LocalDate.of(2023, 4, 13))).isFalse();
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 6, 1))).isFalse();      // Saturday
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 6, 2))).isFalse();      // Sunday
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 6, 3))).isFalse();      // Queen Suthida's birthday
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 6, 4))).isTrue();
    }

    @Test
    void countsWorkingDaysBetweenTwoDatesBothWays() {
        LocalDate friday = LocalDate.of(2023, 3, 24);
        LocalDate due = workingDays.plusWorkingDays(friday, 15);
        assertThat(workingDays.workingDaysBetween(friday, due)).isEqualTo(15);
        assertThat(workingDays.workingDaysBetween(due, friday)).isEqualTo(-15);
        assertThat(workingDays.workingDaysBetween(friday, friday)).isZero();
    }

    @Test
    void zeroWorkingDaysIsTheSameDay() {
        LocalDate day = LocalDate.of(2025, 7, 1);
        assertThat(workingDays.plusWorkingDays(day, 0)).isEqualTo(day);
    }

    @Test
    void outsideTheShippedYearsOnlyWeekendsCount() {
        assertThat(holidays.covers(2040)).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2040, 4, 13))).isTrue();   // a Friday, Songkran unknown
        assertThat(workingDays.isWorkingDay(LocalDate.of(2040, 4, 14))).isFalse();  // Saturday
    }
}
