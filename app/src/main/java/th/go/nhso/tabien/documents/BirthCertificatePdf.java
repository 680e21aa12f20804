package th.go.nhso.tabien.documents;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.ThaiDates;

/** Lays out the birth certificate (หนังสือรับรองการเกิด) on one A4 page. */
@Component
public class BirthCertificatePdf {

    private static final String TITLE = "หนังสือรับรองการเกิด";
    private static final String UNNAMED = "(ยังไม่ได้ตั้งชื่อ)";
    private static final String NONE = "ไม่มี";
    private static final String UNKNOWN = "ไม่ระบุ";
    private static final String FOOTER = "เอกสารนี้ออกโดยระบบทะเบียน สปสช.";

    // 14 pt rather than the usual 16: at 15 pt a typical certificate already spills its signature onto a second page.
    private static final float TEXT = 14f;
    private static final float LABEL_SHARE = 0.3f;

    private final Font text = ThaiPdf.regular(TEXT);
    private final Font section = ThaiPdf.bold(TEXT + 1);

    public byte[] render(BirthCertificateDocument doc) {
        var out = new ByteArrayOutputStream();
        // Thai official margins: wider on the binding side.
        var document = new Document(PageSize.A4, 70, 50, 40, 45);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(new Footer());
        document.addTitle(TITLE + " " + doc.certificateNumber());
        document.addAuthor(doc.facilityName());
        document.addCreator("ระบบทะเบียน สปสช.");
        document.open();
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString("th"));

        header(document, doc);
        child(document, doc);
        family(document, doc);
        attendant(document, doc);
        list(document, "4. ข้อมูลเด็กเพิ่มเติม (ความพิการแต่กำเนิด)", "ความพิการที่พบ", doc.birthDefects());
        list(document, "5. โรคหรือภาวะของมารดาขณะตั้งครรภ์", "โรคหรือภาวะที่พบ", doc.motherIllnesses());
        other(document, doc);
        signature(document);

        document.close();
        return out.toByteArray();
    }

    private void header(Document document, BirthCertificateDocument doc) {
        document.add(ThaiPdf.paragraph(TITLE, ThaiPdf.bold(20), Element.ALIGN_CENTER));
        document.add(ThaiPdf.paragraph("เลขที่ " + doc.certificateNumber(), ThaiPdf.bold(TEXT), Element.ALIGN_CENTER));
        document.add(ThaiPdf.paragraph(doc.facilityName() + " (รหัสสถานพยาบาล " + doc.facilityCode() + ") จังหวัด"
                + doc.provinceName(), text, Element.ALIGN_CENTER));
        // The issue date closes the heading block with a rule under it.
        PdfPCell issued = ThaiPdf.cell("ออกให้ ณ วันที่ " + date(doc.issuedOn()), text);
        issued.setHorizontalAlignment(Element.ALIGN_CENTER);
        issued.setBorder(Rectangle.BOTTOM);
        issued.setBorderWidth(0.75f);
        issued.setPaddingBottom(6);
        PdfPTable block = new PdfPTable(1);
        block.setWidthPercentage(100);
        block.addCell(issued);
        block.setSpacingAfter(2);
        document.add(block);
    }

    private void child(Document document, BirthCertificateDocument doc) {
        PdfPTable rows = section(document, "1. ข้อมูลเด็ก");
        row(rows, "ชื่อ – นามสกุล", childName(doc.childFirstName(), doc.childLastName()));
        row(rows, "เพศ", orUnknown(doc.childSex()));
        row(rows, "วันและเวลาเกิด", dateTime(doc.birthDateTime()));
        row(rows, "สถานที่เกิด", orUnknown(doc.placeOfBirth()));
        row(rows, "ชนิดการเกิด", doc.plurality() <= 1 ? "ครรภ์เดี่ยว"
                : "ครรภ์แฝด " + doc.plurality() + " คน เป็นคนที่ " + doc.birthOrder());
        row(rows, "น้ำหนักแรกเกิด", doc.weightGrams() == null ? UNKNOWN
                : String.format(Locale.ROOT, "%,d กรัม", doc.weightGrams()));
        row(rows, "อายุครรภ์", doc.gestationalAgeWeeks() == null ? UNKNOWN : doc.gestationalAgeWeeks() + " สัปดาห์");
        document.add(rows);
    }

    private void family(Document document, BirthCertificateDocument doc) {
        PdfPTable rows = section(document, "2. สถานภาพครอบครัว");
        row(rows, "มารดา", parent(doc.mother()));
        row(rows, "บิดา", parent(doc.father()));
        row(rows, "สถานภาพครอบครัว", orUnknown(doc.familyStatus()));
        document.add(rows);
    }

    private void attendant(Document document, BirthCertificateDocument doc) {
        PdfPTable rows = section(document, "3. ผู้ทำคลอด");
        row(rows, "ประเภทผู้ทำคลอด", orUnknown(doc.attendantType()));
        row(rows, "ชื่อผู้ทำคลอด", orUnknown(doc.attendantName()));
        document.add(rows);
    }

    private void list(Document document, String heading, String rowLabel, List<String> items) {
        PdfPTable rows = section(document, heading);
        row(rows, rowLabel, items == null || items.isEmpty() ? NONE : String.join("\n", items));
        document.add(rows);
    }

    private void other(Document document, BirthCertificateDocument doc) {
        PdfPTable rows = section(document, "6. อื่น ๆ");
        row(rows, "หมายเหตุ", blank(doc.notes()) ? "-" : doc.notes());
        row(rows, "ผู้แจ้ง", orUnknown(doc.informant()));
        document.add(rows);
    }

    private void signature(Document document) {
        // A right-hand block, as on Thai official forms: a fixed-width table pushed to the right.
        PdfPTable block = ThaiPdf.signatureBlock(List.of("ลงชื่อ .................................... ผู้รับรองการเกิด",
                "(....................................)", "ตำแหน่ง ...................................."), text, 300);
        block.setSpacingBefore(TEXT * 1.2f);
        document.add(block);
    }

    /** Adds the section heading and returns the empty label/value table for its rows. */
    private PdfPTable section(Document document, String heading) {
        Paragraph title = ThaiPdf.paragraph(heading, section);
        title.setSpacingBefore(TEXT * 0.5f);
        document.add(title);
        PdfPTable rows = ThaiPdf.labelValueTable(LABEL_SHARE);
        // Indents the rows under their heading.
        rows.setWidthPercentage(96);
        rows.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return rows;
    }

    private void row(PdfPTable rows, String name, String value) {
        ThaiPdf.row(rows, name, value, text, text);
    }

    private static String childName(String first, String last) {
        return fullName(blank(first) ? UNNAMED : first, last);
    }

    private static String fullName(String first, String last) {
        return ((blank(first) ? "" : first.strip()) + " " + (blank(last) ? "" : last.strip())).strip();
    }

    private static String parent(BirthCertificateDocument.Parent parent) {
        if (parent == null) {
            return UNKNOWN;
        }
        return fullName(parent.firstName(), parent.lastName()) + "   สัญชาติ " + orUnknown(parent.nationality())
                + "\n" + parent.idLabel()
                + "\nเกิดวันที่ " + (parent.birthDate() == null ? UNKNOWN : date(parent.birthDate()))
                + "   จังหวัด " + orUnknown(parent.provinceName());
    }

    private static String date(LocalDate date) {
        return ThaiDates.format(date, BilingualMessages.THAI);
    }

    /** "20 พฤศจิกายน 2569 เวลา 08:30 น." in Bangkok time, whatever offset the instant came with. */
    private static String dateTime(OffsetDateTime time) {
        if (time == null) {
            return UNKNOWN;
        }
        ZonedDateTime bangkok = time.atZoneSameInstant(ThaiDates.BANGKOK);
        return date(bangkok.toLocalDate()) + String.format(Locale.ROOT, " เวลา %02d:%02d น.", bangkok.getHour(), bangkok.getMinute());
    }

    private static String orUnknown(String value) {
        return blank(value) ? UNKNOWN : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The footer note sits at the bottom of the page, out of the flow of the form. */
    private static final class Footer extends PdfPageEventHelper {
        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    ThaiPdf.phrase(FOOTER, ThaiPdf.regular(ThaiPdf.SMALL)),
                    (document.left() + document.right()) / 2, document.bottom() - 22, 0);
        }
    }
}
