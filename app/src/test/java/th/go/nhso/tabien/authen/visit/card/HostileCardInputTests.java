package th.go.nhso.tabien.authen.visit.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.smartcardio.CardException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.support.HostileInputs;

/**
 * A card that answers anything: the parser returns a card with a valid citizen ID or refuses
 * with its documented {@link IllegalArgumentException}, and the reader says {@link CardException}
 * for a card that is not a Thai ID card; nothing else escapes to the counter.
 */
class HostileCardInputTests {

    @Property(tries = 1500)
    void anyFieldBytesDecodeToACardWithAValidIdOrTheDocumentedRefusal(@ForAll("responses") Map<ThaiIdCardParser.Field, byte[]> responses) {
        HostileInputs.counted("authen.visit.card: ThaiIdCardParser.parse");
        Throwable thrown = catchThrowable(() -> {
            ThaiIdCard card = ThaiIdCardParser.parse(responses);
            assertThat(NationalId.isValid(card.nationalId())).isTrue();
            assertThat(card.sex()).isIn(null, "M", "F");
            assertThat(card.toString()).doesNotContain(card.nationalId());
        });
        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void aCardAnsweringRandomApdusIsReadRefusedOrNotAThaiIdCard(@ForAll("answers") List<byte[]> answers) {
        HostileInputs.counted("authen.visit.card: CardReader.readCard");
        int[] next = {0};
        CardReader.Channel channel = apdu -> answers.get(next[0]++ % answers.size());
        Throwable thrown = catchThrowable(() -> CardReader.readCard(channel, CardReaderTests.ATR));
        if (thrown != null) {
            assertThat(thrown).isInstanceOfAny(CardException.class, IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<Map<ThaiIdCardParser.Field, byte[]>> responses() {
        Arbitrary<String> validId = Arbitraries.strings().numeric().ofLength(11)
                .map(d -> "1" + d).map(d -> d + NationalId.checkDigit(d));
        Arbitrary<byte[]> field = Arbitraries.oneOf(HostileInputs.randomBytes(120),
                validId.map(id -> (id + "\u0000\u0000").getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                Arbitraries.of("25330314", "25330000", "00000000", "99999999", "2533031", "๒๕๓๓๐๓๑๔", "-0010101",
                        "นาย#สมชาย##ใจดี", "#", "", "1", "2", "3").map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[] {(byte) 0x90, 0x00}), Arbitraries.just(new byte[] {(byte) 0x90}));
        return field.list().ofSize(ThaiIdCardParser.Field.values().length)
                .flatMap(values -> Arbitraries.integers().between(0, 3).map(missing -> {
                    Map<ThaiIdCardParser.Field, byte[]> map = new EnumMap<>(ThaiIdCardParser.Field.class);
                    for (ThaiIdCardParser.Field f : ThaiIdCardParser.Field.values()) {
                        if (missing == 0 || f.ordinal() % 7 != missing) {
                            map.put(f, values.get(f.ordinal()));
                        }
                    }
                    return map;
                }));
    }

    @Provide
    Arbitrary<List<byte[]>> answers() {
        Arbitrary<byte[]> answer = Arbitraries.oneOf(HostileInputs.randomBytes(40),
                HostileInputs.randomBytes(20).map(b -> {
                    byte[] ok = java.util.Arrays.copyOf(b, b.length + 2);
                    ok[b.length] = (byte) 0x90;
                    return ok;
                }),
                Arbitraries.just(new byte[] {0x61, 0x0D}), Arbitraries.just(new byte[] {0x61}), Arbitraries.just(new byte[0]));
        return answer.list().ofMinSize(1).ofMaxSize(20);
    }
}
