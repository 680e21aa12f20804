package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.TabienException;

/**
 * The facility's two uploads as they arrive broken: attachment 1 (xlsx) and the signed scan
 * (PDF). Each is read into people or pages, or refused with its documented exception whose
 * every problem is told in Thai and English; nothing else escapes (no POI or OpenPDF exception,
 * no StackOverflowError), and each file is done within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileUploadInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static final AttachmentOne ATTACHMENT = new AttachmentOne();
    private static final AttachmentOneReader READER = new AttachmentOneReader(AccessFixtures.check(), AccessFixtures.messages());
    private static final SignedScan SCAN = new SignedScan();
    private static final byte[] TEMPLATE = ATTACHMENT.template(AccessFixtures.KHON_KAEN);
    private static final byte[] FILLED = ATTACHMENT.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());
    private static final byte[] PDF = pdf(2);

    @Test
    void anAttachmentIsReadIntoPeopleOrRefusedWithEveryProblemInBothLanguages() {
        HostileInputs.forAll("attachment 1 (xlsx)", 300, attachments(), file -> {
            HostileInputs.counted("access: attachment 1 (xlsx)");
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> {
                List<RequestedPerson> people = READER.read(file);
                assertThat(people).isNotEmpty().hasSizeLessThanOrEqualTo(AttachmentOneReader.DEFAULT_MAX_ROWS);
                people.forEach(p -> assertThat(th.go.nhso.tabien.registry.NationalId.isValid(p.nationalId())).isTrue());
            });
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(InvalidAttachmentException.class);
                InvalidAttachmentException refused = (InvalidAttachmentException) thrown;
                HostileInputs.assertBilingual(MESSAGES, refused);
                assertThat(refused.problems()).isNotEmpty().allSatisfy(p ->
                        HostileInputs.assertBilingual(p.messageTh(), p.messageEn(), "row " + p.row() + " " + p.column()));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        });
    }

    @Test
    void aScanIsAReadablePdfOrRefusedInBothLanguages() {
        HostileInputs.forAll("signed scan (pdf)", 800, scans(), file -> {
            HostileInputs.counted("access: signed scan (pdf)");
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> assertThat(SCAN.check(file)).isPositive());
            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(TabienException.class);
                assertThat(((TabienException) thrown).code()).startsWith("access.scan.");
                HostileInputs.assertBilingual(MESSAGES, (TabienException) thrown);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("access: ", 1100);
    }

    // ---- attachment 1 ------------------------------------------------------------------------

    private static Gen<byte[]> attachments() {
        Gen<String> value = Gen.oneOf(Gen.of(AccessFixtures.pid("110370001234"), "นาย", "สมชาย",
                "a@example.go.th", "0812345678", "ขอใช้", "ตรวจสอบสิทธิ", "จองสิทธิ", "Admin", "user", "=1+1", ""),
                HostileInputs.oddText());
        Gen<List<List<String>>> people = value.list(0, 17).list(0, 8);
        Gen<byte[]> generated = Gen.combine(p -> typedInto(p.draw(people), p.draw(Gen.between(0, 7)), p.draw(Gen.between(0, 3))));
        return Gen.frequency(
                Gen.weighted(4, generated),
                Gen.weighted(4, HostileInputs.mutated(FILLED)),
                Gen.weighted(1, HostileInputs.randomBytes(4096)),
                Gen.weighted(1, Gen.of(attachmentBomb(), encryptedXlsx(FILLED), oldXls(), new byte[0], PDF,
                        tooManyPeople(), Arrays.copyOf(FILLED, (int) AttachmentOneReader.DEFAULT_MAX_BYTES + 1))));
    }

    /**
     * The template with people typed in; {@code kinds} turns cells into numbers, booleans, errors
     * or formulas; {@code damage} renames the sheet, changes a header or adds a formula elsewhere.
     */
    private static byte[] typedInto(List<List<String>> people, int kinds, int damage) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(TEMPLATE));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.getSheet(AttachmentOne.SHEET);
            for (int r = 0; r < people.size(); r++) {
                Row row = sheet.getRow(AttachmentOne.FIRST_PERSON_ROW - 1 + r * (1 + kinds % 2));
                if (row == null) {
                    row = sheet.createRow(AttachmentOne.FIRST_PERSON_ROW - 1 + r * (1 + kinds % 2));
                }
                List<String> cells = people.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Cell cell = row.getCell(c + 1) == null ? row.createCell(c + 1) : row.getCell(c + 1);
                    String v = cells.get(c);
                    switch (kinds == 0 ? 0 : (kinds + r + c) % 8) {
                        case 1 -> cell.setCellValue(v.length() * 123456789.0);
                        case 2 -> cell.setCellValue(v.isEmpty());
                        case 3 -> cell.setCellErrorValue(FormulaError.NA.getCode());
                        case 4 -> cell.setCellValue(-0.5 - v.length());
                        case 5 -> cell.setCellValue(1e300);
                        default -> cell.setCellValue(v);
                    }
                }
            }
            switch (damage) {
                case 1 -> wb.setSheetName(wb.getSheetIndex(sheet), "Sheet1");
                case 2 -> sheet.getRow(AttachmentOne.HEADER_ROW - 1).getCell(2).setCellValue("ชื่อ");
                case 3 -> wb.getSheetAt(wb.getNumberOfSheets() - 1).createRow(90).createCell(3).setCellFormula("SUM(A1:A2)");
                default -> { }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tooManyPeople() {
        List<List<String>> people = new ArrayList<>();
        for (int i = 0; i < AttachmentOneReader.DEFAULT_MAX_ROWS + 5; i++) {
            people.add(List.of(AccessFixtures.pid(String.format("1103700%05d", i)), "นาย", "สมชาย", "ใจดี"));
        }
        return typedInto(people, 0, 0);
    }

    /** The filled attachment with its people sheet (sheet1.xml) inflating to 200 MB of blanks. */
    private static byte[] attachmentBomb() {
        return HostileInputs.withBombEntry(FILLED, "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
                200);
    }

    static byte[] encryptedXlsx(byte[] xlsx) {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.standard).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(xlsx)); OutputStream os = encryptor.getDataStream(fs)) {
                pkg.save(os);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] oldXls() {
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet(AttachmentOne.SHEET).createRow(0).createCell(0).setCellValue(AttachmentOne.TITLE);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- signed scan -------------------------------------------------------------------------

    private static Gen<byte[]> scans() {
        Gen<byte[]> framed = HostileInputs.randomBytes(2048).map(b -> concat("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), b,
                "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        Gen<byte[]> nested = Gen.combine(p -> ascii("%PDF-1.4\n1 0 obj\n"
                + p.draw(Gen.of("[", "<<", "<< /A [", "(", "<")).repeat(p.draw(Gen.between(1_000, 200_000)))
                + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));
        Gen<byte[]> objects = Gen.combine(p -> {
            String dict = p.draw(Gen.of("/Type /Catalog /Pages 2 0 R", "/Type /Pages /Kids [3 0 R] /Count -1",
                    "/Type /Pages /Kids [2 0 R] /Count 1", "/Type /Page /Parent 2 0 R /Contents 9 0 R",
                    "/Length 999999999", "/Filter /FlateDecode /Length 5", "/Encrypt 5 0 R", "/Count 2147483647"));
            int n = p.draw(Gen.between(1, 4));
            return ascii("%PDF-1.7\n" + (n + " 0 obj\n<< " + dict + " >>\nendobj\n")
                    + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size " + n
                    + " /Root 1 0 R >>\nstartxref\n9\n%%EOF");
        });
        return Gen.frequency(
                Gen.weighted(4, HostileInputs.mutated(PDF)),
                Gen.weighted(2, framed),
                Gen.weighted(1, nested),
                Gen.weighted(1, objects),
                Gen.weighted(1, HostileInputs.randomBytes(2048)),
                Gen.weighted(1, Gen.of(encryptedPdf(PDF), new byte[0], FILLED, ascii("%PDF-"), ascii("%PDF-1.4\n%%EOF"),
                        concat(PDF, new byte[(int) SignedScan.DEFAULT_MAX_BYTES]))));
    }

    private static byte[] pdf(int pages) {
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
        return out.toByteArray();
    }

    private static byte[] encryptedPdf(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
