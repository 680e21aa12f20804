package th.go.nhso.tabien.documents;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
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

/**
 * Lays out a Thai external official letter (หนังสือภายนอก) on A4 in Sarabun 16 pt, the way the
 * Regulation on Correspondence B.E. 2526 places its parts: ที่ at the top left and the sender's
 * address at the top right; the date from the middle of the page; เรื่อง, เรียน, (ผ่าน),
 * อ้างถึง and สิ่งที่ส่งมาด้วย as label and text; the body with an indented first line;
 * ขอแสดงความนับถือ and the signature block (room for the hand signature, the name in
 * parentheses, the position) on the right half; the responsible unit with phone and e-mail at
 * the bottom left of the letter's last page. An optional table (a list of people) follows on
 * its own page(s), with its header repeated. Pages after the first are numbered at the top
 * ("- 2 -"), as Thai letters are. No Garuda emblem: the facility prints on its letterhead or
 * signs the letter as it is.
 */
@Component
public class OfficialLetterPdf {

    /** Margins of Thai official letters: 3 cm on the binding side, 2 cm right, 2 cm top and bottom. */
    private static final float LEFT = 85;
    private static final float RIGHT = 57;
    private static final float TOP = 57;
    private static final float BOTTOM = 57;
    /** The first line of a body paragraph starts 2.5 cm in. */
    private static final float INDENT = 71;
    /** Between a label (เรื่อง, เรียน) and its text: about two spaces. */
    private static final float LABEL_GAP = 14;
    private static final float TABLE_TEXT = 14f;
    private static final String CLOSING = "ขอแสดงความนับถือ";
    private static final String BLANK_NUMBER = "..................................";

    private final Font text = ThaiPdf.body();

    public byte[] render(OfficialLetter letter) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, LEFT, RIGHT, TOP, BOTTOM);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(new PageNumbers());
        document.addTitle(letter.subject());
        if (!letter.senderAddress().isEmpty()) {
            document.addAuthor(letter.senderAddress().get(0));
        }
        document.addCreator("ระบบทะเบียน สปสช.");
        document.open();
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString("th"));

        heading(document, letter);
        date(document, letter);
        lines(document, letter);
        for (String paragraph : letter.paragraphs()) {
            Paragraph p = ThaiPdf.paragraph(paragraph, text);
            p.setFirstLineIndent(INDENT);
            p.setSpacingBefore(text.getSize() * 0.5f);
            document.add(p);
        }
        signature(document, letter.signature());
        contact(document, writer, letter.contact());
        table(document, letter.table());

        document.close();
        return out.toByteArray();
    }

    /** ที่ on the left, the sender's address from a little right of the middle, both from the top. */
    private void heading(Document document, OfficialLetter letter) {
        PdfPTable heading = new PdfPTable(new float[] {0.45f, 0.55f});
        heading.setWidthPercentage(100);
        String number = letter.referenceNumber() == null || letter.referenceNumber().isBlank()
                ? BLANK_NUMBER : letter.referenceNumber().strip();
        heading.addCell(ThaiPdf.cell("ที่ " + number, text));
        heading.addCell(ThaiPdf.cell(String.join("\n", letter.senderAddress()), text));
        document.add(heading);
    }

    private void date(Document document, OfficialLetter letter) {
        Paragraph date = ThaiPdf.paragraph(ThaiDates.format(letter.date(), BilingualMessages.THAI), text);
        date.setIndentationLeft(halfWidth(document));
        date.setSpacingBefore(text.getSize() * 0.5f);
        document.add(date);
    }

    /** Each line's text follows its label after a short gap; a wrapped text lines up under its own start. */
    private void lines(Document document, OfficialLetter letter) {
        line(document, "เรื่อง", letter.subject(), text.getSize() * 0.5f);
        line(document, "เรียน", letter.addressee(), 0);
        if (letter.via() != null && !letter.via().isBlank()) {
            line(document, "ผ่าน", letter.via(), 0);
        }
        if (!letter.references().isEmpty()) {
            line(document, "อ้างถึง", numbered(letter.references()), 0);
        }
        if (!letter.enclosures().isEmpty()) {
            line(document, "สิ่งที่ส่งมาด้วย", numbered(letter.enclosures()), 0);
        }
    }

    private void line(Document document, String label, String value, float spacingBefore) {
        float total = document.right() - document.left();
        float labelWidth = text.getBaseFont().getWidthPoint(label, text.getSize()) + LABEL_GAP;
        PdfPTable line = new PdfPTable(2);
        line.setTotalWidth(new float[] {labelWidth, total - labelWidth});
        line.setLockedWidth(true);
        line.setHorizontalAlignment(Element.ALIGN_LEFT);
        line.setSpacingBefore(spacingBefore);
        ThaiPdf.row(line, label, value, text, text);
        document.add(line);
    }

    private void signature(Document document, OfficialLetter.Signature signature) {
        // two empty lines: the room for the hand signature
        List<String> lines = new ArrayList<>(List.of(CLOSING, "", ""));
        if (signature != null) {
            lines.add("(" + signature.name() + ")");
            if (signature.position() != null) {
                lines.addAll(List.of(signature.position().split("\n")));
            }
        }
        PdfPTable block = ThaiPdf.signatureBlock(lines, text, halfWidth(document) + 60);
        block.setSpacingBefore(text.getSize() * 0.5f);
        document.add(block);
    }

    /** At the bottom left of the page when there is room under the signature, else next in the flow. */
    private void contact(Document document, PdfWriter writer, OfficialLetter.Contact contact) {
        if (contact == null) {
            return;
        }
        PdfPTable block = new PdfPTable(1);
        float width = document.right() - document.left();
        block.setTotalWidth(width);
        block.setLockedWidth(true);
        block.setKeepTogether(true);
        List<String> lines = new ArrayList<>();
        add(lines, contact.unit(), "");
        add(lines, contact.phone(), "โทร. ");
        add(lines, contact.email(), "ไปรษณีย์อิเล็กทรอนิกส์ ");
        for (String line : lines) {
            block.addCell(ThaiPdf.cell(line, text));
        }
        float height = block.getTotalHeight();
        float spacing = text.getSize() * 0.5f;
        if (writer.getVerticalPosition(true) - spacing - height >= document.bottom()) {
            block.writeSelectedRows(0, -1, document.left(), document.bottom() + height, writer.getDirectContent());
        } else {
            block.setSpacingBefore(spacing);
            document.add(block);
        }
    }

    private void table(Document document, OfficialLetter.Table table) {
        if (table == null) {
            return;
        }
        document.newPage();
        if (table.title() != null && !table.title().isBlank()) {
            Paragraph title = ThaiPdf.paragraph(table.title(), ThaiPdf.bold(ThaiPdf.BODY), Element.ALIGN_CENTER);
            title.setSpacingAfter(text.getSize() * 0.5f);
            document.add(title);
        }
        int columns = table.headers().size();
        float[] widths = new float[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = table.widths() == null ? 1f : table.widths().get(c);
        }
        PdfPTable grid = new PdfPTable(widths);
        grid.setWidthPercentage(100);
        grid.setHeaderRows(1);
        Font header = ThaiPdf.bold(TABLE_TEXT);
        Font cells = ThaiPdf.regular(TABLE_TEXT);
        for (String name : table.headers()) {
            PdfPCell cell = ThaiPdf.borderedCell(name, header);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            cell.setGrayFill(0.9f);
            grid.addCell(cell);
        }
        for (List<String> row : table.rows()) {
            for (int c = 0; c < columns; c++) {
                grid.addCell(ThaiPdf.borderedCell(c < row.size() ? row.get(c) : "", cells));
            }
        }
        document.add(grid);
    }

    private static void add(List<String> lines, String value, String prefix) {
        if (value != null && !value.isBlank()) {
            lines.add(prefix + value.strip());
        }
    }

    private static String numbered(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add((i + 1) + ". " + items.get(i));
        }
        return String.join("\n", lines);
    }

    private static float halfWidth(Document document) {
        return (document.right() - document.left()) / 2;
    }

    /** From page 2 on, the page number at the top centre: "- 2 -". */
    private static final class PageNumbers extends PdfPageEventHelper {
        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            int page = writer.getPageNumber();
            if (page > 1) {
                ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                        ThaiPdf.phrase("- " + page + " -", ThaiPdf.body()),
                        (document.left() + document.right()) / 2, document.top() + 24, 0);
            }
        }
    }
}
