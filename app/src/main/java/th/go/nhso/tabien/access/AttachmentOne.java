package th.go.nhso.tabien.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.registry.Facility;

/**
 * Attachment 1 (เอกสารแนบ 1) of a Data Center account request: the Excel list of the people
 * and the systems each asks for, one row per person. {@link #template} gives a facility the
 * empty form; {@link #filled} writes the same layout with the people of a request (for the
 * ZIP package sent to NHSO). {@link AttachmentOneReader} reads it back.
 * <p>
 * Layout of sheet {@value #SHEET}: row 1 the title, row 2 the facility (hcode and name), row 3 a
 * one-line hint, row 4 the headers ({@link #headers()}), people from row 5. Every cell is
 * formatted as text, so a national ID or a mobile number keeps its digits and leading zero;
 * each system column has a drop-down list of its choices ({@link RequestedSystem#choices()}).
 * A second sheet, {@value #INSTRUCTIONS_SHEET}, explains how to fill it in.
 */
@Component
public class AttachmentOne {

    public static final String SHEET = "เอกสารแนบ 1";
    public static final String INSTRUCTIONS_SHEET = "คำอธิบาย";
    public static final String TITLE = "เอกสารแนบ 1 รายชื่อผู้ขอเข้าใช้งานระบบ Data Center ของ สปสช.";
    /** 1-based, as Excel shows it. */
    public static final int HEADER_ROW = 4;
    public static final int FIRST_PERSON_ROW = 5;
    /** How many rows of the template carry the drop-down lists. */
    static final int FORM_ROWS = 500;

    private static final List<String> TITLES = List.of("นาย", "นาง", "นางสาว");

    /** The headers of row 4, in order: the person columns, then one per system. */
    public static List<String> headers() {
        List<String> headers = new ArrayList<>();
        for (PersonColumn column : PersonColumn.values()) {
            if (column != PersonColumn.SYSTEMS) {
                headers.add(column.header());
            }
        }
        for (RequestedSystem system : RequestedSystem.values()) {
            headers.add(system.header());
        }
        return List.copyOf(headers);
    }

    /** The empty form for a facility to fill in. */
    public byte[] template(Facility facility) {
        return write(facility, List.of());
    }

    /** The form filled with the people of a request, numbered 1, 2, ... */
    public byte[] filled(Facility facility, List<RequestedPerson> people) {
        return write(facility, people);
    }

    private byte[] write(Facility facility, List<RequestedPerson> people) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            XSSFSheet sheet = workbook.createSheet(SHEET);
            List<String> headers = headers();
            int lastColumn = headers.size() - 1;

            text(sheet.createRow(0), 0, TITLE, styles.title);
            text(sheet.createRow(1), 0, "หน่วยบริการ " + facility.hcode() + " " + facility.nameTh(), styles.title);
            text(sheet.createRow(2), 0, "กรอกตั้งแต่แถวที่ " + FIRST_PERSON_ROW
                    + " หนึ่งคนต่อหนึ่งแถว เลือกระบบที่ขอใช้จากรายการในแต่ละช่อง (อ่านแผ่นงาน \"" + INSTRUCTIONS_SHEET + "\")",
                    styles.hint);
            for (int r = 0; r < 3; r++) {
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, lastColumn));
            }
            Row header = sheet.createRow(HEADER_ROW - 1);
            header.setHeightInPoints(60);
            for (int c = 0; c < headers.size(); c++) {
                text(header, c, headers.get(c), styles.header);
            }

            int r = FIRST_PERSON_ROW - 1;
            for (RequestedPerson person : people) {
                personRow(sheet.createRow(r), r - FIRST_PERSON_ROW + 2, person, styles.cell);
                r++;
            }

            int personColumns = PersonColumn.values().length - 1;
            for (int c = 0; c <= lastColumn; c++) {
                // Text format for the rows still to be typed, so Excel keeps 13 digits and leading zeros as typed.
                sheet.setDefaultColumnStyle(c, styles.textOnly);
                sheet.setColumnWidth(c, width(c, personColumns) * 256);
            }
            sheet.createFreezePane(0, HEADER_ROW);
            dropDowns(sheet, personColumns, Math.max(FORM_ROWS, people.size()));
            instructions(workbook.createSheet(INSTRUCTIONS_SHEET), styles);
            workbook.setActiveSheet(0);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void personRow(Row row, int number, RequestedPerson person, CellStyle style) {
        Cell no = row.createCell(0);
        no.setCellValue(number);
        no.setCellStyle(style);
        String[] values = {person.nationalId(), person.title(), person.firstName(), person.lastName(),
                person.position(), person.email(), person.mobile()};
        for (int i = 0; i < values.length; i++) {
            text(row, i + 1, values[i] == null ? "" : values[i], style);
        }
        int c = values.length + 1;
        for (RequestedSystem system : RequestedSystem.values()) {
            List<DataCenterRole> asked = system.requestedBy(person);
            text(row, c++, asked.isEmpty() ? "" : system.choiceFor(asked.get(0)), style);
        }
    }

    private static void dropDowns(XSSFSheet sheet, int personColumns, int rows) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        int first = FIRST_PERSON_ROW - 1;
        int last = first + rows - 1;
        // Titles: a suggestion list; any other title (ดร., ว่าที่ร้อยตรี, ...) is allowed.
        DataValidation titles = helper.createValidation(
                helper.createExplicitListConstraint(TITLES.toArray(String[]::new)),
                new CellRangeAddressList(first, last, PersonColumn.TITLE.ordinal(), PersonColumn.TITLE.ordinal()));
        titles.setShowErrorBox(false);
        sheet.addValidationData(titles);
        int c = personColumns;
        for (RequestedSystem system : RequestedSystem.values()) {
            DataValidationConstraint list = helper.createExplicitListConstraint(system.choices().toArray(String[]::new));
            DataValidation validation = helper.createValidation(list, new CellRangeAddressList(first, last, c, c));
            validation.setEmptyCellAllowed(true);
            validation.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            validation.createErrorBox("เลือกจากรายการ", "เลือก " + String.join(" หรือ ", system.choices()) + " หรือเว้นว่าง");
            sheet.addValidationData(validation);
            c++;
        }
    }

    private static void instructions(XSSFSheet sheet, Styles styles) {
        List<String> lines = new ArrayList<>(List.of(
                "วิธีกรอกเอกสารแนบ 1 รายชื่อผู้ขอเข้าใช้งานระบบ Data Center ของ สปสช.",
                "",
                "1. กรอกในแผ่นงาน \"" + SHEET + "\" ตั้งแต่แถวที่ " + FIRST_PERSON_ROW + " หนึ่งคนต่อหนึ่งแถว ห้ามแก้ไข เพิ่ม หรือลบคอลัมน์ และห้ามเปลี่ยนชื่อแผ่นงาน",
                "2. เลขประจำตัวประชาชน 13 หลัก ของผู้ขอเข้าใช้งาน (ชื่อผู้ใช้งานผูกกับเลขประจำตัวประชาชนรายบุคคล)",
                "3. คำนำหน้า ชื่อ และนามสกุล เป็นภาษาไทยตามบัตรประจำตัวประชาชน และกรอกตำแหน่งงาน",
                "4. อีเมลของผู้ขอเข้าใช้งานแต่ละคน สปสช. จะแจ้งชื่อผู้ใช้งานและรหัสผ่านทางอีเมลนี้ (รายบุคคล)",
                "5. โทรศัพท์มือถือ 10 หลัก เช่น 0812345678",
                "6. ระบบที่ขอใช้: เลือกจากรายการในช่องของแต่ละระบบ หรือเว้นว่างถ้าไม่ขอ อย่างน้อยหนึ่งระบบต่อคน",
                "   - ระบบตรวจสอบและยืนยันการเข้ารับบริการ (New Authentication): เลือก \"ตรวจสอบสิทธิ\" หรือ \"จองสิทธิ\"",
                "   - KTB Health Wallet: เลือก \"Admin\" หรือ \"User\" หนึ่งหน่วยบริการขอ Admin ได้ 1 ท่าน",
                "   - ระบบอื่น: เลือก \"" + RequestedSystem.REQUESTED + "\"",
                "7. ไม่ใช้สูตรคำนวณหรือมาโคร บันทึกเป็นไฟล์ Excel (.xlsx)",
                "8. แนบไฟล์นี้พร้อมหนังสือราชการที่ผู้อำนวยการลงนามแล้ว (สแกนเป็น PDF ไฟล์เดียว พร้อมสำเนาบัตรประจำตัวประชาชน)",
                "",
                "ระบบที่ขอใช้ได้:"));
        for (RequestedSystem system : RequestedSystem.values()) {
            lines.add("   " + (system.ordinal() + 1) + ". " + system.header() + ": " + String.join(" / ", system.choices()));
        }
        for (int r = 0; r < lines.size(); r++) {
            text(sheet.createRow(r), 0, lines.get(r), r == 0 ? styles.title : styles.plain);
        }
        sheet.setColumnWidth(0, 120 * 256);
    }

    private static int width(int column, int personColumns) {
        if (column >= personColumns) {
            return 22;
        }
        return switch (PersonColumn.values()[column]) {
            case NUMBER -> 7;
            case TITLE -> 10;
            case NATIONAL_ID, MOBILE -> 18;
            case EMAIL, POSITION -> 28;
            default -> 18;
        };
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle hint;
        final CellStyle header;
        final CellStyle cell;
        final CellStyle plain;
        /** Text format without borders, for the empty rows below the form. */
        final CellStyle textOnly;

        Styles(XSSFWorkbook workbook) {
            short text = workbook.createDataFormat().getFormat("@");
            Font bold = workbook.createFont();
            bold.setBold(true);
            bold.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(bold);
            hint = workbook.createCellStyle();
            Font italic = workbook.createFont();
            italic.setItalic(true);
            hint.setFont(italic);
            Font boldSmall = workbook.createFont();
            boldSmall.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(boldSmall);
            header.setWrapText(true);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            border(header);
            cell = workbook.createCellStyle();
            cell.setDataFormat(text);
            border(cell);
            plain = workbook.createCellStyle();
            textOnly = workbook.createCellStyle();
            textOnly.setDataFormat(text);
        }

        private static void border(CellStyle style) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
    }
}
