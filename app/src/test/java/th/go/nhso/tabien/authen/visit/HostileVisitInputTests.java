package th.go.nhso.tabien.authen.visit;

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

/** Mobile numbers as the counter and kiosks receive them. */
class HostileVisitInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();

    @Property(tries = 1500)
    void aMobileNumberIsTenDigitsOrRefusedInBothLanguages(@ForAll("phones") String typed) {
        HostileInputs.counted("authen.visit: ThaiMobile.normalise");
        Throwable thrown = catchThrowable(() -> assertThat(ThaiMobile.normalise(typed)).matches("0[689][0-9]{8}"));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(TabienException.class);
            assertThat(((TabienException) thrown).code()).isEqualTo("authen.phoneInvalid");
            assertThat(ThaiMobile.isValid(typed)).isFalse();
            HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
        }
    }

    @Provide
    Arbitrary<String> phones() {
        Arbitrary<String> valid = Arbitraries.strings().numeric().ofLength(8).flatMap(d -> Arbitraries.of("06", "08", "09")
                .map(p -> p + d));
        return Arbitraries.oneOf(valid, valid.map(v -> "+66" + v.substring(1)), valid.map(v -> "66" + v.substring(1)),
                valid.map(v -> v.substring(0, 3) + "-" + v.substring(3, 6) + "-" + v.substring(6)),
                valid.map(v -> "(" + v.substring(0, 3) + ") " + v.substring(3)), valid.map(HostileInputs::thaiDigits),
                valid.map(v -> "+6666" + v), HostileInputs.digitsLike(10), HostileInputs.oddText(), Arbitraries.just(null));
    }
}
