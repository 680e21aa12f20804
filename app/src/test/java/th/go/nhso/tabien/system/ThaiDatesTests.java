package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThaiDatesTests {

    private static final LocalDate SEED_DAY = LocalDate.of(2023, 3, 16);

    @Test
    void showsTheBuddhistEraInThai() {
        assertThat(ThaiDates.format(SEED_DAY, BilingualMessages.THAI)).isEqualTo("16 มีนาคม 2566");
        assertThat(ThaiDates.format(LocalDate.of(2027, 12, 31), BilingualMessages.THAI)).isEqualTo("31 ธันวาคม 2570");
    }

    @Test
    void showsTheChristianEraInEnglish() {
        assertThat(ThaiDates.format(SEED_DAY, Locale.ENGLISH)).isEqualTo("16 March 2023");
    }

    @Test
    void showsInstantsInBangkokTime() {
        OffsetDateTime utcEvening = OffsetDateTime.of(2023, 3, 16, 20, 5, 0, 0, ZoneOffset.UTC);
        assertThat(ThaiDates.format(utcEvening, BilingualMessages.THAI)).isEqualTo("17 มีนาคม 2566 03:05");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16/03/2566", "16/03/2023", "16-3-2566", "16.03.2023", "2023-03-16", "2566-03-16",
            "16 มีนาคม 2566", "16 มี.ค. 2566", "16 มีนาคม พ.ศ. 2566", " 16/3/2566 "})
    void readsEitherEraInTheFormsPeopleType(String typed) {
        assertThat(ThaiDates.parse(typed)).isEqualTo(SEED_DAY);
    }

    @Test
    void roundTripsEveryDayOfALeapYearThroughEveryFormat() {
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() == 2024; d = d.plusDays(1)) {
            assertThat(ThaiDates.parse(ThaiDates.format(d, BilingualMessages.THAI))).isEqualTo(d);
            assertThat(ThaiDates.parse(ThaiDates.formatShort(d))).isEqualTo(d);
        }
    }

    @Test
    void formatsTheShortFormWithTheBuddhistYear() {
        assertThat(ThaiDates.formatShort(SEED_DAY)).isEqualTo("16/03/2566");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "31/02/2566", "16/13/2566", "16 Foo 2566", "2566/03/16", "16/03/66"})
    void refusesWhatIsNotADate(String typed) {
        assertThatThrownBy(() -> ThaiDates.parse(typed))
                .isInstanceOf(TabienException.class)
                .extracting(e -> ((TabienException) e).code()).isEqualTo("date.invalid");
    }
}
