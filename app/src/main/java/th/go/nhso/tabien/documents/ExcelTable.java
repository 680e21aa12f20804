package th.go.nhso.tabien.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a table (a header row, then data rows) as an .xlsx download. Rows are streamed through
 * SXSSF, so a large table does not sit in memory: a bold, shaded, frozen header with an
 * auto-filter, column widths from the text length, numbers as numbers, {@link LocalDate} as real
 * date cells shown {@code dd/mm/yyyy}, null as an empty cell. Text is always written as text, so a
 * value such as {@code =1+1} never becomes a formula.
 */
public final class ExcelTable {

    private static final int WINDOW = 100;
    private static final int MIN_WIDTH = 6;
    private static final int MAX_WIDTH = 60;
    /** Excel keeps 15 significant digits; longer whole numbers (ids) are written as text. */
    private static final int MAX_DIGITS = 15;
    private static final int MAX_TEXT = 32_767;

    private ExcelTable() {
    }

    public static byte[] write(String sheetName, List<String> headers, List<List<Object>> rows) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        try {
            workbook.setCompressTempFiles(true);
            Styles styles = new Styles(workbook);
            SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(
                    sheetName == null || sheetName.isBlank() ? "Sheet1" : sheetName));
            int columns = headers.size();
            for (List<Object> row : rows) {
                columns = Math.max(columns, row.size());
            }
            int[] widths = new int[columns];

            Row headerRow = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = headerRow.createCell(c);
                String text = headers.get(c) == null ? "" : headers.get(c);
                cell.setCellValue(text);
                cell.setCellStyle(styles.header);
                widths[c] = width(text) + 3; // room for the filter button
            }
            int r = 1;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    widths[c] = Math.max(widths[c], set(row, c, values.get(c), styles));
                }
            }

            sheet.createFreezePane(0, 1);
            if (!headers.isEmpty()) {
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, headers.size() - 1));
            }
            for (int c = 0; c < columns; c++) {
                sheet.setColumnWidth(c, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c] + 1)) * 256);
            }

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // temp files are already gone; nothing was opened for reading
            }
        }
    }

    /** Writes one value and returns the width it needs, in characters. */
    private static int set(Row row, int column, Object value, Styles styles) {
        if (value == null) {
            return 0;
        }
        Cell cell = row.createCell(column);
        if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.date);
            return 10;
        }
        if (value instanceof LocalDateTime dateTime) {
            cell.setCellValue(dateTime);
            cell.setCellStyle(styles.dateTime);
            return 16;
        }
        if (value instanceof Boolean b) {
            cell.setCellValue(b);
            return 5;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (decimal == null) { // NaN or infinite: Excel has no such number
                cell.setCellValue(number.toString());
                return number.toString().length();
            }
            boolean whole = decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
            String digits = whole ? decimal.toBigInteger().toString() : null;
            boolean floating = number instanceof Double || number instanceof Float;
            if (whole && !floating && digits.replace("-", "").length() > MAX_DIGITS) {
                // Excel would round it (an id held in a long): keep every digit as text
                cell.setCellValue(digits);
                return digits.length();
            }
            cell.setCellValue(number.doubleValue());
            if (whole) {
                cell.setCellStyle(styles.integer);
            }
            return Math.min(decimal.stripTrailingZeros().toPlainString().length(), MAX_DIGITS + 2);
        }
        String text = value.toString();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        cell.setCellValue(text);
        return width(text);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /**
     * The width of a text in characters: Thai vowel and tone marks sit above or below the
     * letter and take no room of their own; the longest line counts.
     */
    static int width(String text) {
        int widest = 0;
        int current = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                widest = Math.max(widest, current);
                current = 0;
            } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                current += Character.isIdeographic(cp) ? 2 : 1;
            }
        }
        return Math.max(widest, current);
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle date;
        final CellStyle dateTime;
        final CellStyle integer;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            short dateFormat = workbook.createDataFormat().getFormat("dd/mm/yyyy");
            date = workbook.createCellStyle();
            date.setDataFormat(dateFormat);
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            integer = workbook.createCellStyle();
            integer.setDataFormat(workbook.createDataFormat().getFormat("0"));
        }
    }
}
