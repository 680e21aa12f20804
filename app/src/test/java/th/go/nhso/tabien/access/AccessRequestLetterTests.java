package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.documents.OfficialLetter;
import th.go.nhso.tabien.documents.OfficialLetterPdf;

class AccessRequestLetterTests {

    private final AccessRequestLetter letters = new AccessRequestLetter(new OfficialLetterPdf());

    @Test
    void printsTheLetterOnOnePageAndThePeopleOnTheNext() throws IOException {
        byte[] bytes = letters.render(request(null));
        Path sample = Path.of("target", "access-request-letter-sample.pdf");
        Files.createDirectories(sample.getParent());
        Files.write(sample, bytes);

        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String letter = page(document, 1);
            assertThat(letter).contains("ที่ ขก 0033.301/456", "โรงพยาบาลขอนแก่น", "ถนนศรีจันทร์ ตำบลในเมือง",
                    "23 พฤศจิกายน 2569",
                    "เรื่อง", "ขอรับชื่อผู้ใช้งานและรหัสผ่านเข้าใช้งานระบบ Data Center ของ สปสช.",
                    "เรียน", "ผู้อำนวยการสำนักงานหลักประกันสุขภาพแห่งชาติ เขต 7 ขอนแก่น",
                    "ผ่าน", "นายแพทย์สาธารณสุขจังหวัดขอนแก่น",
                    "สิ่งที่ส่งมาด้วย", "1. เอกสารแนบ 1 รายชื่อผู้ขอเข้าใช้งานระบบ จำนวน 1 ชุด",
                    "2. สำเนาบัตรประชาชนของผู้ขอเข้าใช้งานระบบ จำนวน 3 ฉบับ",
                    "(รหัสหน่วยบริการ 10670)", "จำนวน 3 ราย",
                    "ขอแสดงความนับถือ", "(นายแพทย์สมศักดิ์ วงศ์ใหญ่)", "ผู้อำนวยการโรงพยาบาลขอนแก่น",
                    "กลุ่มงานเทคโนโลยีสารสนเทศ", "โทร. 0 4323 2555 ต่อ 1234", "ไปรษณีย์อิเล็กทรอนิกส์ it@example.go.th");
            assertThat(letter).doesNotContain("อ้างถึง", "สมชาย");
            // table cells wrap between Thai words, where no space is: compare without any whitespace
            String people = squeezed(page(document, 2));
            assertThat(people).contains(squeezed("เอกสารแนบ 1 รายชื่อผู้ขอเข้าใช้งานระบบ ของโรงพยาบาลขอนแก่น (10670)",
                    "ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง", "ระบบที่ขอ", "- 2 -",
                    "นายสมชาย ใจดี", "นางสาวสุภาพร ศรีสุข", "นางมณีรัตน์ ทองคำ",
                    "นักวิชาการสาธารณสุขชำนาญการ", "พยาบาลวิชาชีพ", "เจ้าพนักงานเภสัชกรรม",
                    "ระบบจัดการบริหารจัดการงบค่าเสื่อม", "ระบบตรวจสอบและยืนยันการเข้ารับบริการ (ตรวจสอบสิทธิ)",
                    "ระบบตรวจสอบและยืนยันการเข้ารับบริการ (จองสิทธิ)", "KTB Health Wallet (Admin)",
                    "KTB Health Wallet (User)", "ระบบบันทึกข้อมูลและประมวลผลข้อมูลทางการแพทย์ E-Claim",
                    "ระบบบริหารจัดการรหัสยามาตรฐาน", "Seamless for DMIS (Moph Claim)", "OP/PP Individual Record"));
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(AccessRequestLetter.SUBJECT);
        }
    }

    @Test
    void goesThroughTheProvincialAdministrationForATransferredHealthCentre() {
        var facility = new th.go.nhso.tabien.registry.Facility("03927", "โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาด", null,
                "HEALTH_PROMOTING_HOSPITAL", "40", "ขอนแก่น", 7, "องค์การบริหารส่วนจังหวัดขอนแก่น");
        var request = new AccessRequestLetter.Request(facility, "", List.of(), LocalDate.of(2023, 3, 16), "นางสาวสมใจ ดีมาก",
                null, null, null, AccessFixtures.threePeople());
        OfficialLetter letter = letters.letter(request);
        assertThat(letter.via()).isEqualTo("นายกองค์การบริหารส่วนจังหวัดขอนแก่น");
        assertThat(letter.signature().position()).isEqualTo("ผู้อำนวยการโรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนสะอาด");
        assertThat(letter.addressee()).isEqualTo("ผู้อำนวยการสำนักงานหลักประกันสุขภาพแห่งชาติ เขต 7 ขอนแก่น");
        assertThat(letter.table().rows()).hasSize(3);
    }

    @Test
    void leavesOutTheViaLineWhenAskedTo() {
        assertThat(letters.letter(request("")).via()).isNull();
        assertThat(letters.letter(request("สำนักงานสาธารณสุขอำเภอเมืองขอนแก่น")).via())
                .isEqualTo("สำนักงานสาธารณสุขอำเภอเมืองขอนแก่น");
    }

    private static AccessRequestLetter.Request request(String via) {
        return new AccessRequestLetter.Request(AccessFixtures.KHON_KAEN, "ขก 0033.301/456",
                List.of("54 ถนนศรีจันทร์ ตำบลในเมือง", "อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000"),
                LocalDate.of(2026, 11, 23), "นายแพทย์สมศักดิ์ วงศ์ใหญ่", null, via,
                new OfficialLetter.Contact("กลุ่มงานเทคโนโลยีสารสนเทศ", "0 4323 2555 ต่อ 1234", "it@example.go.th"),
                AccessFixtures.threePeople());
    }

    private static String[] squeezed(String... texts) {
        return java.util.Arrays.stream(texts).map(AccessRequestLetterTests::squeezed).toArray(String[]::new);
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static String page(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        // lines wrapped where a space was: read them back as one line
        return stripper.getText(document).replaceAll("\\s+", " ");
    }
}
