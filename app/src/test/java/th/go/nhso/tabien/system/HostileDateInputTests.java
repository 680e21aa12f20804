package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.time.api.Dates;
import org.springframework.core.io.ByteArrayResource;

import th.go.nhso.tabien.support.HostileInputs;

/** Dates as people type them (either era, Thai month names, Thai digits) and anything else; the reference CSV reader. */
class HostileDateInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Property(tries = 3000)
    void aTypedDateIsADateOrRefusedInBothLanguages(@ForAll("typedDates") String typed) {
        HostileInputs.counted("system: ThaiDates.parse");
        Throwable thrown = catchThrowable(() -> assertThat(ThaiDates.parse(typed)).isNotNull());
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(TabienException.class);
            assertThat(((TabienException) thrown).code()).isEqualTo("date.invalid");
            HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
        }
    }

    @Property(tries = 1000)
    void whatThaiDatesWritesItReadsBack(@ForAll("days") LocalDate day) {
        HostileInputs.counted("system: ThaiDates round trip");
        assertThat(ThaiDates.parse(ThaiDates.formatShort(day))).isEqualTo(day);
        assertThat(ThaiDates.parse(ThaiDates.format(day, ThaiDates.THAI))).isEqualTo(day);
        if (day.getYear() < 2400) {
            // a year of 2400 or more is read as BE by design
            assertThat(ThaiDates.parse(" " + day + " ")).isEqualTo(day);
        }
        assertThat(ThaiDates.parse((day.getYear() + ThaiDates.BE_OFFSET) + day.toString().substring(4))).isEqualTo(day);
    }

    @Property(tries = 300)
    void aReferenceCsvOfAnyBytesReadsAsRowsUnderItsHeader(@ForAll("csvBytes") byte[] file) {
        HostileInputs.counted("system: CsvFile.read");
        List<Map<String, String>> rows = CsvFile.read(new ByteArrayResource(file, "fuzzed"));
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.isBlank() || text.lines().count() <= 1) {
            assertThat(rows).isEmpty();
        }
        rows.forEach(row -> row.values().forEach(cell -> assertThat(cell == null || !cell.isBlank()).isTrue()));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Dates.dates().between(LocalDate.of(1900, 1, 1), LocalDate.of(2500, 12, 31));
    }

    @Provide
    Arbitrary<String> typedDates() {
        Arbitrary<Integer> d = Arbitraries.integers().between(-1, 40);
        Arbitrary<Integer> m = Arbitraries.integers().between(-1, 14);
        Arbitrary<Integer> y = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999),
                Arbitraries.integers().between(2390, 2620), Arbitraries.integers().between(1850, 2100));
        Arbitrary<String> sep = Arbitraries.of("/", "-", ".", " ", "", "//", "／");
        Arbitrary<String> numeric = Combinators.combine(d, m, y, sep, Arbitraries.of(true, false))
                .as((dd, mm, yy, s, dayFirst) -> dayFirst
                        ? String.format(Locale.ROOT, "%02d%s%02d%s%d", dd, s, mm, s, yy)
                        : String.format(Locale.ROOT, "%d%s%d%s%d", yy, s, mm, s, dd));
        Arbitrary<String> words = Combinators.combine(d, Arbitraries.of("มกราคม", "กุมภาพันธ์", "มี.ค.", "ธ.ค.", "มีนา",
                        "January", "", "พ.ศ."), y, Arbitraries.of(" ", "  ", " พ.ศ. ", "\u00A0"))
                .as((dd, month, yy, s) -> dd + s + month + s + yy);
        return Arbitraries.oneOf(numeric, numeric.map(HostileInputs::thaiDigits), words, words.map(HostileInputs::thaiDigits),
                HostileInputs.oddText(), Arbitraries.just(null),
                Arbitraries.strings().withChars('9', '/').ofMinLength(1).ofMaxLength(30));
    }

    @Provide
    Arbitrary<byte[]> csvBytes() {
        byte[] holidays = "date,name_th\n2026-01-01,วันขึ้นปีใหม่\n\n2026-04-13,\"สงกรานต์, ๑\"\n".getBytes(StandardCharsets.UTF_8);
        return Arbitraries.oneOf(HostileInputs.randomBytes(512), HostileInputs.mutated(holidays), Arbitraries.just(new byte[0]),
                Arbitraries.just("\uFEFF".getBytes(StandardCharsets.UTF_8)));
    }
}
