package th.go.nhso.tabien.entitlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import th.go.nhso.tabien.documents.XlsxPackages;

/**
 * Reads the first sheet of an XLSX change file as a stream, so a sheet of a million rows is
 * read in constant memory: the sheet XML is parsed with SAX on a background thread that hands
 * rows over through a small bounded queue, and {@link #close()} stops it.
 * <p>
 * The rules are those of {@link CsvFeedReader}: the first non-blank row names the columns (any
 * order, case ignored), blank rows are skipped, cell text is stripped and an empty cell is null.
 * Cells read as they look in Excel, except that a date-formatted number becomes ISO
 * {@code yyyy-MM-dd} and a whole number in General format keeps all its digits (a national id
 * typed as a number). Text such as a Buddhist-era {@code 16/03/2566} stays text.
 * <p>
 * The whole file is refused ({@link UnreadableFeedException}) when it is not an XLSX package
 * ({@code feed.notXlsx}: not a zip, an old .xls, an encrypted workbook, a zip bomb), holds
 * macros ({@code feed.macros}), has a formula cell on the sheet ({@code feed.formulas}, row and
 * column), no header row ({@code feed.empty}), misses a required column
 * ({@code feed.missingColumns}) or has more than 1,000,000 data rows ({@code feed.tooManyRows}).
 * The last two problems found after the header surface from {@link #next()}.
 */
public class XlsxFeedReader implements FeedReader {

    static final int MAX_ROWS = 1_000_000;

    private static final int QUEUE_SIZE = 256;
    private static final Object HEADER_READ = new Object();
    private static final Object END = new Object();

    private final int maxRows;
    private final OPCPackage pkg;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final Thread parser;
    private volatile boolean closed;
    private boolean finished;

    public XlsxFeedReader(Path file) throws IOException {
        this(file, MAX_ROWS);
    }

    XlsxFeedReader(Path file, int maxRows) throws IOException {
        this.maxRows = maxRows;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        this.pkg = open(file);
        InputStream sheet;
        SheetHandler handler;
        try {
            refuseMacros(pkg);
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904 = isDate1904(reader);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFeedException("feed.empty");
            }
            sheet = sheets.next();
            handler = new SheetHandler();
            handler.sheetHandler = new XSSFSheetXMLHandler(styles, null, strings, handler, new FeedCellFormatter(date1904), false);
        } catch (UnreadableFeedException e) {
            pkg.revert();
            throw e;
        } catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.OpenXML4JException | SAXException e) {
            pkg.revert();
            throw notXlsx(e);
        }
        this.parser = new Thread(() -> parse(sheet, handler), "xlsx-feed-" + file.getFileName());
        parser.setDaemon(true);
        parser.start();
        try {
            Object first = take();
            if (first == END) {
                throw new UnreadableFeedException("feed.empty");
            }
            if (first != HEADER_READ) {
                throw rethrow(first);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Optional<FeedRow> next() throws IOException {
        if (finished || closed) {
            return Optional.empty();
        }
        Object item = take();
        if (item instanceof FeedRow row) {
            return Optional.of(row);
        }
        finished = true;
        if (item == END) {
            return Optional.empty();
        }
        throw rethrow(item);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        if (parser != null) {
            try {
                parser.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pkg.revert();
    }

    private Object take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the XLSX feed");
        }
    }

    /** What the parser thread failed with, as the reader's caller should see it. */
    private static IOException rethrow(Object item) throws IOException {
        Throwable t = ((Failure) item).cause();
        UnreadableFeedException refusal = cause(t, UnreadableFeedException.class);
        if (refusal != null) {
            throw refusal;
        }
        if (t instanceof Error) {
            throw new IOException("reading the XLSX feed failed", t);
        }
        // broken XML or zip, a zip bomb, an entry that cannot be read
        throw notXlsx(t);
    }

    private static UnreadableFeedException notXlsx(Throwable cause) {
        UnreadableFeedException e = new UnreadableFeedException("feed.notXlsx");
        e.initCause(cause);
        return e;
    }

    private static OPCPackage open(Path file) {
        try {
            return XlsxPackages.open(file);
        } catch (XlsxPackages.NotXlsxException e) {
            throw notXlsx(e);
        }
    }

    private static void refuseMacros(OPCPackage pkg) throws XlsxPackages.NotXlsxException {
        if (XlsxPackages.hasMacros(pkg)) {
            throw new UnreadableFeedException("feed.macros");
        }
    }

    /** Whether the workbook counts dates from 1904 (old Mac Excel); workbook.xml is small. */
    private static boolean isDate1904(XSSFReader reader) throws IOException, SAXException,
            org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        boolean[] date1904 = {false};
        try (InputStream in = reader.getWorkbookData()) {
            XMLReader xml = newXmlReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        date1904[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return date1904[0];
    }

    private static XMLReader newXmlReader() throws SAXException {
        try {
            return XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }

    /** The background thread: parses the sheet and queues HEADER_READ, the rows, then END or a Failure. */
    private void parse(InputStream sheet, SheetHandler handler) {
        try (sheet) {
            XMLReader xml = newXmlReader();
            xml.setContentHandler(handler);
            xml.parse(new InputSource(sheet));
            handler.finish();
        } catch (Throwable t) {
            if (closed || cause(t, StopParsing.class) != null) {
                return;
            }
            try {
                put(new Failure(t));
            } catch (StopParsing stopped) {
                // the reader was closed meanwhile
            }
        }
    }

    /** The first exception of that type in the chain (SAX parsers may wrap what a handler throws). */
    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 20; depth++, c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Blocks while the queue is full, so the parser never runs far ahead of the reader; gives up once closed. */
    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new StopParsing();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopParsing();
        }
    }

    /**
     * Sits in front of POI's sheet handler: refuses formula cells, knows the column of the cell
     * being read (a cell may omit its reference), and turns POI's callbacks into rows.
     */
    private final class SheetHandler extends DefaultHandler implements XSSFSheetXMLHandler.SheetContentsHandler {

        XSSFSheetXMLHandler sheetHandler;
        private boolean inCell;
        private int column = -1;
        private int rowIndex = -1;
        private int dataRows;
        private List<String> header;
        private int[] positions; // sheet column -> index in FeedRow.COLUMNS, -1 when not wanted
        private List<String> headerCells;
        private String[] values;
        private boolean blank;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (closed) {
                throw new StopParsing();
            }
            if ("row".equals(localName)) {
                column = -1;
            } else if ("c".equals(localName)) {
                inCell = true;
                String ref = attributes.getValue("r");
                column = ref != null ? new CellReference(ref).getCol() : column + 1;
            } else if ("f".equals(localName) && inCell) {
                throw new UnreadableFeedException("feed.formulas", rowIndex + 1, CellReference.convertNumToColString(column));
            }
            sheetHandler.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            sheetHandler.endElement(uri, localName, qName);
            if ("c".equals(localName)) {
                inCell = false;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            sheetHandler.characters(ch, start, length);
        }

        @Override
        public void startRow(int rowNum) {
            rowIndex = rowNum;
            blank = true;
            if (header == null) {
                headerCells = new ArrayList<>();
            } else {
                values = new String[FeedRow.COLUMNS.size()];
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            String value = formattedValue == null ? "" : formattedValue.strip();
            if (value.isEmpty() || column < 0) {
                return;
            }
            blank = false;
            if (header == null) {
                while (headerCells.size() < column) {
                    headerCells.add("");
                }
                headerCells.add(value);
            } else if (column < positions.length && positions[column] >= 0) {
                values[positions[column]] = value;
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (blank) {
                return;
            }
            if (header == null) {
                Map<String, Integer> columns = CsvFeedReader.columnsOf(headerCells);
                header = headerCells;
                headerCells = null;
                positions = new int[header.size()];
                java.util.Arrays.fill(positions, -1);
                for (int i = 0; i < FeedRow.COLUMNS.size(); i++) {
                    Integer at = columns.get(FeedRow.COLUMNS.get(i));
                    if (at != null) {
                        positions[at] = i;
                    }
                }
                put(HEADER_READ);
                return;
            }
            if (++dataRows > maxRows) {
                throw new UnreadableFeedException("feed.tooManyRows", maxRows);
            }
            String[] v = values;
            put(new FeedRow(rowNum + 1, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }

        void finish() {
            put(END);
        }
    }

    /** Formats numbers as Excel shows them, but dates as ISO and whole General numbers with all their digits. */
    private static final class FeedCellFormatter extends DataFormatter {

        private final boolean date1904;

        FeedCellFormatter(boolean date1904) {
            super(Locale.US);
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            boolean use1904 = use1904Windowing || date1904;
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)
                    && (value >= 1 || use1904)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            if ((formatIndex == 0 || "General".equalsIgnoreCase(formatString)) && value == Math.rint(value)
                    && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    private record Failure(Throwable cause) {
    }

    /** Unwinds the SAX parse once the reader is closed. */
    private static final class StopParsing extends RuntimeException {
        StopParsing() {
            super(null, null, false, false);
        }
    }
}
