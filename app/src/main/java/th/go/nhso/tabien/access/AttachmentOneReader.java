package th.go.nhso.tabien.access;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.authen.DataCenterRole;
import th.go.nhso.tabien.documents.XlsxPackages;
import th.go.nhso.tabien.system.BilingualMessages;
import th.go.nhso.tabien.system.BilingualMessages.Bilingual;

/**
 * Reads a filled attachment 1 ({@link AttachmentOne}) uploaded by a facility, all or nothing:
 * either every person, in row order, or an {@link InvalidAttachmentException} listing every
 * problem by the row and column the user sees in Excel.
 * <p>
 * The file as a whole is refused when it is empty, larger than {@code maxBytes}, not an xlsx
 * (judged by content: a PDF, an old .xls renamed, an encrypted workbook), macro-enabled, has a
 * formula in any cell, lacks sheet {@value AttachmentOne#SHEET}, has its row-4 headers changed,
 * lists no person or more than {@code maxRows}. Otherwise each row is checked: a choice that is
 * not on a system's drop-down list, then everything {@link RequestedPeopleCheck} checks.
 * Blank rows are skipped; column ลำดับ is not read.
 */
@Component
public class AttachmentOneReader {

    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;
    public static final int DEFAULT_MAX_ROWS = 500;

    private final RequestedPeopleCheck check;
    private final BilingualMessages messages;
    private final long maxBytes;
    private final int maxRows;

    public AttachmentOneReader(RequestedPeopleCheck check, BilingualMessages messages) {
        this(check, messages, DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS);
    }

    @Autowired
    public AttachmentOneReader(RequestedPeopleCheck check, BilingualMessages messages,
                               @Value("${tabien.access.attachment-max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes,
                               @Value("${tabien.access.attachment-max-rows:" + DEFAULT_MAX_ROWS + "}") int maxRows) {
        this.check = check;
        this.messages = messages;
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    /** Refuses an upload by its size alone, before a byte of it is read or parsed. */
    public void refuseIfTooLarge(long size) {
        if (size > maxBytes) {
            throw refused("access.attachment.tooLarge", Uploads.sizeText(maxBytes));
        }
    }

    /** Reads at most {@code maxBytes + 1} bytes of the upload, then as {@link #read(byte[])}; closes the stream. */
    public List<RequestedPerson> read(InputStream upload) {
        return read(Uploads.readAtMost(upload, maxBytes));
    }

    /** @throws InvalidAttachmentException with every problem; nothing is returned from a refused file */
    public List<RequestedPerson> read(byte[] file) {
        if (file == null || file.length == 0) {
            throw refused("access.attachment.empty", AttachmentOne.FIRST_PERSON_ROW);
        }
        refuseIfTooLarge(file.length);
        OPCPackage pkg;
        try {
            pkg = XlsxPackages.open(new ByteArrayInputStream(file));
        } catch (XlsxPackages.NotXlsxException e) {
            throw refused("access.attachment.notXlsx");
        }
        try {
            if (XlsxPackages.hasMacros(pkg)) {
                throw refused("access.attachment.macros");
            }
            XSSFWorkbook workbook;
            try {
                workbook = new XSSFWorkbook(pkg);
            } catch (Exception e) {
                // a zip with content types but no readable workbook part (a .docx, a broken file)
                throw refused("access.attachment.notXlsx");
            }
            return read(workbook);
        } catch (XlsxPackages.NotXlsxException e) {
            throw refused("access.attachment.notXlsx");
        } finally {
            pkg.revert();
        }
    }

    private List<RequestedPerson> read(XSSFWorkbook workbook) {
        refuseFormulas(workbook);
        Sheet sheet = workbook.getSheet(AttachmentOne.SHEET);
        if (sheet == null) {
            throw refused("access.attachment.noSheet", AttachmentOne.SHEET);
        }
        checkHeaders(sheet);

        List<RowProblem> problems = new ArrayList<>();
        Map<Integer, RequestedPerson> people = new LinkedHashMap<>();
        for (int r = AttachmentOne.FIRST_PERSON_ROW - 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || blank(row)) {
                continue;
            }
            if (people.size() == maxRows) {
                throw refused("access.attachment.tooManyRows", String.valueOf(maxRows));
            }
            people.put(r + 1, person(row, problems));
        }
        if (people.isEmpty()) {
            throw refused("access.attachment.empty", AttachmentOne.FIRST_PERSON_ROW);
        }
        problems.addAll(check.problemsWith(people));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(RowProblem::row));
            throw new InvalidAttachmentException(problems);
        }
        return List.copyOf(people.values());
    }

    private void refuseFormulas(XSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.FORMULA) {
                        throw refused("access.attachment.formula", sheet.getSheetName(),
                                new CellReference(cell).formatAsString(false));
                    }
                }
            }
        }
    }

    private void checkHeaders(Sheet sheet) {
        List<String> expected = AttachmentOne.headers();
        Row header = sheet.getRow(AttachmentOne.HEADER_ROW - 1);
        List<RowProblem> problems = new ArrayList<>();
        for (int c = 0; c < expected.size(); c++) {
            String found = header == null ? "" : normalised(text(header.getCell(c)));
            if (!normalised(expected.get(c)).equals(found)) {
                Bilingual message = messages.resolve("access.attachment.headerChanged", CellReference.convertNumToColString(c),
                        String.valueOf(AttachmentOne.HEADER_ROW), expected.get(c), found);
                problems.add(new RowProblem(RowProblem.WHOLE_FILE, null, message.th(), message.en()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAttachmentException(problems);
        }
    }

    private RequestedPerson person(Row row, List<RowProblem> problems) {
        int c = PersonColumn.NATIONAL_ID.ordinal();
        String nationalId = digits(row.getCell(c++), 13);
        String title = text(row.getCell(c++));
        String firstName = text(row.getCell(c++));
        String lastName = text(row.getCell(c++));
        String position = text(row.getCell(c++));
        String email = text(row.getCell(c++));
        String mobile = digits(row.getCell(c++), 10);
        Set<DataCenterRole> roles = EnumSet.noneOf(DataCenterRole.class);
        for (RequestedSystem system : RequestedSystem.values()) {
            String choice = text(row.getCell(c++));
            if (choice == null) {
                continue;
            }
            Optional<DataCenterRole> role = system.roleFor(choice);
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                Bilingual message = messages.resolve("access.attachment.unknownChoice", system.header(), system.nameEn(),
                        choice, String.join(" / ", system.choices()));
                problems.add(new RowProblem(row.getRowNum() + 1, system.header(), message.th(), message.en()));
            }
        }
        return new RequestedPerson(nationalId, title, firstName, lastName, position, email, mobile, roles);
    }

    /** Blank apart from the running number, which some people fill in ahead. */
    private static boolean blank(Row row) {
        int columns = AttachmentOne.headers().size();
        for (int c = PersonColumn.NATIONAL_ID.ordinal(); c < columns; c++) {
            if (text(row.getCell(c)) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A national ID or mobile number typed as a number (pasted over the template's text cells):
     * all its digits, with the leading zero Excel dropped put back.
     */
    private static String digits(Cell cell, int length) {
        if (cell != null && cell.getCellType() == CellType.NUMERIC) {
            double value = cell.getNumericCellValue();
            if (value == Math.rint(value) && value >= 0 && value < 1e15) {
                String digits = Long.toString((long) value);
                return digits.length() == length - 1 ? "0" + digits : digits;
            }
        }
        return text(cell);
    }

    /** The cell as Excel shows it, stripped; null when blank. Whole numbers keep all their digits. */
    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        String value = switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> {
                double d = cell.getNumericCellValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                        : new DataFormatter(Locale.US).formatCellValue(cell);
            }
            case BLANK, _NONE -> null;
            default -> new DataFormatter(Locale.US).formatCellValue(cell);
        };
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }

    private static String normalised(String header) {
        return header == null ? "" : header.strip().replaceAll("\\s+", " ");
    }

    private InvalidAttachmentException refused(String code, Object... args) {
        Bilingual message = messages.resolve(code, args);
        return new InvalidAttachmentException(List.of(new RowProblem(RowProblem.WHOLE_FILE, null, message.th(), message.en())));
    }
}
