package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxFeedReaderTests {

    @TempDir
    Path dir;

    @Test
    void columnsInAnyOrderAndAnyCaseWithThaiNamesAndExcelRowNumbers() throws IOException {
        Path file = write("order.xlsx", wb -> {
            Sheet sheet = wb.createSheet("รายการ");
            row(sheet, 0, " Event ", "NATIONAL_ID", "Effective_Date", "Scheme", "First_Name", "last_name", "Facility_Code");
            row(sheet, 1, "END", "1101700203451", "2024-03-31", "SSS", "สมชาย", "ใจดี", "10670");
            row(sheet, 2, " START ", "3100600445566", "2024-04-01", "uc", "  ศิริพร  ", "แก้วประเสริฐ", null);
        });

        List<FeedRow> rows = readAll(file);

        assertThat(rows).containsExactly(
                new FeedRow(2, "1101700203451", "SSS", "END", "2024-03-31", "10670", "สมชาย", "ใจดี", null),
                new FeedRow(3, "3100600445566", "uc", "START", "2024-04-01", null, "ศิริพร", "แก้วประเสริฐ", null));
    }

    @Test
    void aRealDateCellReadsAsIsoWhileTextDatesAndNumericIdsReadAsTyped() throws IOException {
        Path file = write("dates.xlsx", wb -> {
            CellStyle dayMonthYear = dateStyle(wb, "d/m/yyyy");
            CellStyle thaiDisplay = dateStyle(wb, "[$-th-TH,107]d mmmm yyyy;@");
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date", "birth_date");
            Row r = row(sheet, 1, 1101700203451L, "UC", "START", null, "16/03/2566");
            date(r, 3, LocalDate.of(2024, 3, 31), dayMonthYear);
            Row r2 = row(sheet, 2, "1101700203451", "UC", "START", "2024-03-31", null);
            date(r2, 4, LocalDate.of(1990, 12, 5), thaiDisplay);
        });

        List<FeedRow> rows = readAll(file);

        assertThat(rows.get(0).nationalId()).as("a 13-digit id typed as a number keeps its digits").isEqualTo("1101700203451");
        assertThat(rows.get(0).effectiveDate()).as("a real date cell").isEqualTo("2024-03-31");
        assertThat(rows.get(0).birthDate()).as("Buddhist-era text stays text").isEqualTo("16/03/2566");
        assertThat(rows.get(1).effectiveDate()).as("ISO text").isEqualTo("2024-03-31");
        assertThat(rows.get(1).birthDate()).as("a date shown the Thai way is still a Gregorian date").isEqualTo("1990-12-05");
    }

    @Test
    void blankRowsAreSkippedAndRowNumbersAreThoseExcelShows() throws IOException {
        Path file = write("blank.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date");
            row(sheet, 1, "1101700203451", "UC", "START", "2024-03-31");
            row(sheet, 2, "", "   ", null, "");                 // a row of empty cells
            sheet.createRow(3);                                  // an empty row
            // row 5 never written
            row(sheet, 5, "3100600445566", "SSS", "END", "2024-04-30");
        });

        assertThat(readAll(file)).extracting(FeedRow::rowNumber).containsExactly(2, 6);
    }

    @Test
    void blankRowsAboveTheHeaderAreSkippedToo() throws IOException {
        Path file = write("late-header.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 2, "national_id", "scheme", "event", "effective_date");
            row(sheet, 3, "1101700203451", "UC", "START", "2024-03-31");
        });

        assertThat(readAll(file)).extracting(FeedRow::rowNumber).containsExactly(4);
    }

    @Test
    void twentyThousandRowsStream() throws IOException {
        int n = 20_000;
        Path file = write("big.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date", "first_name");
            for (int i = 1; i <= n; i++) {
                row(sheet, i, String.valueOf(1_100_000_000_000L + i), "UC", "START", "2024-03-31", "ชื่อ" + i);
            }
        });

        int count = 0;
        FeedRow last = null;
        try (XlsxFeedReader reader = new XlsxFeedReader(file)) {
            for (Optional<FeedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                count++;
                last = row.get();
            }
            assertThat(reader.next()).isEmpty();
        }
        assertThat(count).isEqualTo(n);
        assertThat(last.rowNumber()).isEqualTo(n + 1);
        assertThat(last.nationalId()).isEqualTo(String.valueOf(1_100_000_000_000L + n));
        assertThat(last.firstName()).isEqualTo("ชื่อ" + n);
    }

    @Test
    void closingEarlyStopsTheParse() throws IOException, InterruptedException {
        Path file = write("early.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date");
            for (int i = 1; i <= 5_000; i++) {
                row(sheet, i, "1101700203451", "UC", "START", "2024-03-31");
            }
        });

        try (XlsxFeedReader reader = new XlsxFeedReader(file)) {
            assertThat(reader.next()).isPresent();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("xlsx-feed-early.xlsx") && t.isAlive());
    }

    @Test
    void aFormulaCellRefusesTheFileNamingRowAndColumn() throws IOException {
        Path file = write("formula.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date");
            row(sheet, 1, "1101700203451", "UC", "START", "2024-03-31");
            Row r = row(sheet, 2, "1101700203451", "UC", null, "2024-03-31");
            r.createCell(2).setCellFormula("\"ST\"&\"ART\"");
        });

        UnreadableFeedException e = refusal(file);

        assertThat(e.code()).isEqualTo("feed.formulas");
        assertThat(e.args()).containsExactly(3, "C");
    }

    @Test
    void aPackageWithAVbaProjectIsRefusedAsMacros() throws Exception {
        Path file = write("macros.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date");
            row(sheet, 1, "1101700203451", "UC", "START", "2024-03-31");
        });
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ_WRITE)) {
            PackagePartName name = PackagingURIHelper.createPartName("/xl/vbaProject.bin");
            PackagePart vba = pkg.createPart(name, "application/vnd.ms-office.vbaProject");
            try (OutputStream out = vba.getOutputStream()) {
                out.write(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4});
            }
            PackagePart workbook = pkg.getPartsByName(Pattern.compile("/xl/workbook.xml")).get(0);
            workbook.addRelationship(name, TargetMode.INTERNAL, "http://schemas.microsoft.com/office/2006/relationships/vbaProject");
        }

        assertThat(refusal(file).code()).isEqualTo("feed.macros");
    }

    @Test
    void filesThatAreNotXlsxAreRefused() throws IOException {
        Path text = dir.resolve("text.xlsx");
        Files.writeString(text, "national_id,scheme,event,effective_date\n1101700203451,UC,START,2024-03-31\n");
        Path empty = Files.write(dir.resolve("zero.xlsx"), new byte[0]);
        Path xls = dir.resolve("old.xlsx");
        try (HSSFWorkbook old = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
            old.createSheet("feed").createRow(0).createCell(0).setCellValue("national_id");
            old.write(out);
        }
        Path zip = dir.resolve("zip.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("สวัสดี".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        for (Path file : List.of(text, empty, xls, zip)) {
            assertThat(refusal(file).code()).as(file.getFileName().toString()).isEqualTo("feed.notXlsx");
        }
    }

    @Test
    void aWorkbookWithoutAHeaderIsEmpty() throws IOException {
        Path emptySheet = write("empty.xlsx", wb -> wb.createSheet("feed"));
        Path blankCells = write("blank-cells.xlsx", wb -> row(wb.createSheet("feed"), 0, " ", ""));
        Path noSheet = write("no-sheet.xlsx", wb -> { });

        for (Path file : List.of(emptySheet, blankCells, noSheet)) {
            assertThat(refusal(file).code()).as(file.getFileName().toString()).isEqualTo("feed.empty");
        }
    }

    @Test
    void aMissingRequiredColumnIsNamed() throws IOException {
        Path file = write("missing.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "first_name");
            row(sheet, 1, "1101700203451", "UC", "START", "สมชาย");
        });

        UnreadableFeedException e = refusal(file);

        assertThat(e.code()).isEqualTo("feed.missingColumns");
        assertThat(e.args()[0]).isEqualTo("effective_date");
    }

    @Test
    void moreRowsThanTheLimitRefuseTheFile() throws IOException {
        Path file = write("many.xlsx", wb -> {
            Sheet sheet = wb.createSheet("feed");
            row(sheet, 0, "national_id", "scheme", "event", "effective_date");
            for (int i = 1; i <= 4; i++) {
                row(sheet, i, "1101700203451", "UC", "START", "2024-03-31");
            }
        });
        assertThat(XlsxFeedReader.MAX_ROWS).isEqualTo(1_000_000);

        try (XlsxFeedReader reader = new XlsxFeedReader(file, 3)) {
            for (int i = 0; i < 3; i++) {
                assertThat(reader.next()).isPresent();
            }
            UnreadableFeedException e = catchThrowableOfType(UnreadableFeedException.class, reader::next);
            assertThat(e.code()).isEqualTo("feed.tooManyRows");
        }
        assertThat(readAll(file, 4)).hasSize(4);
    }

    // --- helpers

    private interface Build {
        void into(Workbook workbook) throws IOException;
    }

    private Path write(String name, Build build) throws IOException {
        Path file = dir.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            build.into(workbook);
            workbook.write(out);
        }
        return file;
    }

    private static Row row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (values[c] != null) {
                row.createCell(c).setCellValue(values[c].toString());
            }
        }
        return row;
    }

    private static CellStyle dateStyle(Workbook wb, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(format));
        return style;
    }

    private static void date(Row row, int column, LocalDate date, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(date);
        cell.setCellStyle(style);
    }

    private static List<FeedRow> readAll(Path file) throws IOException {
        return readAll(file, XlsxFeedReader.MAX_ROWS);
    }

    private static List<FeedRow> readAll(Path file, int maxRows) throws IOException {
        List<FeedRow> rows = new ArrayList<>();
        try (XlsxFeedReader reader = new XlsxFeedReader(file, maxRows)) {
            for (Optional<FeedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    /** The refusal, whether it comes when opening the file or while reading it. */
    private static UnreadableFeedException refusal(Path file) {
        UnreadableFeedException e = catchThrowableOfType(UnreadableFeedException.class, () -> readAll(file));
        assertThat(e).as("refused").isNotNull();
        return e;
    }
}
