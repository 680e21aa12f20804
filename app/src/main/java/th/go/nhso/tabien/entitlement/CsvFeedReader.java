package th.go.nhso.tabien.entitlement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a UTF-8 CSV change file line by line: a header naming the columns (any order, case
 * ignored, BOM allowed), then one change a line; cells may be quoted with "".
 */
public class CsvFeedReader implements FeedReader {

    private final BufferedReader reader;
    private final Map<String, Integer> columns;
    private int lineNumber = 1;

    public CsvFeedReader(InputStream in) throws IOException {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        String header = readLine();
        if (header == null || header.isBlank()) {
            throw new UnreadableFeedException("feed.empty");
        }
        this.columns = columnsOf(cells(header.replace("\uFEFF", "")));
    }

    static Map<String, Integer> columnsOf(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = FeedRow.COLUMNS.subList(0, 4).stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFeedException("feed.missingColumns", String.join(", ", missing), String.join(",", FeedRow.COLUMNS));
        }
        return columns;
    }

    @Override
    public Optional<FeedRow> next() throws IOException {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return Optional.empty();
            }
            lineNumber++;
        } while (line.isBlank());
        return Optional.of(row(lineNumber, cells(line), columns));
    }

    static FeedRow row(int number, List<String> cells, Map<String, Integer> columns) {
        return new FeedRow(number, cell(cells, columns, "national_id"), cell(cells, columns, "scheme"),
                cell(cells, columns, "event"), cell(cells, columns, "effective_date"), cell(cells, columns, "facility_code"),
                cell(cells, columns, "first_name"), cell(cells, columns, "last_name"), cell(cells, columns, "birth_date"));
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= cells.size()) {
            return null;
        }
        String value = cells.get(i).strip();
        return value.isEmpty() ? null : value;
    }

    private String readLine() throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new UnreadableFeedException("feed.notUtf8");
        }
    }

    /** Splits one line; a quoted cell may hold commas and doubled quotes. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
