package th.go.nhso.tabien.documents;

import java.time.LocalDate;
import java.util.List;

/**
 * The content of an external official letter (หนังสือภายนอก, Regulation on Correspondence
 * B.E. 2526), as {@link OfficialLetterPdf} lays it out. Optional parts are null or empty and
 * then left out: {@code via} (ผ่าน), {@code references} (อ้างถึง), {@code enclosures}
 * (สิ่งที่ส่งมาด้วย, numbered when more than one), {@code contact} and {@code table}.
 *
 * @param referenceNumber ที่, e.g. "ขก 0033.301/123"; blank prints a dotted line to fill in by hand
 * @param senderAddress   the sender's name and address, one line each, top right
 * @param date            printed with Thai month names and the Buddhist-era year
 * @param subject         เรื่อง
 * @param addressee       เรียน, the position addressed (not a person's name)
 * @param paragraphs      the body, one paragraph each (the last usually จึงเรียนมาเพื่อ...)
 * @param signature       the name and position of the signatory
 * @param table           a list printed on the following page(s), e.g. the people of a request
 */
public record OfficialLetter(String referenceNumber, List<String> senderAddress, LocalDate date, String subject,
                             String addressee, String via, List<String> references, List<String> enclosures,
                             List<String> paragraphs, Signature signature, Contact contact, Table table) {

    public OfficialLetter {
        senderAddress = senderAddress == null ? List.of() : List.copyOf(senderAddress);
        references = references == null ? List.of() : List.copyOf(references);
        enclosures = enclosures == null ? List.of() : List.copyOf(enclosures);
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
    }

    /**
     * @param name     printed in parentheses under the space for the hand signature
     * @param position one or more lines ("\n"), e.g. ผู้อำนวยการโรงพยาบาลขอนแก่น
     */
    public record Signature(String name, String position) {
    }

    /** The unit responsible for the matter, printed at the bottom left: ส่วนราชการเจ้าของเรื่อง, โทร., e-mail. */
    public record Contact(String unit, String phone, String email) {
    }

    /**
     * A ruled table with a title, its header repeated on every page.
     *
     * @param widths relative column widths, or null for equal columns
     */
    public record Table(String title, List<String> headers, List<Float> widths, List<List<String>> rows) {
        public Table {
            headers = List.copyOf(headers);
            widths = widths == null ? null : List.copyOf(widths);
            rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
            if (widths != null && widths.size() != headers.size()) {
                throw new IllegalArgumentException("one width per column: " + headers.size());
            }
        }
    }
}
