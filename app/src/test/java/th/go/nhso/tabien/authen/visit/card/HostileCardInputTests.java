package th.go.nhso.tabien.authen.visit.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.smartcardio.CardException;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import th.go.nhso.tabien.registry.NationalId;
import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;

/**
 * A card that answers anything: the parser returns a card with a valid citizen ID or refuses
 * with its documented {@link IllegalArgumentException}, and the reader says {@link CardException}
 * for a card that is not a Thai ID card; nothing else escapes to the counter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileCardInputTests {

    @Test
    void anyFieldBytesDecodeToACardWithAValidIdOrTheDocumentedRefusal() {
        HostileInputs.forAll("ThaiIdCardParser.parse", 1500, responses(), responses -> {
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
        });
    }

    @Test
    void aCardAnsweringRandomApdusIsReadRefusedOrNotAThaiIdCard() {
        HostileInputs.forAll("CardReader.readCard", 500, answers(), answers -> {
            HostileInputs.counted("authen.visit.card: CardReader.readCard");
            int[] next = {0};
            CardReader.Channel channel = apdu -> answers.get(next[0]++ % answers.size());
            Throwable thrown = catchThrowable(() -> CardReader.readCard(channel, CardReaderTests.ATR));
            if (thrown != null) {
                assertThat(thrown).isInstanceOfAny(CardException.class, IllegalArgumentException.class);
            }
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("authen.visit.card: ", 2000);
    }

    private static Gen<Map<ThaiIdCardParser.Field, byte[]>> responses() {
        Gen<String> validId = Gen.numeric(11).map(d -> "1" + d).map(d -> d + NationalId.checkDigit(d));
        Gen<byte[]> field = Gen.oneOf(HostileInputs.randomBytes(120),
                validId.map(id -> (id + "\u0000\u0000").getBytes(StandardCharsets.US_ASCII)),
                Gen.of("25330314", "25330000", "00000000", "99999999", "2533031", "๒๕๓๓๐๓๑๔", "-0010101",
                        "นาย#สมชาย##ใจดี", "#", "", "1", "2", "3").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Gen.just(new byte[] {(byte) 0x90, 0x00}), Gen.just(new byte[] {(byte) 0x90}));
        int fields = ThaiIdCardParser.Field.values().length;
        return Gen.combine(p -> {
            List<byte[]> values = p.draw(field.list(fields, fields));
            int missing = p.draw(Gen.between(0, 3));
            Map<ThaiIdCardParser.Field, byte[]> map = new EnumMap<>(ThaiIdCardParser.Field.class);
            for (ThaiIdCardParser.Field f : ThaiIdCardParser.Field.values()) {
                if (missing == 0 || f.ordinal() % 7 != missing) {
                    map.put(f, values.get(f.ordinal()));
                }
            }
            return map;
        });
    }

    private static Gen<List<byte[]>> answers() {
        Gen<byte[]> answer = Gen.oneOf(HostileInputs.randomBytes(40),
                HostileInputs.randomBytes(20).map(b -> {
                    byte[] ok = Arrays.copyOf(b, b.length + 2);
                    ok[b.length] = (byte) 0x90;
                    return ok;
                }),
                Gen.just(new byte[] {0x61, 0x0D}), Gen.just(new byte[] {0x61}), Gen.just(new byte[0]));
        return answer.list(1, 20);
    }
}
