package th.go.nhso.tabien.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;

/**
 * Reads the reference-data files Tabien ships (provinces, facilities, holidays, demo data):
 * UTF-8, a header line, comma-separated cells without quoting. Not for files users upload.
 */
public final class CsvFile {

    private CsvFile() {
    }

    /** Each data line as a map from header to cell (blank cells become null). */
    public static List<Map<String, String>> read(Resource file) {
        try (var reader = new BufferedReader(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            List<Map<String, String>> rows = new ArrayList<>();
            if (headerLine == null) {
                // an empty file (a holiday year not filled in yet) has no rows, not a NullPointerException
                return rows;
            }
            String[] header = headerLine.replace("\uFEFF", "").split(",", -1);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    String cell = i < cells.length ? cells[i].strip() : "";
                    row.put(header[i].strip(), cell.isEmpty() ? null : cell);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.getDescription(), e);
        }
    }
}
