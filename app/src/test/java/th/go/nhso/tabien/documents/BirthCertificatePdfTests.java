package th.go.nhso.tabien.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class BirthCertificatePdfTests {

    private static final String NOTES = "มารดามาฝากครรภ์ที่โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองน้ำใสครบตามเกณฑ์"
            + "และได้รับวัคซีนป้องกันโรคครบถ้วนก่อนส่งต่อมาคลอดที่โรงพยาบาลสมุทรสาคร"
            + "ทารกแข็งแรงดีหลังคลอดได้รับการตรวจคัดกรองการได้ยินและภาวะพร่องไทรอยด์ฮอร์โมนแล้ว"
            + "แพทย์นัดติดตามพัฒนาการที่คลินิกเด็กสุขภาพดีของโรงพยาบาลเมื่ออายุครบหนึ่งเดือน";

    private final BirthCertificatePdf pdf = new BirthCertificatePdf();

    @Test
    void printsTheCertificateInThaiOnOnePageWithSarabun() throws IOException {
        byte[] bytes = pdf.render(realistic());
        Path sample = Path.of("target", "birth-certificate-sample.pdf");
        Files.createDirectories(sample.getParent());
        Files.write(sample, bytes);

        try (PDDocument document = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("หนังสือรับรองการเกิด", "เลขที่ 10670-2569-000123",
                    "โรงพยาบาลสมุทรสาคร", "21 พฤศจิกายน 2569",
                    "(ยังไม่ได้ตั้งชื่อ) ศรีสุขสำราญ", "ปัทมา ศรีสุขสำราญ", "เลขประจำตัวประชาชน 1-7499-00123-45-6",
                    "อ่อง มิน ตุน", "หนังสือเดินทาง MC1234567", "แพทย์หญิงน้ำทิพย์ กิ่งแก้ว", "นายสำราญ ศรีสุขสำราญ",
                    "20 พฤศจิกายน 2569 เวลา 08:30 น.", "3,100 กรัม", "39 สัปดาห์",
                    "Q90.9 กลุ่มอาการดาวน์ ไม่ระบุรายละเอียด", "O24.4 เบาหวานขณะตั้งครรภ์",
                    "1. ข้อมูลเด็ก", "2. สถานภาพครอบครัว", "3. ผู้ทำคลอด", "4. ข้อมูลเด็กเพิ่มเติม (ความพิการแต่กำเนิด)",
                    "5. โรคหรือภาวะของมารดาขณะตั้งครรภ์", "6. อื่น ๆ", "ผู้รับรองการเกิด",
                    "เอกสารนี้ออกโดยระบบทะเบียน สปสช.");
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(fontNames(document)).isNotEmpty().allMatch(name -> name.contains("Sarabun"));
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("หนังสือรับรองการเกิด 10670-2569-000123");
        }
    }

    @Test
    void saysNoneForEmptyListsAndUnknownForAMissingFather() throws IOException {
        var doc = realistic();
        var healthy = new BirthCertificateDocument(doc.certificateNumber(), doc.issuedOn(), doc.facilityCode(),
                doc.facilityName(), doc.provinceName(), "กิ่งแก้ว", "ศรีสุขสำราญ", doc.childSex(), doc.birthDateTime(),
                doc.placeOfBirth(), 2, 1, doc.weightGrams(), doc.gestationalAgeWeeks(), doc.mother(), null,
                "โสด", doc.attendantType(), doc.attendantName(), List.of(), List.of(), "", doc.informant());

        String text = text(pdf.render(healthy));

        assertThat(text).contains("กิ่งแก้ว ศรีสุขสำราญ", "ครรภ์แฝด 2 คน เป็นคนที่ 1", "บิดา ไม่ระบุ")
                .doesNotContain("ยังไม่ได้ตั้งชื่อ", "Q90.9");
        assertThat(text.lines().filter(line -> line.contains("ไม่มี"))).hasSize(2);
    }

    @Test
    void wrapsLongThaiTextBetweenWordsOnly() throws IOException {
        var doc = realistic();
        var wordy = new BirthCertificateDocument(doc.certificateNumber(), doc.issuedOn(), doc.facilityCode(),
                doc.facilityName(), doc.provinceName(), doc.childFirstName(), doc.childLastName(), doc.childSex(),
                doc.birthDateTime(), doc.placeOfBirth(), 1, 1, doc.weightGrams(), doc.gestationalAgeWeeks(),
                doc.mother(), doc.father(), doc.familyStatus(), doc.attendantType(), doc.attendantName(),
                doc.birthDefects(), doc.motherIllnesses(), NOTES, doc.informant());

        List<String> noteLines = text(pdf.render(wordy)).lines()
                .map(line -> line.replace("หมายเหตุ", "").strip())
                .filter(line -> !line.isEmpty() && NOTES.contains(line))
                .toList();

        assertThat(noteLines).hasSizeGreaterThan(2);
        assertThat(String.join("", noteLines)).isEqualTo(NOTES);
        for (String word : List.of("พยาบาล", "ฝากครรภ์", "ส่งเสริม", "สุขภาพ", "วัคซีน", "ครบถ้วน", "คัดกรอง",
                "ไทรอยด์", "ฮอร์โมน", "พัฒนาการ", "คลินิก")) {
            assertThat(String.join("\n", noteLines)).as(word).contains(word);
            int expected = NOTES.split(word, -1).length - 1;
            assertThat(String.join("\n", noteLines).split(word, -1)).as(word).hasSize(expected + 1);
        }
    }

    private static BirthCertificateDocument realistic() {
        return new BirthCertificateDocument(
                "10670-2569-000123", LocalDate.of(2026, 11, 21), "10670", "โรงพยาบาลสมุทรสาคร", "สมุทรสาคร",
                "", "ศรีสุขสำราญ", "หญิง", OffsetDateTime.of(2026, 11, 20, 1, 30, 0, 0, ZoneOffset.UTC),
                "โรงพยาบาลสมุทรสาคร", 1, 1, 3100, 39,
                new BirthCertificateDocument.Parent("เลขประจำตัวประชาชน 1-7499-00123-45-6", "ปัทมา", "ศรีสุขสำราญ",
                        "ไทย", LocalDate.of(1996, 4, 13), "สมุทรสาคร"),
                new BirthCertificateDocument.Parent("หนังสือเดินทาง MC1234567", "อ่อง มิน", "ตุน", "เมียนมา",
                        LocalDate.of(1992, 8, 2), "สมุทรสาคร"),
                "อยู่ด้วยกันโดยไม่ได้จดทะเบียนสมรส",
                "แพทย์", "แพทย์หญิงน้ำทิพย์ กิ่งแก้ว",
                List.of("Q90.9 กลุ่มอาการดาวน์ ไม่ระบุรายละเอียด"),
                List.of("O24.4 เบาหวานขณะตั้งครรภ์"),
                "คลอดปกติ มารดาและทารกแข็งแรงดี",
                "นายสำราญ ศรีสุขสำราญ (ตาของเด็ก)");
    }

    private static String text(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<String> fontNames(PDDocument document) throws IOException {
        List<String> names = new ArrayList<>();
        PDResources resources = document.getPage(0).getResources();
        for (COSName name : resources.getFontNames()) {
            names.add(resources.getFont(name).getName());
        }
        return names;
    }
}
