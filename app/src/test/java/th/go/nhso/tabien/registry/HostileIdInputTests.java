package th.go.nhso.tabien.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** National IDs and hospital codes as people and machines type them, and as they never should. */
class HostileIdInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Property(tries = 3000)
    void aNationalIdIsValidOrRefusedWithItsReasonInBothLanguages(@ForAll("pids") String typed) {
        HostileInputs.counted("registry: NationalId.parse");
        Throwable thrown = catchThrowable(() -> {
            NationalId id = NationalId.parse(typed);
            assertThat(id.value()).matches("[0-8]\\d{12}");
            assertThat(NationalId.isValid(id.value())).isTrue();
            assertThat(id.formatted().replace("-", "")).isEqualTo(id.value());
            assertThat(id.category()).isNotNull();
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(TabienException.class);
            TabienException refusal = (TabienException) thrown;
            assertThat(refusal.code()).startsWith("nationalId.invalid.");
            assertThat(NationalId.isValid(typed == null ? null : typed.replaceAll("[\\s-]", ""))).isFalse();
            HostileInputs.assertBilingual(MESSAGES, refusal);
        }
    }

    @Property(tries = 1000)
    void aHospitalCodeIsFiveDigitsOrRefusedInBothLanguages(@ForAll("codes") String typed) {
        HostileInputs.counted("registry: HospitalCode.parse");
        Throwable thrown = catchThrowable(() -> assertThat(HospitalCode.parse(typed).value()).matches("[0-9]{5}"));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(TabienException.class);
            assertThat(((TabienException) thrown).code()).isEqualTo("hospitalCode.invalid");
            HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
        }
    }

    @Provide
    Arbitrary<String> pids() {
        Arbitrary<String> valid = Arbitraries.strings().numeric().ofLength(11)
                .map(d -> (char) ('0' + Math.abs(d.hashCode()) % 9) + d).map(d -> d + NationalId.checkDigit(d));
        return Arbitraries.oneOf(valid, valid.map(NationalId::parse).map(NationalId::formatted),
                valid.map(HostileInputs::thaiDigits), valid.map(v -> " " + v + "\t"), valid.map(v -> v + "\u200B"),
                valid.map(v -> v.substring(0, 12) + (char) ('0' + (v.charAt(12) - '0' + 1) % 10)),
                HostileInputs.digitsLike(13), HostileInputs.oddText(), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.oneOf(Arbitraries.strings().numeric().ofLength(5), HostileInputs.digitsLike(5),
                HostileInputs.oddText(), Arbitraries.just(null));
    }
}
