package th.go.nhso.tabien.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/** National IDs and hospital codes as people and machines type them, and as they never should. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileIdInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Test
    void aNationalIdIsValidOrRefusedWithItsReasonInBothLanguages() {
        HostileInputs.forAll("NationalId.parse", 3000, pids(), typed -> {
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
        });
    }

    @Test
    void aHospitalCodeIsFiveDigitsOrRefusedInBothLanguages() {
        HostileInputs.forAll("HospitalCode.parse", 1000, codes(), typed -> {
            HostileInputs.counted("registry: HospitalCode.parse");
            Throwable thrown = catchThrowable(() -> assertThat(HospitalCode.parse(typed).value()).matches("[0-9]{5}"));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(TabienException.class);
                assertThat(((TabienException) thrown).code()).isEqualTo("hospitalCode.invalid");
                HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
            }
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("registry: ", 4000);
    }

    private static Gen<String> pids() {
        Gen<String> valid = Gen.numeric(11)
                .map(d -> (char) ('0' + Math.abs(d.hashCode()) % 9) + d).map(d -> d + NationalId.checkDigit(d));
        return Gen.oneOf(valid, valid.map(NationalId::parse).map(NationalId::formatted),
                valid.map(HostileInputs::thaiDigits), valid.map(v -> " " + v + "\t"), valid.map(v -> v + "\u200B"),
                valid.map(v -> v.substring(0, 12) + (char) ('0' + (v.charAt(12) - '0' + 1) % 10)),
                HostileInputs.digitsLike(13), HostileInputs.oddText(), Gen.just(null));
    }

    private static Gen<String> codes() {
        return Gen.oneOf(Gen.numeric(5), HostileInputs.digitsLike(5), HostileInputs.oddText(), Gen.just(null));
    }
}
