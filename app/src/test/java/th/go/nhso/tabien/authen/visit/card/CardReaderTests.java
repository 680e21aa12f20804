package th.go.nhso.tabien.authen.visit.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.smartcardio.CardException;

import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.authen.visit.card.ThaiIdCardParser.Field;

/** The APDU sequence against recorded cards of both kinds, and the real reader on a machine without one. */
class CardReaderTests {

    static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    static final String SELECT = "00 A4 04 00 08 A0 00 00 00 54 48 00 01";
    static final byte[] ATR = HEX.parseHex("3B 68 00 00 00 73 C8 40 12 00 90 00");
    static final byte[] ATR_3B67 = HEX.parseHex("3B 67 00 00 00 00 00 00 00 90 00");

    /** Somchai's card, answering like a real one: data and 90 00 at once, or 61xx and data on GET RESPONSE. */
    static class RecordedCard implements CardReader.Channel {

        final List<String> sent = new ArrayList<>();
        final Map<String, byte[]> answers = new HashMap<>();
        private final boolean answers61xx;
        private final int getResponseP2;
        private byte[] pending;

        RecordedCard(boolean answers61xx, int getResponseP2) {
            this.answers61xx = answers61xx;
            this.getResponseP2 = getResponseP2;
            ThaiIdCardParserTests.somchai()
                    .forEach((field, answer) -> answers.put(HEX.formatHex(field.readCommand()), answer));
        }

        @Override
        public byte[] transmit(byte[] apdu) {
            String command = HEX.formatHex(apdu);
            sent.add(command);
            if (command.equals(SELECT)) {
                return answers61xx ? HEX.parseHex("61 0A") : HEX.parseHex("90 00");
            }
            byte[] answer = answers.get(command);
            if (answer != null && !answers61xx) {
                return answer;
            }
            if (answer != null) {
                pending = answer;
                return new byte[] {0x61, (byte) (answer.length - 2)};
            }
            if (pending != null && command.equals(getResponse(pending.length - 2))) {
                byte[] data = pending;
                pending = null;
                return data;
            }
            return HEX.parseHex("6D 00"); // instruction not supported
        }

        String getResponse(int length) {
            return HEX.formatHex(new byte[] {0x00, (byte) 0xC0, 0x00, (byte) getResponseP2, (byte) length});
        }
    }

    static List<String> reads() {
        List<String> reads = new ArrayList<>();
        for (Field field : Field.values()) {
            reads.add(HEX.formatHex(field.readCommand()));
        }
        return reads;
    }

    static void assertSomchai(ThaiIdCard card) {
        assertThat(card.nationalId()).isEqualTo("1100000000016");
        assertThat(card.firstNameTh()).isEqualTo("สมชาย");
        assertThat(card.lastNameEn()).isEqualTo("Jaidee");
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1990, 3, 14));
        assertThat(card.sex()).isEqualTo("M");
        assertThat(card.address()).isEqualTo("99/9 หมู่ที่ 2 ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น");
        assertThat(card.expiryDate()).isEqualTo(LocalDate.of(2030, 3, 13));
    }

    @Test
    void readsACardThatAnswersWithItsData() throws CardException {
        RecordedCard card = new RecordedCard(false, 0x00);

        ThaiIdCard read = CardReader.readCard(card, ATR);

        List<String> expected = new ArrayList<>(List.of(SELECT));
        expected.addAll(reads());
        assertThat(card.sent).containsExactlyElementsOf(expected);
        assertSomchai(read);
    }

    @Test
    void fetchesTheDataWithGetResponseWhenTheCardAnswers61xx() throws CardException {
        RecordedCard card = new RecordedCard(true, 0x00);

        ThaiIdCard read = CardReader.readCard(card, ATR);

        assertThat(card.sent).containsExactly(SELECT,
                "80 B0 00 04 02 00 0D", "00 C0 00 00 0D",
                "80 B0 00 11 02 00 64", "00 C0 00 00 64",
                "80 B0 00 75 02 00 64", "00 C0 00 00 64",
                "80 B0 00 D9 02 00 08", "00 C0 00 00 08",
                "80 B0 00 E1 02 00 01", "00 C0 00 00 01",
                "80 B0 01 67 02 00 08", "00 C0 00 00 08",
                "80 B0 01 6F 02 00 08", "00 C0 00 00 08",
                "80 B0 15 79 02 00 64", "00 C0 00 00 64");
        assertSomchai(read);
    }

    @Test
    void asksCardsWhoseAtrStarts3B67WithGetResponseP2One() throws CardException {
        RecordedCard card = new RecordedCard(true, 0x01);

        ThaiIdCard read = CardReader.readCard(card, ATR_3B67);

        assertThat(card.sent).filteredOn(command -> command.startsWith("00 C0"))
                .hasSize(Field.values().length)
                .allMatch(command -> command.startsWith("00 C0 00 01 "));
        assertSomchai(read);
    }

    @Test
    void refusesACardWithoutTheThaiIdApplet() {
        RecordedCard bankCard = new RecordedCard(false, 0x00) {
            @Override
            public byte[] transmit(byte[] apdu) {
                sent.add(HEX.formatHex(apdu));
                return HEX.parseHex("6A 82"); // file or application not found
            }
        };

        assertThatThrownBy(() -> CardReader.readCard(bankCard, ATR))
                .isInstanceOf(CardException.class).hasMessageContaining("6A82");
        assertThat(bankCard.sent).containsExactly(SELECT);
    }

    @Test
    void stopsAtAReadTheCardRefuses() {
        RecordedCard card = new RecordedCard(false, 0x00);
        card.answers.put(HEX.formatHex(Field.BIRTH_DATE.readCommand()), HEX.parseHex("6B 00"));

        assertThatThrownBy(() -> CardReader.readCard(card, ATR))
                .isInstanceOf(CardException.class).hasMessageContaining("80 B0 00 D9 02 00 08");
    }

    @Test
    void passesOnACardWithAnInvalidId() {
        RecordedCard card = new RecordedCard(false, 0x00);
        card.answers.put(HEX.formatHex(Field.CID.readCommand()),
                ThaiIdCardParserTests.answer("1100000000017", 0x0D));

        assertThatThrownBy(() -> CardReader.readCard(card, ATR))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("card returned an invalid ID");
    }

    @Test
    void readsNothingQuicklyOnAMachineWithoutAReader() {
        CardReader reader = new CardReader();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatCode(reader::read).doesNotThrowAnyException();
            assertThatCode(reader::readerPresent).doesNotThrowAnyException();
        });
        // Without a reader there is nothing to read; with one (a developer's desk) a card may be in it.
        if (!reader.readerPresent()) {
            assertThat(reader.read()).isEqualTo(Optional.empty());
        }
    }
}
