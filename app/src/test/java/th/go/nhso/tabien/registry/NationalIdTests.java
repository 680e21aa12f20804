package th.go.nhso.tabien.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import th.go.nhso.tabien.system.TabienException;

class NationalIdTests {

    @ParameterizedTest
    @ValueSource(strings = {"1100000000016", "1100000000024", "3100600012348", "0000000000019"})
    void acceptsIdsWhoseCheckDigitMatches(String value) {
        assertThat(NationalId.isValid(value)).isTrue();
        assertThat(new NationalId(value).value()).isEqualTo(value);
    }

    @Test
    void checkDigitFollowsTheMinistryFormula() {
        // 1·13 + 1·12 + 0… + 1·2 = 27; (11 − 27 mod 11) mod 10 = 6
        assertThat(NationalId.checkDigit("110000000001")).isEqualTo(6);
        assertThat(NationalId.checkDigit("000000000000")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "'', EMPTY",
            "'   ', EMPTY",
            "110000000001X, NOT_DIGITS",
            "11000000000, WRONG_LENGTH",
            "11000000000166, WRONG_LENGTH",
            "9100000000013, UNKNOWN_CATEGORY",
            "1100000000017, BAD_CHECKSUM",
            "1100000000015, BAD_CHECKSUM"
    })
    void saysWhatIsWrongWithAnInvalidId(String value, NationalId.Problem expected) {
        assertThat(NationalId.problemWith(value)).isEqualTo(expected);
        assertThatThrownBy(() -> new NationalId(value))
                .isInstanceOf(TabienException.class)
                .extracting(e -> ((TabienException) e).code())
                .isEqualTo("nationalId.invalid." + expected.name());
    }

    @Test
    void rejectsNull() {
        assertThat(NationalId.problemWith(null)).isEqualTo(NationalId.Problem.EMPTY);
    }

    @Test
    void readsIdsTypedWithDashesAndSpaces() {
        assertThat(NationalId.parse(" 1-1000-00000-01-6 ").value()).isEqualTo("1100000000016");
        assertThat(NationalId.parse("1 1000 00000 01 6").formatted()).isEqualTo("1-1000-00000-01-6");
    }

    @ParameterizedTest
    @CsvSource({
            "1100000000016, THAI, true",
            "3100600012348, THAI, true",
            "0000000000019, WITHOUT_STATUS, false"
    })
    void tellsTheCategoryFromTheFirstDigit(String value, NationalId.Category category, boolean thai) {
        NationalId id = new NationalId(value);
        assertThat(id.category()).isEqualTo(category);
        assertThat(id.category().isThaiNational()).isEqualTo(thai);
    }

    @ParameterizedTest
    @ValueSource(chars = {'6', '7', '8'})
    void foreignAndNaturalisedCategoriesAreNotThaiNationals(char first) {
        String twelve = first + "10000000001";
        NationalId id = new NationalId(twelve + NationalId.checkDigit(twelve));
        assertThat(id.category().isThaiNational()).isFalse();
    }
}
