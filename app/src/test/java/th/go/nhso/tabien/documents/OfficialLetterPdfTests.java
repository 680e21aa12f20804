package th.go.nhso.tabien.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class OfficialLetterPdfTests {

    private final OfficialLetterPdf pdf = new OfficialLetterPdf();

    @Test
    void fitsAShortLetterOnOnePageWithEveryPartInOrder() throws IOException {
        byte[] bytes = pdf.render(letter(List.of("สำเนาหนังสือ จำนวน 1 ฉบับ"), null));
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String text = inReadingOrder(document);
            assertThat(text).containsSubsequence("ที่สธ0201/789", "สำนักงานสาธารณสุขจังหวัดขอนแก่น", "16มีนาคม2566",
                    "เรื่อง", "แจ้งกำหนดการประชุม", "เรียน", "ผู้อำนวยการโรงพยาบาลทุกแห่ง", "อ้างถึง", "หนังสือที่สธ0201/1",
                    "สิ่งที่ส่งมาด้วย", "สำเนาหนังสือจำนวน1ฉบับ", "ด้วยสำนักงาน", "จึงเรียนมาเพื่อโปรดทราบ",
                    "ขอแสดงความนับถือ", "(นายสมหมายรักงาน)", "นายแพทย์สาธารณสุขจังหวัดขอนแก่น",
                    "กลุ่มงานประกันสุขภาพ", "โทร.043221234", "ไปรษณีย์อิเล็กทรอนิกส์kkn@example.go.th");
            assertThat(text).doesNotContain("-1-", "ทุกแห่งผ่าน");
        }
    }

    @Test
    void printsADottedLineForAReferenceNumberToFillInByHand() throws IOException {
        var l = letter(List.of(), null);
        var blank = new OfficialLetter(" ", l.senderAddress(), l.date(), l.subject(), l.addressee(), null, List.of(),
                List.of(), l.paragraphs(), l.signature(), null, null);
        try (PDDocument document = Loader.loadPDF(pdf.render(blank))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("ที่ ........").doesNotContain("อ้างถึง", "สิ่งที่ส่งมาด้วย", "โทร.");
        }
    }

    @Test
    void continuesALongTableOnNumberedPagesWithItsHeaderRepeated() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            rows.add(List.of(String.valueOf(i), "นางสาวทดสอบ ลำดับที่" + i, "พยาบาลวิชาชีพชำนาญการ"));
        }
        var table = new OfficialLetter.Table("รายชื่อ", List.of("ลำดับ", "ชื่อ-นามสกุล", "ตำแหน่ง"), List.of(1f, 3f, 3f), rows);
        try (PDDocument document = Loader.loadPDF(pdf.render(letter(List.of(), table)))) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(3);
            stripper.setEndPage(3);
            String third = stripper.getText(document);
            assertThat(third).contains("- 3 -", "ชื่อ-นามสกุล", "ตำแหน่ง");
            assertThat(new PDFTextStripper().getText(document)).contains("นางสาวทดสอบ ลำดับที่60");
        }
    }

    /** Top to bottom, left to right, without whitespace. */
    private static String inReadingOrder(PDDocument document) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        // lines wrap between Thai words, where no space is: compare without any whitespace
        return stripper.getText(document).replaceAll("\\s+", "");
    }

    private static OfficialLetter letter(List<String> enclosures, OfficialLetter.Table table) {
        return new OfficialLetter("สธ 0201/789", List.of("สำนักงานสาธารณสุขจังหวัดขอนแก่น", "ถนนศูนย์ราชการ อำเภอเมืองขอนแก่น",
                "จังหวัดขอนแก่น 40000"), LocalDate.of(2023, 3, 16), "แจ้งกำหนดการประชุม", "ผู้อำนวยการโรงพยาบาลทุกแห่ง",
                null, List.of("หนังสือที่ สธ 0201/1 ลงวันที่ 1 มีนาคม 2566"), enclosures,
                List.of("ด้วยสำนักงานสาธารณสุขจังหวัดขอนแก่นกำหนดจัดประชุมชี้แจงการเบิกจ่าย ในวันที่ 16 มีนาคม 2566"
                                + " ผ่านการประชุมออนไลน์",
                        "จึงเรียนมาเพื่อโปรดทราบ"),
                new OfficialLetter.Signature("นายสมหมาย รักงาน", "นายแพทย์สาธารณสุขจังหวัดขอนแก่น"),
                new OfficialLetter.Contact("กลุ่มงานประกันสุขภาพ", "0 4322 1234", "kkn@example.go.th"), table);
    }
}
