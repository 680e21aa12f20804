package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.io.ByteArrayResource;

import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;

/** Dates as people type them (either era, Thai month names, Thai digits) and anything else; the reference CSV reader. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileDateInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Test
    void aTypedDateIsADateOrRefusedInBothLanguages() {
        HostileInputs.forAll("ThaiDates.parse", 3000, typedDates(), typed -> {
            HostileInputs.counted("system: ThaiDates.parse");
            Throwable thrown = catchThrowable(() -> assertThat(ThaiDates.parse(typed)).isNotNull());
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(TabienException.class);
                assertThat(((TabienException) thrown).code()).isEqualTo("date.invalid");
                HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
            }
        });
    }

    @Test
    void whatThaiDatesWritesItReadsBack() {
        HostileInputs.forAll("ThaiDates round trip", 1000, Gen.dates(LocalDate.of(1900, 1, 1), LocalDate.of(2500, 12, 31)), day -> {
            HostileInputs.counted("system: ThaiDates round trip");
            assertThat(ThaiDates.parse(ThaiDates.formatShort(day))).isEqualTo(day);
            assertThat(ThaiDates.parse(ThaiDates.format(day, ThaiDates.THAI))).isEqualTo(day);
            if (day.getYear() < 2400) {
                // a year of 2400 or more is read as BE by design
                assertThat(ThaiDates.parse(" " + day + " ")).isEqualTo(day);
            }
            assertThat(ThaiDates.parse((day.getYear() + ThaiDates.BE_OFFSET) + day.toString().substring(4))).isEqualTo(day);
        });
    }

    @Test
    void aReferenceCsvOfAnyBytesReadsAsRowsUnderItsHeader() {
        HostileInputs.forAll("CsvFile.read", 300, csvBytes(), file -> {
            HostileInputs.counted("system: CsvFile.read");
            List<Map<String, String>> rows = CsvFile.read(new ByteArrayResource(file, "fuzzed"));
            String text = new String(file, StandardCharsets.UTF_8);
            if (text.isBlank() || text.lines().count() <= 1) {
                assertThat(rows).isEmpty();
            }
            rows.forEach(row -> row.values().forEach(cell -> assertThat(cell == null || !cell.isBlank()).isTrue()));
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("system: ", 4300);
    }

    private static Gen<String> typedDates() {
        Gen<Integer> d = Gen.between(-1, 40);
        Gen<Integer> m = Gen.between(-1, 14);
        Gen<Integer> y = Gen.oneOf(Gen.between(0, 9999), Gen.between(2390, 2620), Gen.between(1850, 2100));
        Gen<String> sep = Gen.of("/", "-", ".", " ", "", "//", "／");
        Gen<String> numeric = Gen.combine(p -> {
            int dd = p.draw(d);
            int mm = p.draw(m);
            int yy = p.draw(y);
            String s = p.draw(sep);
            return p.draw(Gen.of(true, false))
                    ? String.format(Locale.ROOT, "%02d%s%02d%s%d", dd, s, mm, s, yy)
                    : String.format(Locale.ROOT, "%d%s%d%s%d", yy, s, mm, s, dd);
        });
        Gen<String> words = Gen.combine(p -> {
            int dd = p.draw(d);
            String month = p.draw(Gen.of("มกราคม", "กุมภาพันธ์", "มี.ค.", "ธ.ค.", "มีนา", "January", "", "พ.ศ."));
            int yy = p.draw(y);
            String s = p.draw(Gen.of(" ", "  ", " พ.ศ. ", "\u00A0"));
            return dd + s + month + s + yy;
        });
        return Gen.oneOf(numeric, numeric.map(HostileInputs::thaiDigits), words, words.map(HostileInputs::thaiDigits),
                HostileInputs.oddText(), Gen.just(null), Gen.strings("9/", 1, 30));
    }

    private static Gen<byte[]> csvBytes() {
        byte[] holidays = "date,name_th\n2026-01-01,วันขึ้นปีใหม่\n\n2026-04-13,\"สงกรานต์, ๑\"\n".getBytes(StandardCharsets.UTF_8);
        return Gen.oneOf(HostileInputs.randomBytes(512), HostileInputs.mutated(holidays), Gen.just(new byte[0]),
                Gen.just("\uFEFF".getBytes(StandardCharsets.UTF_8)));
    }
}
