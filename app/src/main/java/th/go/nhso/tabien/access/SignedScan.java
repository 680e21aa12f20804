package th.go.nhso.tabien.access;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.lowagie.text.exceptions.BadPasswordException;
import com.lowagie.text.pdf.PdfReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.TabienException;

/**
 * Checks the upload a facility says is the director-signed scan of its request (letter,
 * attachment 1 and ID-card copies in one PDF, seed 001 step 1). It is judged by content, never
 * by file name: it must start with {@code %PDF-}, end with {@code %%EOF} (a cut-off upload does
 * not), open in OpenPDF, not be encrypted and have at least one page whose content can be read.
 * Refusals are {@link TabienException}s with codes {@code access.scan.*} (Thai and English in
 * messages-access): empty, tooLarge, notPdf, unreadable, encrypted, noPages.
 */
@Component
public class SignedScan {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPT = "/Encrypt".getBytes(StandardCharsets.US_ASCII);
    /** Readers accept %%EOF within the last kilobyte: some scanners append a newline or padding. */
    private static final int TRAILER_WINDOW = 1024;

    private final long maxBytes;

    public SignedScan() {
        this(DEFAULT_MAX_BYTES);
    }

    @Autowired
    public SignedScan(@Value("${tabien.access.signed-scan-max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Refuses an upload by its size alone, before a byte of it is read or parsed. */
    public void refuseIfTooLarge(long size) {
        if (size > maxBytes) {
            throw TabienException.invalid("access.scan.tooLarge", Uploads.sizeText(maxBytes));
        }
    }

    /** Reads at most {@code maxBytes + 1} bytes and checks them; closes the stream. */
    public byte[] check(InputStream upload) {
        byte[] pdf = Uploads.readAtMost(upload, maxBytes);
        check(pdf);
        return pdf;
    }

    /**
     * @return the number of pages
     * @throws TabienException {@code access.scan.*} when this is not a readable, unencrypted PDF within the limit
     */
    public int check(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            throw TabienException.invalid("access.scan.empty");
        }
        refuseIfTooLarge(pdf.length);
        if (!startsWith(pdf, HEADER)) {
            throw TabienException.invalid("access.scan.notPdf");
        }
        if (!endsWithTrailer(pdf)) {
            throw TabienException.invalid("access.scan.unreadable");
        }
        if (hasEncryptDictionary(pdf)) {
            // checked before OpenPDF opens it: OpenPDF decrypts with Bouncy Castle, which Tabien does not ship
            throw TabienException.invalid("access.scan.encrypted");
        }
        PdfReader reader;
        try {
            reader = new PdfReader(pdf);
        } catch (BadPasswordException | NoClassDefFoundError e) {
            // an encryption the scan above missed (NoClassDefFoundError: Bouncy Castle, see above)
            throw TabienException.invalid("access.scan.encrypted");
        } catch (Exception | StackOverflowError e) {
            // broken cross-reference table, objects missing, not really a PDF after its header;
            // StackOverflowError: OpenPDF parses nested arrays and dictionaries recursively, and a
            // few kilobytes of "<< /A [" nested 10,000 deep overflow the request thread's stack
            throw TabienException.invalid("access.scan.unreadable");
        }
        try {
            if (reader.isEncrypted()) {
                throw TabienException.invalid("access.scan.encrypted");
            }
            int pages = reader.getNumberOfPages();
            if (pages < 1) {
                throw TabienException.invalid("access.scan.noPages");
            }
            for (int page = 1; page <= pages; page++) {
                reader.getPageContent(page);
            }
            return pages;
        } catch (TabienException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw TabienException.invalid("access.scan.unreadable");
        } finally {
            reader.close();
        }
    }

    /**
     * Whether a trailer (or cross-reference stream) names an /Encrypt dictionary. The name is
     * looked for anywhere, as a whole PDF name: content streams of scans are compressed, so a
     * false alarm would need a page whose uncompressed text spells the PDF name /Encrypt.
     */
    static boolean hasEncryptDictionary(byte[] pdf) {
        for (int i = 0; i + ENCRYPT.length <= pdf.length; i++) {
            if (pdf[i] == '/' && Arrays.equals(pdf, i, i + ENCRYPT.length, ENCRYPT, 0, ENCRYPT.length)
                    && (i + ENCRYPT.length == pdf.length || isDelimiter(pdf[i + ENCRYPT.length]))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDelimiter(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
                || b == '/' || b == '<' || b == '[' || b == '(' || (b >= '0' && b <= '9');
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWithTrailer(byte[] bytes) {
        for (int i = bytes.length - TRAILER.length; i >= Math.max(0, bytes.length - TRAILER_WINDOW); i--) {
            if (Arrays.equals(bytes, i, i + TRAILER.length, TRAILER, 0, TRAILER.length)) {
                return true;
            }
        }
        return false;
    }
}
