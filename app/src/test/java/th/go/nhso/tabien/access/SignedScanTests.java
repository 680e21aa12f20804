package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

class SignedScanTests {

    private final SignedScan scan = new SignedScan();
    private final BilingualMessages messages = AccessFixtures.messages();

    @Test
    void acceptsAPdfAndCountsItsPages() {
        assertThat(scan.check(pdf(3, false, false))).isEqualTo(3);
        assertThat(scan.check(new ByteArrayInputStream(pdf(1, false, false)))).startsWith('%', 'P', 'D', 'F', '-');
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(() -> scan.check(new byte[0]), "access.scan.empty", "ว่างเปล่า", "empty");
        assertRefused(() -> scan.check(new ByteArrayInputStream(new byte[0])), "access.scan.empty", "ว่างเปล่า", "empty");
    }

    @Test
    void refusesAJpegRenamedToPdf() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0,
                (byte) 0xFF, (byte) 0xD9};
        assertRefused(() -> scan.check(jpeg), "access.scan.notPdf", "ไม่ใช่ไฟล์ PDF", "not a PDF (judged by its content");
    }

    @Test
    void refusesAnXlsx() {
        byte[] xlsx = new AttachmentOne().template(AccessFixtures.KHON_KAEN);
        assertRefused(() -> scan.check(xlsx), "access.scan.notPdf", "ไม่ใช่ไฟล์ PDF", "not a PDF");
    }

    @Test
    void refusesRandomBytes() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        assertRefused(() -> scan.check(noise), "access.scan.notPdf", "ไม่ใช่ไฟล์ PDF", "not a PDF");
    }

    @Test
    void refusesATruncatedPdf() {
        byte[] whole = pdf(2, false, false);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertRefused(() -> scan.check(half), "access.scan.unreadable", "เปิดไฟล์ PDF ไม่ได้", "cannot be opened");
    }

    @Test
    void refusesAPdfHeaderFollowedByGarbage() {
        byte[] fake = "%PDF-1.7\nthis is not a pdf at all\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertRefused(() -> scan.check(fake), "access.scan.unreadable", "เปิดไฟล์ PDF ไม่ได้", "cannot be opened");
    }

    @Test
    void refusesAPasswordProtectedPdf() {
        assertRefused(() -> scan.check(pdf(1, true, true)), "access.scan.encrypted", "ตั้งรหัสผ่าน", "password");
    }

    @Test
    void refusesAPdfEncryptedWithOnlyAnOwnerPassword() {
        assertRefused(() -> scan.check(pdf(1, true, false)), "access.scan.encrypted", "ตั้งรหัสผ่าน", "encrypted");
    }

    @Test
    void refusesAFileOverTheSizeLimit() {
        byte[] pdf = pdf(1, false, false);
        var small = new SignedScan(pdf.length - 1);
        assertRefused(() -> small.check(pdf), "access.scan.tooLarge", "ขนาดเกิน", "larger than");
        assertRefused(() -> small.check(new ByteArrayInputStream(pdf)), "access.scan.tooLarge", "ขนาดเกิน", "larger than");
        assertThat(new SignedScan(pdf.length).check(pdf)).isEqualTo(1);
        assertThat(SignedScan.DEFAULT_MAX_BYTES).isEqualTo(10 * 1024 * 1024);
        var tenMb = catchThrowableOfType(TabienException.class, () -> scan.check(new byte[11 * 1024 * 1024]));
        assertThat(messages.resolve(tenMb).th()).contains("10 MB");
    }

    private void assertRefused(ThrowingCallable check, String code, String thai, String english) {
        TabienException refusal = catchThrowableOfType(TabienException.class, check);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
        var message = messages.resolve(refusal);
        assertThat(message.th()).contains(thai);
        assertThat(message.en()).contains(english);
    }

    /** A small PDF made here, optionally encrypted with an owner password and perhaps a user password too. */
    private static byte[] pdf(int pages, boolean encrypted, boolean userPassword) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4);
        PdfWriter.getInstance(document, out);
        document.open();
        for (int i = 1; i <= pages; i++) {
            if (i > 1) {
                document.newPage();
            }
            document.add(new Paragraph("signed page " + i));
        }
        document.close();
        return encrypted ? encrypt(out.toByteArray(), userPassword) : out.toByteArray();
    }

    /** PDFBox encrypts with the JDK's AES; OpenPDF would need Bouncy Castle. */
    private static byte[] encrypt(byte[] pdf, boolean userPassword) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var policy = new StandardProtectionPolicy("owner", userPassword ? "user" : "", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
