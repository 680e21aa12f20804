package th.go.nhso.tabien.authen.visit;

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

/** Mobile numbers as the counter and kiosks receive them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileVisitInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Test
    void aMobileNumberIsTenDigitsOrRefusedInBothLanguages() {
        HostileInputs.forAll("ThaiMobile.normalise", 1500, phones(), typed -> {
            HostileInputs.counted("authen.visit: ThaiMobile.normalise");
            Throwable thrown = catchThrowable(() -> assertThat(ThaiMobile.normalise(typed)).matches("0[689][0-9]{8}"));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(TabienException.class);
                assertThat(((TabienException) thrown).code()).isEqualTo("authen.phoneInvalid");
                assertThat(ThaiMobile.isValid(typed)).isFalse();
                HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
            }
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("authen.visit: ", 1500);
    }

    private static Gen<String> phones() {
        Gen<String> valid = Gen.combine(p -> p.draw(Gen.of("06", "08", "09")) + p.draw(Gen.numeric(8)));
        return Gen.oneOf(valid, valid.map(v -> "+66" + v.substring(1)), valid.map(v -> "66" + v.substring(1)),
                valid.map(v -> v.substring(0, 3) + "-" + v.substring(3, 6) + "-" + v.substring(6)),
                valid.map(v -> "(" + v.substring(0, 3) + ") " + v.substring(3)), valid.map(HostileInputs::thaiDigits),
                valid.map(v -> "+6666" + v), HostileInputs.digitsLike(10), HostileInputs.oddText(), Gen.just(null));
    }
}
