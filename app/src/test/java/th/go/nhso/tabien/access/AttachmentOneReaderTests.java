package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static th.go.nhso.tabien.access.AccessFixtures.pid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import th.go.nhso.tabien.authen.DataCenterRole;

class AttachmentOneReaderTests {

    private final AttachmentOne attachment = new AttachmentOne();
    private final AttachmentOneReader reader = new AttachmentOneReader(AccessFixtures.check(), AccessFixtures.messages());

    @Test
    void readsBackWhatAUserTypedIntoTheTemplate() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "นักวิชาการสาธารณสุข", "somchai@example.go.th",
                    "081-234-5678", "ขอใช้", "ตรวจสอบสิทธิ", "", "", "", "Admin", "");
            // a blank row between people is skipped
            type(sheet, 7, "2", " " + pid("340990012345") + " ", "", "สุภาพร", "ศรีสุข", "พยาบาลวิชาชีพ",
                    "supaporn@example.go.th", "0898765432", "", "จองสิทธิ", "ขอใช้", "ขอใช้", "ขอใช้", "user", "ขอใช้");
        });

        List<RequestedPerson> people = reader.read(filled);

        assertThat(people).containsExactly(
                new RequestedPerson(pid("110370001234"), "นาย", "สมชาย", "ใจดี", "นักวิชาการสาธารณสุข",
                        "somchai@example.go.th", "0812345678", Set.of(DataCenterRole.INVESTMENT_BUDGET,
                        DataCenterRole.NEW_AUTHEN_CHECK, DataCenterRole.KTB_WALLET_ADMIN)),
                new RequestedPerson(pid("340990012345"), null, "สุภาพร", "ศรีสุข", "พยาบาลวิชาชีพ",
                        "supaporn@example.go.th", "0898765432", Set.of(DataCenterRole.NEW_AUTHEN_RESERVE,
                        DataCenterRole.SEAMLESS_DMIS, DataCenterRole.E_CLAIM, DataCenterRole.DRUG_CATALOG,
                        DataCenterRole.KTB_WALLET_USER, DataCenterRole.OP_PP_RECORD)));
    }

    @Test
    void readsBackTheFilledCopyItWrites() {
        List<RequestedPerson> people = AccessFixtures.threePeople();
        assertThat(reader.read(attachment.filled(AccessFixtures.KHON_KAEN, people))).isEqualTo(people);
    }

    @Test
    void readsAnIdAndAMobilePastedAsNumbers() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "", "", "", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "", "ขอใช้");
            Row row = sheet.getRow(4);
            row.getCell(1).setCellValue(Double.parseDouble(pid("110370001234")));
            row.getCell(7).setCellValue(812345678d);
        });
        assertThat(reader.read(filled)).singleElement().satisfies(p -> {
            assertThat(p.nationalId()).isEqualTo(pid("110370001234"));
            assertThat(p.mobile()).isEqualTo("0812345678");
        });
    }

    @Test
    void reportsEveryRowProblemByExcelRowAndColumnAndReturnsNothing() {
        String good = pid("110370001234");
        String badChecksum = good.substring(0, 12) + (good.charAt(12) - '0' + 1) % 10;
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", badChecksum, "นาย", "สมชาย", "ใจดี", "พยาบาล", "somchai.example.go.th", "0812345678", "ขอใช้");
            type(sheet, 6, "2", pid("340990012345"), "", "สุภาพร", "", "พยาบาล", "s@example.go.th", "12345", "", "", "",
                    "", "", "", "");
            type(sheet, 7, "3", pid("540010098765"), "", "มณีรัตน์", "ทองคำ", "เภสัช", "m@example.go.th", "0612345678",
                    "ใช่");
        });

        var refusal = refusal(() -> reader.read(filled));

        assertThat(refusal.problems()).extracting(p -> p.row() + " " + p.column()).containsExactly(
                "5 เลขประจำตัวประชาชน", "5 อีเมล",
                "6 นามสกุล", "6 โทรศัพท์มือถือ", "6 ระบบที่ขอใช้",
                "7 ระบบจัดการบริหารจัดการงบค่าเสื่อม (Investment Budget)", "7 ระบบที่ขอใช้");
        assertThat(refusal.problems().get(5).messageTh()).contains("\"ใช่\"", "ขอใช้");
        assertThat(refusal.problems().get(5).messageEn()).contains("Investment Budget", "not on the list");
        assertThat(refusal.code()).isEqualTo("access.attachment.invalid");
    }

    @Test
    void refusesTwoKtbAdminsAndTheSamePersonTwice() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "0812345678",
                    "", "", "", "", "", "Admin");
            type(sheet, 6, "2", pid("340990012345"), "", "สุภาพร", "ศรีสุข", "พยาบาล", "b@example.go.th", "0812345679",
                    "", "", "", "", "", "Admin");
            type(sheet, 7, "3", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "0812345678",
                    "ขอใช้");
        });
        var problems = refusal(() -> reader.read(filled)).problems();
        assertThat(problems).extracting(p -> p.row() + " " + p.column()).containsExactly(
                "5 KTB Health Wallet", "6 KTB Health Wallet", "7 เลขประจำตัวประชาชน");
        assertThat(problems.get(0).messageTh()).contains("แถว 5, 6");
        assertThat(problems.get(2).messageTh()).contains("ซ้ำกับแถวที่ 5");
    }

    @Test
    void refusesAPdf() {
        assertWholeFileRefused(() -> reader.read("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF".getBytes(StandardCharsets.US_ASCII)),
                "ไม่ใช่ไฟล์ Excel (.xlsx)", "not a readable Excel (.xlsx)");
    }

    @Test
    void refusesAnOldXlsRenamed() throws IOException {
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            workbook.createSheet(AttachmentOne.SHEET).createRow(0).createCell(0).setCellValue("ลำดับ");
            workbook.write(xls);
        }
        assertWholeFileRefused(() -> reader.read(xls.toByteArray()), "ไม่ใช่ไฟล์ Excel", "old .xls");
    }

    @Test
    void refusesRandomBytesAndAZipThatIsNoWorkbook() throws IOException {
        assertWholeFileRefused(() -> reader.read(new byte[] {1, 2, 3, 4, 5}), "ไม่ใช่ไฟล์ Excel", "not a readable");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        assertWholeFileRefused(() -> reader.read(zip.toByteArray()), "ไม่ใช่ไฟล์ Excel", "not a readable");
    }

    @Test
    void refusesAPasswordProtectedWorkbook() throws Exception {
        byte[] xlsx = attachment.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            var info = new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.standard);
            var encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(xlsx)); var out = encryptor.getDataStream(fs)) {
                pkg.save(out);
            }
            fs.writeFilesystem(encrypted);
        }
        assertWholeFileRefused(() -> reader.read(encrypted.toByteArray()), "ตั้งรหัสผ่าน", "password-protected");
    }

    @Test
    void refusesAMacroEnabledWorkbook() throws Exception {
        byte[] template = attachment.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());
        ByteArrayOutputStream withMacros = new ByteArrayOutputStream();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(template))) {
            var part = pkg.createPart(PackagingURIHelper.createPartName("/xl/vbaProject.bin"),
                    "application/vnd.ms-office.vbaProject");
            try (var out = part.getOutputStream()) {
                out.write(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
            }
            pkg.save(withMacros);
        }
        assertWholeFileRefused(() -> reader.read(withMacros.toByteArray()), "มาโคร", "macros");
    }

    @Test
    void refusesAFormulaCellNamingItsPlace() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "0812345678",
                    "ขอใช้");
            sheet.getRow(4).getCell(0).setCellFormula("ROW()-4");
        });
        assertWholeFileRefused(() -> reader.read(filled), "สูตรคำนวณ", "formula on sheet \"เอกสารแนบ 1\", cell A5");
    }

    @Test
    void refusesARenamedSheet() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "0812345678",
                    "ขอใช้");
            sheet.getWorkbook().setSheetName(0, "Sheet1");
        });
        assertWholeFileRefused(() -> reader.read(filled), "ไม่พบแผ่นงาน \"เอกสารแนบ 1\"", "Sheet \"เอกสารแนบ 1\" is missing");
    }

    @Test
    void refusesChangedHeaders() {
        byte[] filled = fillTemplate(sheet -> {
            type(sheet, 5, "1", pid("110370001234"), "นาย", "สมชาย", "ใจดี", "พยาบาล", "a@example.go.th", "0812345678",
                    "ขอใช้");
            sheet.getRow(3).getCell(6).setCellValue("E-mail");
        });
        assertWholeFileRefused(() -> reader.read(filled), "คอลัมน์ G (แถวที่ 4) ต้องเป็น \"อีเมล\" แต่พบ \"E-mail\"",
                "Column G (row 4) must be headed \"อีเมล\" but is \"E-mail\"; do not edit, add or remove the template's columns");
    }

    @Test
    void refusesAnEmptyTemplateAndAnEmptyFile() {
        assertWholeFileRefused(() -> reader.read(attachment.template(AccessFixtures.KHON_KAEN)),
                "ไม่มีรายชื่อผู้ขอเข้าใช้งาน (กรอกตั้งแต่แถวที่ 5)", "no people listed");
        assertWholeFileRefused(() -> reader.read(new byte[0]), "ไฟล์ว่าง", "empty");
        assertWholeFileRefused(() -> reader.read(new ByteArrayInputStream(new byte[0])), "ไฟล์ว่าง", "empty");
    }

    @Test
    void refusesAFileOverTheByteLimit() {
        byte[] filled = attachment.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());
        var small = new AttachmentOneReader(AccessFixtures.check(), AccessFixtures.messages(), 1024, 500);
        assertWholeFileRefused(() -> small.read(filled), "ขนาดเกิน 1 KB", "larger than 1 KB");
        assertWholeFileRefused(() -> small.read(new ByteArrayInputStream(filled)), "ขนาดเกิน 1 KB", "larger than 1 KB");
        assertThat(AttachmentOneReader.DEFAULT_MAX_BYTES).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void refusesMorePeopleThanTheRowLimit() {
        byte[] filled = attachment.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople());
        var two = new AttachmentOneReader(AccessFixtures.check(), AccessFixtures.messages(), 2_000_000, 2);
        assertWholeFileRefused(() -> two.read(filled), "เกิน 2 คน", "more than 2 people");
        assertThat(new AttachmentOneReader(AccessFixtures.check(), AccessFixtures.messages(), 2_000_000, 3).read(filled))
                .hasSize(3);
    }

    private static void assertWholeFileRefused(ThrowingCallable read, String thai, String english) {
        var refusal = refusal(read);
        assertThat(refusal.problems()).singleElement().satisfies(p -> {
            assertThat(p.wholeFile()).isTrue();
            assertThat(p.messageTh()).contains(thai);
            assertThat(p.messageEn()).contains(english);
        });
    }

    private static InvalidAttachmentException refusal(ThrowingCallable read) {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(read);
        assertThat(thrown).isInstanceOf(InvalidAttachmentException.class);
        return (InvalidAttachmentException) thrown;
    }

    /** Opens the template as a user would in Excel, lets the test type into it, saves it. */
    private byte[] fillTemplate(Consumer<XSSFSheet> typing) {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(attachment.template(AccessFixtures.KHON_KAEN)))) {
            typing.accept(workbook.getSheet(AttachmentOne.SHEET));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Types text into row {@code excelRow} (1-based) from column A on. */
    private static void type(XSSFSheet sheet, int excelRow, String... values) {
        Row row = sheet.getRow(excelRow - 1) != null ? sheet.getRow(excelRow - 1) : sheet.createRow(excelRow - 1);
        for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
        }
    }
}
