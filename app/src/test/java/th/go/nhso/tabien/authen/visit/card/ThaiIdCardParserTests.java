package th.go.nhso.tabien.authen.visit.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import th.go.nhso.tabien.authen.visit.card.ThaiIdCardParser.Field;

/** Recorded card answers, built as the card sends them: TIS-620, space padding, SW 90 00. */
class ThaiIdCardParserTests {

    static final Charset TIS_620 = Charset.forName("TIS-620");
    static final String ADDRESS = "99/9#หมู่ที่ 2####ตำบลในเมือง#อำเภอเมืองขอนแก่น#จังหวัดขอนแก่น";

    /** A field's answer: the text in TIS-620, padded with spaces to the field's length, then 90 00. */
    static byte[] answer(String text, int length) {
        byte[] encoded = text.getBytes(TIS_620);
        byte[] data = Arrays.copyOf(encoded, length + 2);
        Arrays.fill(data, encoded.length, length, (byte) ' ');
        data[length] = (byte) 0x90;
        data[length + 1] = 0x00;
        return data;
    }

    /** Somchai Jaidee's card, as the tests in this package read it. */
    static Map<Field, byte[]> somchai() {
        Map<Field, byte[]> card = new EnumMap<>(Field.class);
        card.put(Field.CID, answer("1100000000016", 0x0D));
        card.put(Field.NAME_TH, answer("นาย#สมชาย##ใจดี", 0x64));
        card.put(Field.NAME_EN, answer("Mr.#Somchai##Jaidee", 0x64));
        card.put(Field.BIRTH_DATE, answer("25330314", 0x08));
        card.put(Field.GENDER, answer("1", 0x01));
        card.put(Field.ISSUE_DATE, answer("25650120", 0x08));
        card.put(Field.EXPIRY_DATE, answer("25730313", 0x08));
        card.put(Field.ADDRESS, answer(ADDRESS, 0x64));
        return card;
    }

    @Test
    void readsEveryField() {
        ThaiIdCard card = ThaiIdCardParser.parse(somchai());

        assertThat(card).isEqualTo(new ThaiIdCard("1100000000016", "นาย", "สมชาย", "", "ใจดี",
                "Mr.", "Somchai", "", "Jaidee", LocalDate.of(1990, 3, 14), "M",
                "99/9 หมู่ที่ 2 ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น",
                LocalDate.of(2022, 1, 20), LocalDate.of(2030, 3, 13)));
    }

    @Test
    void keepsMiddleNames() {
        Map<Field, byte[]> answers = somchai();
        answers.put(Field.NAME_TH, answer("นางสาว#มาลี#วิลเลียม#ใจดี", 0x64));
        answers.put(Field.NAME_EN, answer("Miss#Malee#William#Jaidee", 0x64));
        answers.put(Field.GENDER, answer("2", 0x01));

        ThaiIdCard card = ThaiIdCardParser.parse(answers);

        assertThat(card.titleTh()).isEqualTo("นางสาว");
        assertThat(card.firstNameTh()).isEqualTo("มาลี");
        assertThat(card.middleNameTh()).isEqualTo("วิลเลียม");
        assertThat(card.lastNameTh()).isEqualTo("ใจดี");
        assertThat(card.titleEn()).isEqualTo("Miss");
        assertThat(card.firstNameEn()).isEqualTo("Malee");
        assertThat(card.middleNameEn()).isEqualTo("William");
        assertThat(card.lastNameEn()).isEqualTo("Jaidee");
        assertThat(card.sex()).isEqualTo("F");
    }

    @Test
    void readsAnswersWithoutStatusWordOrWithNulPadding() {
        Map<Field, byte[]> answers = somchai();
        answers.put(Field.CID, "1100000000016".getBytes(TIS_620));
        byte[] nulPadded = Arrays.copyOf("Mr.#Somchai##Jaidee".getBytes(TIS_620), 0x64);
        answers.put(Field.NAME_EN, nulPadded);

        ThaiIdCard card = ThaiIdCardParser.parse(answers);

        assertThat(card.nationalId()).isEqualTo("1100000000016");
        assertThat(card.lastNameEn()).isEqualTo("Jaidee");
    }

    @ParameterizedTest
    @CsvSource({
            "25330314, 1990-03-14",
            "25330300, 1990-03-01", // day unknown
            "25330000, 1990-01-01", // only the year on record
            "25430229, 2000-02-29"})
    void readsBuddhistEraDatesAndUnknownMonthOrDayAsTheFirst(String onCard, LocalDate expected) {
        Map<Field, byte[]> answers = somchai();
        answers.put(Field.BIRTH_DATE, answer(onCard, 0x08));

        assertThat(ThaiIdCardParser.parse(answers).birthDate()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000", "", "99999999", "2533131", "25331332", "ABCDEFGH"})
    void readsNoDateAsNull(String onCard) {
        Map<Field, byte[]> answers = somchai();
        answers.put(Field.ISSUE_DATE, answer(onCard, 0x08));
        answers.put(Field.EXPIRY_DATE, answer(onCard, 0x08));

        ThaiIdCard card = ThaiIdCardParser.parse(answers);

        assertThat(card.issueDate()).isNull();
        assertThat(card.expiryDate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1100000000017", "110000000001", "1100000000O16", "", "ABCDEFGHIJKLM"})
    void rejectsAnInvalidId(String onCard) {
        Map<Field, byte[]> answers = somchai();
        answers.put(Field.CID, answer(onCard, 0x0D));

        assertThatThrownBy(() -> ThaiIdCardParser.parse(answers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("card returned an invalid ID");
    }

    @Test
    void rejectsAReadWithAFieldMissing() {
        Map<Field, byte[]> answers = somchai();
        answers.remove(Field.ADDRESS);

        assertThatThrownBy(() -> ThaiIdCardParser.parse(answers)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesBytesOutsideTis620() {
        Map<Field, byte[]> answers = somchai();
        byte[] name = answer("นาย#สมชาย##ใจดี", 0x64);
        name[4] = (byte) 0xFF; // unassigned in TIS-620
        name[5] = (byte) 0xDB; // unassigned
        name[6] = (byte) 0x85; // C1 control range
        answers.put(Field.NAME_TH, name);
        answers.put(Field.GENDER, answer("\u0E01", 0x01)); // no sex code at all

        ThaiIdCard card = ThaiIdCardParser.parse(answers);

        assertThat(card.firstNameTh()).contains("\uFFFD");
        assertThat(card.lastNameTh()).isEqualTo("ใจดี");
        assertThat(card.nationalId()).isEqualTo("1100000000016");
        assertThat(card.sex()).isNull();
    }

    @Test
    void decodesTis620ByTableAsTheJdkDoes() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }

        assertThat(ThaiIdCardParser.decodeTis620ByTable(every)).isEqualTo(new String(every, TIS_620));
    }

    @Test
    void readCommandsAreTheAppletsDocumentedOnes() {
        HexFormat hex = HexFormat.ofDelimiter(" ").withUpperCase();
        Map<Field, String> expected = Map.of(
                Field.CID, "80 B0 00 04 02 00 0D",
                Field.NAME_TH, "80 B0 00 11 02 00 64",
                Field.NAME_EN, "80 B0 00 75 02 00 64",
                Field.BIRTH_DATE, "80 B0 00 D9 02 00 08",
                Field.GENDER, "80 B0 00 E1 02 00 01",
                Field.ISSUE_DATE, "80 B0 01 67 02 00 08",
                Field.EXPIRY_DATE, "80 B0 01 6F 02 00 08",
                Field.ADDRESS, "80 B0 15 79 02 00 64");

        for (Field field : Field.values()) {
            assertThat(hex.formatHex(field.readCommand())).as(field.name()).isEqualTo(expected.get(field));
        }
        Field.CID.readCommand()[0] = 0; // a caller's copy: the constant stays as it was
        assertThat(Field.CID.readCommand()[0]).isEqualTo((byte) 0x80);
    }

    @Test
    void toStringKeepsPersonalDataOutOfLogs() {
        String shown = ThaiIdCardParser.parse(somchai()).toString();

        assertThat(shown).doesNotContain("1100000000016", "สมชาย", "Somchai", "ขอนแก่น").endsWith("0016]");
    }
}
