package th.go.nhso.tabien.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExcelTableTests {

    private static final List<String> HEADERS = List.of("เลขประจำตัวประชาชน", "ชื่อ-นามสกุล", "วันที่มีผล", "จำนวน", "หมายเหตุ");

    @Test
    void writesATableThatReadsBack() throws IOException {
        List<List<Object>> rows = List.of(
                row("1101700203451", "นางสาวศิริพร แก้วประเสริฐ", LocalDate.of(2024, 3, 31), 12, null),
                row("3100600445566", "นายสมชาย ใจดี", LocalDate.of(2566 - 543, 3, 16), new BigDecimal("1234.50"), "=1+1"),
                row(null, null, null, 9_876_543_210_123_456L, "ok"));

        byte[] xlsx = ExcelTable.write("สิทธิ/รายงาน", HEADERS, rows);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).as("a name Excel accepts, Thai kept").isEqualTo("สิทธิ รายงาน");

            XSSFRow header = sheet.getRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                XSSFCell cell = header.getCell(c);
                assertThat(cell.getStringCellValue()).isEqualTo(HEADERS.get(c));
                assertThat(cell.getCellStyle().getFont().getBold()).isTrue();
                assertThat(cell.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
            }

            XSSFRow first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("1101700203451");
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("นางสาวศิริพร แก้วประเสริฐ");
            XSSFCell date = first.getCell(2);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getCellStyle().getDataFormatString()).isEqualTo("dd/mm/yyyy");
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 31));
            assertThat(first.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(12.0);
            assertThat(first.getCell(4)).as("null is an empty cell").isNull();

            XSSFRow second = sheet.getRow(2);
            assertThat(second.getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2023, 3, 16));
            assertThat(second.getCell(3).getNumericCellValue()).isEqualTo(1234.5);
            assertThat(second.getCell(4).getCellType()).as("text is never a formula").isEqualTo(CellType.STRING);
            assertThat(second.getCell(4).getStringCellValue()).isEqualTo("=1+1");

            XSSFRow third = sheet.getRow(3);
            assertThat(third.getCell(0)).isNull();
            assertThat(third.getCell(3).getStringCellValue()).as("more digits than Excel keeps: text")
                    .isEqualTo("9876543210123456");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);

            assertThat(sheet.getPaneInformation()).isNotNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            var pane = sheet.getCTWorksheet().getSheetViews().getSheetViewArray(0).getPane();
            assertThat(pane.getYSplit()).as("the header row is frozen").isEqualTo(1.0);
            assertThat(pane.isSetXSplit() ? pane.getXSplit() : 0.0).isZero();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:E4");
            assertThat(sheet.getColumnWidth(1)).as("the long Thai name column is wider")
                    .isGreaterThan(sheet.getColumnWidth(3));
            assertThat(sheet.getColumnWidth(2)).as("a date fits").isGreaterThanOrEqualTo(11 * 256);
        }
    }

    @Test
    void anEmptyTableIsAHeaderOnly() throws IOException {
        byte[] xlsx = ExcelTable.write("empty", List.of("a", "b"), List.of());

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheet("empty");
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B1");
        }
    }

    @Test
    void manyRowsStreamAndLeaveNoTemporaryFiles() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(row("ชื่อ " + i, i, LocalDate.of(2024, 1, 1).plusDays(i % 365)));
        }
        long before = sxssfTempFiles();

        byte[] xlsx = ExcelTable.write("many", List.of("name", "n", "date"), rows);

        assertThat(sxssfTempFiles()).isLessThanOrEqualTo(before);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(5_000);
            assertThat(sheet.getRow(5_000).getCell(0).getStringCellValue()).isEqualTo("ชื่อ 4999");
            assertThat(sheet.getRow(5_000).getCell(1).getNumericCellValue()).isEqualTo(4999.0);
        }
    }

    @Test
    void thaiMarksTakeNoWidth() {
        assertThat(ExcelTable.width("ที่")).isEqualTo(1);
        assertThat(ExcelTable.width("สิทธิ")).isEqualTo(3);
        assertThat(ExcelTable.width("abc\nabcdef")).isEqualTo(6);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static long sxssfTempFiles() throws IOException {
        Path poiFiles = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        if (!Files.isDirectory(poiFiles)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(poiFiles)) {
            return files.filter(p -> p.getFileName().toString().startsWith("poi-sxssf")).count();
        }
    }
}
