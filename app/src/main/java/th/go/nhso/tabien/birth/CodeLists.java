package th.go.nhso.tabien.birth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import th.go.nhso.tabien.system.CsvFile;

/**
 * The coded lists the record picks from: ICD-10 chapter Q birth defects (Q00–Q99) and the
 * mother's illnesses during pregnancy, shipped as files under {@code reference/}.
 */
@Component
public class CodeLists {

    private final Map<String, Code> defects = load("reference/birth-defects-q.csv");
    private final Map<String, Code> illnesses = load("reference/maternal-illnesses.csv");

    private static Map<String, Code> load(String path) {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (Map<String, String> row : CsvFile.read(new ClassPathResource(path))) {
            codes.put(row.get("code"), new Code(row.get("code"), row.get("label_th"), row.get("label_en")));
        }
        return codes;
    }

    public boolean isDefect(String code) {
        return defects.containsKey(code);
    }

    public boolean isIllness(String code) {
        return illnesses.containsKey(code);
    }

    public Code defect(String code) {
        return defects.get(code);
    }

    public Code illness(String code) {
        return illnesses.get(code);
    }

    public List<Code> allIllnesses() {
        return List.copyOf(illnesses.values());
    }

    /** Defects whose code or Thai or English label contains the query, for the searchable picker. */
    public List<Code> searchDefects(String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return defects.values().stream()
                .filter(c -> q.isEmpty() || c.code().toLowerCase(Locale.ROOT).startsWith(q) || c.labelTh().contains(q)
                        || c.labelEn().toLowerCase(Locale.ROOT).contains(q))
                .limit(limit).toList();
    }

    public record Code(String code, String labelTh, String labelEn) {
        public String display() {
            return code + " " + labelTh;
        }
    }
}
