package th.go.nhso.tabien.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import th.go.nhso.tabien.support.HostileInputs;
import th.go.nhso.tabien.support.HostileInputs.Gen;
import th.go.nhso.tabien.system.BilingualMessages;

/**
 * Agency change files, CSV and XLSX, as they arrive broken: random bytes, a valid file with
 * bits flipped or cut off, cells of every type (formulas, errors, booleans, dates, huge text),
 * columns shuffled or missing, a zip bomb, an encrypted workbook, an old .xls. Reading the file
 * either yields rows or refuses the whole file with {@link UnreadableFeedException} (Thai and
 * English); every row then either is a change or is rejected with a reason in both languages;
 * nothing else escapes, and every file is done within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileFeedInputTests {

    private static final BilingualMessages MESSAGES = HostileInputs.messages();
    private static final Set<String> FACILITIES = Set.of("10670", "10671");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String SHEET_XML = "xl/worksheets/sheet1.xml";
    private static final int MAX_ROWS = 200;

    private static final String VALID_CSV = """
            national_id,scheme,event,effective_date,facility_code,first_name,last_name,birth_date
            1400102039512,SSS,END,31/10/2569,,,,
            1400109999015,SSS,START,2026-11-01,,ประเสริฐ,ทำงานดี,1998-05-20
            3400100782222,,DEATH,2026-11-05,,,,
            "1400100123451","UC","START","16 มีนาคม 2566","10670","สม""ชาย","ใจดี, จริง",
            """;
    private static final byte[] VALID_XLSX = workbook(List.of(FeedRow.COLUMNS,
            List.of("1400102039512", "SSS", "END", "31/10/2569"),
            List.of("1400109999015", "SSS", "START", "2026-11-01", "", "ประเสริฐ", "ทำงานดี", "1998-05-20")));
    private static final byte[] ZIP_BOMB = HostileInputs.withBombEntry(VALID_XLSX, SHEET_XML,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
            100);

    @Test
    void aCsvFileIsReadRowByRowOrRefusedWhole() {
        HostileInputs.forAll("CSV change file", 1500, csvFiles(), file -> {
            HostileInputs.counted("entitlement: CSV change file");
            readAndParse(() -> new CsvFeedReader(new ByteArrayInputStream(file)));
        });
    }

    @Test
    void everyRowIsAChangeOrRejectedWithAReasonInBothLanguages() {
        HostileInputs.forAll("ChangeParser row", 2000, rows(), row -> {
            HostileInputs.counted("entitlement: ChangeParser row");
            checkParsed(new ChangeParser(FACILITIES).parse(row));
        });
    }

    @Test
    void anXlsxFileIsReadRowByRowOrRefusedWhole() {
        HostileInputs.forAll("XLSX change file", 300, xlsxFiles(), file -> {
            HostileInputs.counted("entitlement: XLSX change file");
            Path saved = Files.createTempFile("hostile-feed-", ".xlsx");
            try {
                Files.write(saved, file);
                readAndParse(() -> new XlsxFeedReader(saved, MAX_ROWS));
            } finally {
                Files.deleteIfExists(saved);
            }
        });
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void generatedItsShareOfTheSuitesInputs() {
        HostileInputs.assertGenerated("entitlement: ", 3800);
    }

    @AfterAll
    static void noReaderThreadLeftBehind() throws InterruptedException {
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("xlsx-feed-hostile"));
    }

    // ---- reading -----------------------------------------------------------------------------

    interface Opener {
        FeedReader open() throws IOException;
    }

    private static void readAndParse(Opener opener) {
        long start = System.nanoTime();
        ChangeParser parser = new ChangeParser(FACILITIES);
        try (FeedReader reader = opener.open()) {
            int rows = 0;
            for (Optional<FeedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                assertThat(row.get().rowNumber()).isGreaterThan(1);
                checkParsed(parser.parse(row.get()));
                rows++;
            }
            assertThat(rows).isLessThanOrEqualTo(MAX_ROWS);
        } catch (UnreadableFeedException refused) {
            HostileInputs.assertBilingual(MESSAGES, refused);
        } catch (IOException e) {
            throw new AssertionError("only a refusal may leave a reader: " + e, e);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    private static void checkParsed(Object parsed) {
        if (parsed instanceof Change change) {
            assertThat(change.nationalId()).isNotNull();
            assertThat(change.effectiveDate()).isNotNull();
            assertThat(change.facilityCode()).isIn(null, "10670", "10671");
            assertThat(change.scheme() != null || change.event() == Change.Event.DEATH).isTrue();
        } else {
            RowOutcome rejected = (RowOutcome) parsed;
            assertThat(rejected.outcome()).isEqualTo(RowOutcome.Outcome.REJECTED);
            HostileInputs.assertBilingual(MESSAGES, rejected.reasonCode(), rejected.reasonArg());
        }
    }

    // ---- generators --------------------------------------------------------------------------

    private static Gen<byte[]> csvFiles() {
        byte[] valid = VALID_CSV.getBytes(StandardCharsets.UTF_8);
        Gen<byte[]> generated = rowsOfCells().map(rows -> {
            StringBuilder csv = new StringBuilder();
            rows.forEach(r -> csv.append(String.join(",", r)).append(r.size() % 3 == 0 ? "\r\n" : "\n"));
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        });
        return Gen.oneOf(HostileInputs.randomBytes(2048), HostileInputs.mutated(valid), generated,
                Gen.just(new byte[0]), Gen.just(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
                Gen.just(VALID_XLSX), Gen.just("national_id\n".repeat(3).getBytes(StandardCharsets.UTF_8)),
                Gen.just(("national_id,scheme,event,effective_date\n\"" + "x".repeat(100_000))
                        .getBytes(StandardCharsets.UTF_8)),
                Gen.just("national_id,scheme,event,effective_date\n".getBytes(StandardCharsets.UTF_16)));
    }

    private static Gen<byte[]> xlsxFiles() {
        Gen<List<List<String>>> rows = rowsOfCells();
        Gen<Integer> kinds = Gen.between(0, 9);
        Gen<byte[]> generated = Gen.combine(p -> workbookOfTypes(p.draw(rows), p.draw(kinds)));
        return Gen.frequency(
                Gen.weighted(4, generated),
                Gen.weighted(4, HostileInputs.mutated(VALID_XLSX)),
                Gen.weighted(1, HostileInputs.randomBytes(4096)),
                Gen.weighted(1, Gen.of(ZIP_BOMB, encrypted(VALID_XLSX), oldXls(), new byte[0],
                        VALID_CSV.getBytes(StandardCharsets.UTF_8), hugeSheet(), macroEnabled(VALID_XLSX))));
    }

    private static Gen<FeedRow> rows() {
        Gen<String> pid = Gen.oneOf(Gen.numeric(11).map(d -> "3" + d).map(d -> d + th.go.nhso.tabien.registry.NationalId.checkDigit(d)),
                HostileInputs.digitsLike(13), HostileInputs.oddText(), Gen.just(null));
        Gen<String> scheme = Gen.oneOf(Gen.of("UC", "SSS", "ofc", " LGO ", "SOE", "FOREIGN", "VOID",
                "NONE", "uc\u200B"), HostileInputs.oddText(), Gen.just(null));
        Gen<String> event = Gen.oneOf(Gen.of("START", "END", "DEATH", "death", "Start ", "STOP"),
                HostileInputs.oddText(), Gen.just(null));
        Gen<String> date = Gen.oneOf(Gen.of("2026-11-01", "31/10/2569", "16 มีนาคม 2566", "29/02/2567",
                "30/02/2567", "๑๖/๐๓/๒๕๖๖", "0000-01-01", "9999-12-31", "31/12/99999"), HostileInputs.oddText(),
                Gen.just(null));
        Gen<String> facility = Gen.oneOf(Gen.of("10670", "99999", "1067", "๑๐๖๗๐"), HostileInputs.oddText(),
                Gen.just(null));
        Gen<String> name = Gen.oneOf(HostileInputs.oddText(), Gen.just(null));
        Gen<Integer> rowNumber = Gen.between(2, 1_000_001);
        return Gen.combine(p -> {
            int n = p.draw(rowNumber);
            String id = p.draw(pid);
            String s = p.draw(scheme);
            String e = p.draw(event);
            String d = p.draw(date);
            String f = p.draw(facility);
            String first = p.draw(name);
            return new FeedRow(n, id, s, e, d, f, first, first, p.draw(date));
        });
    }

    /** Up to 12 rows of up to 10 cells: the real columns in any order and case, or none, then odd values. */
    private static Gen<List<List<String>>> rowsOfCells() {
        Gen<List<String>> header = Gen.oneOf(
                Gen.shuffled(FeedRow.COLUMNS),
                Gen.subsetOf(FeedRow.COLUMNS),
                Gen.shuffled(FeedRow.COLUMNS).map(h -> h.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList()),
                HostileInputs.oddText().list(0, 10));
        Gen<String> cell = Gen.oneOf(Gen.of("1400102039512", "SSS", "START", "END", "DEATH",
                "2026-11-01", "31/10/2569", "10670", "\"", "\"a,b\"", "=1+1", "@SUM(A1)", ""), HostileInputs.oddText());
        Gen<List<List<String>>> body = cell.list(0, 10).list(0, 11);
        return Gen.combine(p -> {
            List<List<String>> rows = new ArrayList<>();
            rows.add(p.draw(header));
            rows.addAll(p.draw(body));
            return rows;
        });
    }

    // ---- files -------------------------------------------------------------------------------

    private static byte[] workbook(List<List<String>> rows) {
        return workbookOfTypes(rows, 0);
    }

    /**
     * The rows in a workbook; {@code kinds} turns some cells into other types: numbers, dates,
     * booleans, errors, formulas, huge text, cells far to the right or far down.
     */
    private static byte[] workbookOfTypes(List<List<String>> rows, int kinds) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(kinds == 9 ? "รายการ" : "changes");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat(kinds % 2 == 0 ? "d/m/yyyy" : "[$-th-TH,107]d mmmm yyyy;@"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(kinds == 8 && r > 0 ? r * 50_000 : r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Cell cell = row.createCell(kinds == 7 && c == cells.size() - 1 ? 16_000 : c);
                    String v = cells.get(c);
                    int kind = r == 0 ? 0 : (kinds + r + c) % 10;
                    switch (kinds == 0 ? 0 : kind) {
                        case 1 -> cell.setCellValue(v.length() * 1e11 + r);
                        case 2 -> {
                            cell.setCellValue(LocalDate.of(1900 + (v.length() * 37 + c) % 1200, 1 + r % 12, 1 + c % 28));
                            cell.setCellStyle(date);
                        }
                        case 3 -> cell.setCellValue(r % 2 == 0);
                        case 4 -> cell.setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.DIV0.getCode());
                        case 5 -> cell.setCellFormula(r % 2 == 0 ? "1+1" : "A1&\"x\"");
                        case 6 -> cell.setCellValue(v.repeat(Math.min(1000, 32_000 / Math.max(1, v.length()))));
                        case 7 -> cell.setCellValue(-v.length() - 0.5);
                        default -> cell.setCellValue(v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 20,000 data rows (the reader here stops at {@value #MAX_ROWS}): refused as too many, within the time bound. */
    private static byte[] hugeSheet() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(FeedRow.COLUMNS);
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of("1400102039512", "SSS", "END", "31/10/2569"));
        }
        return workbook(rows);
    }

    /** The workbook encrypted with a password as Excel does ("standard" AES): an OLE2 container, not a zip. */
    static byte[] encrypted(byte[] xlsx) {
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
        try (Workbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row header = wb.createSheet("changes").createRow(0);
            for (int i = 0; i < FeedRow.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(FeedRow.COLUMNS.get(i));
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook with a vbaProject.bin part, as an .xlsm renamed to .xlsx. */
    static byte[] macroEnabled(byte[] xlsx) {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String types = new String(entries.get("[Content_Types].xml"), StandardCharsets.UTF_8).replace("</Types>",
                "<Override PartName=\"/xl/vbaProject.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>");
        entries.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
        entries.put("xl/vbaProject.bin", new byte[] {1, 2, 3});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
