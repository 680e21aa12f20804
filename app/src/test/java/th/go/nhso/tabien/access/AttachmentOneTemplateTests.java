package th.go.nhso.tabien.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class AttachmentOneTemplateTests {

    private final AttachmentOne attachment = new AttachmentOne();

    @Test
    void namesTheFacilityAndHeadsTheColumnsInThai() throws IOException {
        try (var workbook = open(attachment.template(AccessFixtures.KHON_KAEN))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("เอกสารแนบ 1");
            assertThat(workbook.getSheetName(1)).isEqualTo("คำอธิบาย");
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("เอกสารแนบ 1", "Data Center");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("หน่วยบริการ 10670 โรงพยาบาลขอนแก่น");
            Row header = sheet.getRow(3);
            List<String> headers = new java.util.ArrayList<>();
            header.forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers).containsExactly("ลำดับ", "เลขประจำตัวประชาชน", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง",
                    "อีเมล", "โทรศัพท์มือถือ",
                    "ระบบจัดการบริหารจัดการงบค่าเสื่อม (Investment Budget)",
                    "ระบบตรวจสอบและยืนยันการเข้ารับบริการ (New Authentication)",
                    "Seamless for DMIS (Moph Claim)",
                    "ระบบบันทึกข้อมูลและประมวลผลข้อมูลทางการแพทย์ E-Claim",
                    "ระบบบริหารจัดการรหัสยามาตรฐาน (Drug Catalog)",
                    "KTB Health Wallet", "OP/PP Individual Record");
            assertThat(sheet.getLastRowNum()).as("no person rows yet").isEqualTo(3);
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 4);
        }
    }

    @Test
    void formatsTheIdAndPhoneColumnsAsTextSoDigitsAndLeadingZerosStay() throws IOException {
        try (var workbook = open(attachment.template(AccessFixtures.KHON_KAEN))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getColumnStyle(1).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getColumnStyle(7).getDataFormatString()).isEqualTo("@");
        }
    }

    @Test
    void offersADropDownListPerSystem() throws IOException {
        try (var workbook = open(attachment.template(AccessFixtures.KHON_KAEN))) {
            List<? extends DataValidation> validations = workbook.getSheetAt(0).getDataValidations();
            assertThat(validations).hasSize(1 + 7);
            var lists = validations.stream()
                    .filter(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn() >= 8)
                    .map(v -> List.of(v.getValidationConstraint().getExplicitListValues()))
                    .toList();
            assertThat(lists).containsExactly(List.of("ขอใช้"), List.of("ตรวจสอบสิทธิ", "จองสิทธิ"), List.of("ขอใช้"),
                    List.of("ขอใช้"), List.of("ขอใช้"), List.of("Admin", "User"), List.of("ขอใช้"));
            assertThat(validations).allSatisfy(v -> {
                assertThat(v.getRegions().getCellRangeAddress(0).getFirstRow()).isEqualTo(4);
                assertThat(v.getRegions().getCellRangeAddress(0).getLastRow()).isEqualTo(4 + 500 - 1);
            });
        }
    }

    @Test
    void explainsInThaiHowToFillItIn() throws IOException {
        try (var workbook = open(attachment.template(AccessFixtures.KHON_KAEN))) {
            StringBuilder text = new StringBuilder();
            workbook.getSheet("คำอธิบาย").forEach(row -> text.append(row.getCell(0).getStringCellValue()).append('\n'));
            assertThat(text).contains("หนึ่งคนต่อหนึ่งแถว", "ตรวจสอบสิทธิ", "Admin ได้ 1 ท่าน", "เลขประจำตัวประชาชน 13 หลัก");
        }
    }

    @Test
    void writesTheFilledCopyInTheSameLayout() throws IOException {
        try (var workbook = open(attachment.filled(AccessFixtures.KHON_KAEN, AccessFixtures.threePeople()))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            Row first = sheet.getRow(4);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo(AccessFixtures.pid("110370001234"));
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("สมชาย");
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo("0812345678");
            assertThat(first.getCell(8).getStringCellValue()).isEqualTo("ขอใช้");
            assertThat(first.getCell(9).getStringCellValue()).isEqualTo("ตรวจสอบสิทธิ");
            assertThat(first.getCell(13).getStringCellValue()).isEqualTo("Admin");
            assertThat(sheet.getRow(5).getCell(9).getStringCellValue()).isEqualTo("จองสิทธิ");
            assertThat(sheet.getLastRowNum()).isEqualTo(6);
        }
    }

    private static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }
}
