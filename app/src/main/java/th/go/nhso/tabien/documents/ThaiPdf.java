package th.go.nhso.tabien.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.BitSet;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import com.lowagie.text.pdf.PdfChunk;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

import th.go.nhso.tabien.system.BilingualMessages;

/**
 * Thai text for OpenPDF documents: the embedded Sarabun fonts, glyph shaping so vowels and tone
 * marks sit where they belong, and line breaks between Thai words (Thai writes no spaces between
 * words). Build every Thai chunk, phrase, paragraph and table through here; text is left aligned
 * because justifying stretches the letter spacing and pulls marks off their consonants.
 */
public final class ThaiPdf {

    /** Thai government documents are set in 16 pt. */
    public static final float BODY = 16f;
    public static final float HEADING = 18f;
    public static final float SMALL = 12f;
    /** Line height per point of font size: room for a tone mark above an upper vowel and a lower vowel below. */
    public static final float LEADING = 1.3f;

    static {
        // The layout processor only shapes fonts created after it is on, and it is JVM-wide and can be switched on only once.
        if (!LayoutProcessor.isEnabled()) {
            LayoutProcessor.enableKernLiga();
        }
        // Shaping turns สำ into the glyphs ◌ํ + า; ActualText makes copy and search give back the text as written.
        LayoutProcessor.setWriteActualText();
    }

    // Loaded by classpath resource name, which both OpenPDF and the layout processor resolve, also inside a jar.
    private static final BaseFont REGULAR = load("templates/fonts/Sarabun-Regular.ttf");
    private static final BaseFont BOLD = load("templates/fonts/Sarabun-Bold.ttf");

    private ThaiPdf() {
    }

    public static Font regular(float size) {
        return new Font(REGULAR, size);
    }

    public static Font bold(float size) {
        return new Font(BOLD, size);
    }

    public static Font body() {
        return regular(BODY);
    }

    public static Font heading() {
        return bold(HEADING);
    }

    /** A fresh Thai line breaker; it caches the text it last looked at, so give each chunk its own. */
    public static SplitCharacter thaiLineBreaks() {
        return new ThaiLineBreaks();
    }

    public static Chunk chunk(String text, Font font) {
        Chunk chunk = new Chunk(text == null ? "" : text, font);
        chunk.setSplitCharacter(thaiLineBreaks());
        return chunk;
    }

    public static Phrase phrase(String text, Font font) {
        Phrase phrase = new Phrase(font.getSize() * LEADING);
        phrase.setFont(font);
        phrase.add(chunk(text, font));
        return phrase;
    }

    public static Paragraph paragraph(String text, Font font) {
        return paragraph(text, font, Element.ALIGN_LEFT);
    }

    /** Left or centred; {@link Element#ALIGN_JUSTIFIED} is refused (see the class comment). */
    public static Paragraph paragraph(String text, Font font, int alignment) {
        if (alignment == Element.ALIGN_JUSTIFIED || alignment == Element.ALIGN_JUSTIFIED_ALL) {
            throw new IllegalArgumentException("Thai text is never justified");
        }
        Paragraph paragraph = new Paragraph(font.getSize() * LEADING);
        // OpenPDF sets spacing before and after in the paragraph's own font: without this, a blank in Helvetica.
        paragraph.setFont(font);
        paragraph.add(chunk(text, font));
        paragraph.setAlignment(alignment);
        return paragraph;
    }

    /** A borderless two-column table, full width, the label column taking {@code labelShare} (0–1) of it. */
    public static PdfPTable labelValueTable(float labelShare) {
        PdfPTable table = new PdfPTable(new float[] {labelShare, 1 - labelShare});
        table.setWidthPercentage(100);
        return table;
    }

    /** One label/value row; each may wrap onto several lines of its own column. */
    public static void row(PdfPTable table, String label, String value, Font labelFont, Font valueFont) {
        table.addCell(cell(label, labelFont));
        table.addCell(cell(value, valueFont));
    }

    /** A borderless, left-aligned cell on {@link #LEADING}. */
    public static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(phrase(text, font));
        // A cell ignores its phrase's leading and would set lines one font size apart: marks would collide.
        cell.setLeading(0, LEADING);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        // Rows one leading apart, whatever marks the words carry, so every line sits on an even pitch.
        cell.setPaddingTop(0);
        cell.setPaddingBottom(font.getSize() * 0.1f);
        cell.setPaddingLeft(0);
        cell.setPaddingRight(font.getSize() * 0.4f);
        return cell;
    }

    /** A table cell with a thin border all round and a little room inside, for ruled tables. */
    public static PdfPCell borderedCell(String text, Font font) {
        PdfPCell cell = cell(text, font);
        cell.setBorder(Rectangle.BOX);
        cell.setBorderWidth(0.5f);
        cell.setPaddingLeft(font.getSize() * 0.3f);
        cell.setPaddingRight(font.getSize() * 0.3f);
        cell.setPaddingBottom(font.getSize() * 0.3f);
        return cell;
    }

    /**
     * A signature block as Thai official documents place it: a fixed-width column on the right
     * half of the page, each line centred in it, kept together on one page.
     */
    public static PdfPTable signatureBlock(java.util.List<String> lines, Font font, float width) {
        PdfPTable block = new PdfPTable(1);
        block.setTotalWidth(width);
        block.setLockedWidth(true);
        block.setHorizontalAlignment(Element.ALIGN_RIGHT);
        block.setKeepTogether(true);
        for (String line : lines) {
            // an empty line still takes a line's height: the room for the hand signature
            PdfPCell cell = cell(line.isEmpty() ? " " : line, font);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            block.addCell(cell);
        }
        return block;
    }

    private static BaseFont load(String resource) {
        try {
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read font " + resource, e);
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot load font " + resource, e);
        }
    }

    /**
     * Allows a line break only where {@link BreakIterator} finds a Thai (or any) word boundary.
     * OpenPDF asks character by character whether it may break after it, passing the same array
     * each time, so the boundaries are worked out once per array and range.
     */
    private static final class ThaiLineBreaks implements SplitCharacter {

        private char[] text;
        private int start;
        private int end;
        private final BitSet breaksAfter = new BitSet();

        @Override
        public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
            if (cc != text || start != this.start || end != this.end) {
                remember(start, end, cc);
            }
            return breaksAfter.get(current);
        }

        private void remember(int start, int end, char[] cc) {
            text = cc;
            this.start = start;
            this.end = end;
            breaksAfter.clear();
            BreakIterator words = BreakIterator.getLineInstance(BilingualMessages.THAI);
            words.setText(new String(cc, start, end - start));
            for (int boundary = words.next(); boundary != BreakIterator.DONE; boundary = words.next()) {
                breaksAfter.set(start + boundary - 1);
            }
        }
    }
}
