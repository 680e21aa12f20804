package th.go.nhso.tabien.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Where a task is worked: its formKey's case page, from {@code tasks/case-pages.properties}
 * (formKey → URL template with {@code {businessKey}}). The case page shows the task's form
 * ({@code forms/<formKey>.html}) to those who may complete it.
 */
@Component
public class CasePages {

    static final String RESOURCE = "tasks/case-pages.properties";

    private final Map<String, String> templates;

    public CasePages() {
        this(load());
    }

    CasePages(Map<String, String> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The case page of a task, or empty when its formKey has no page (the admin uses Cockpit then). */
    public Optional<String> urlFor(String formKey, String businessKey) {
        if (formKey == null) {
            return Optional.empty();
        }
        String template = templates.get(formKey);
        if (template == null || template.contains("{businessKey}") && businessKey == null) {
            return Optional.empty();
        }
        return Optional.of(template.replace("{businessKey}",
                businessKey == null ? "" : URLEncoder.encode(businessKey, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return properties.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, properties::getProperty));
    }
}
