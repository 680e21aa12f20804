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
 * (formKey → URL template with {@code {businessKey}}), and the documents it is decided on
 * (the request ZIP, the certificate PDF), from {@code tasks/case-documents.properties}. The
 * case page shows the task's form ({@code forms/<formKey>.html}) to those who may complete it.
 */
@Component
public class CasePages {

    static final String RESOURCE = "tasks/case-pages.properties";
    static final String DOCUMENTS = "tasks/case-documents.properties";

    private final Map<String, String> templates;
    private final Map<String, String> documents;

    public CasePages() {
        this(load(RESOURCE), load(DOCUMENTS));
    }

    CasePages(Map<String, String> templates, Map<String, String> documents) {
        this.templates = Map.copyOf(templates);
        this.documents = Map.copyOf(documents);
    }

    /** The case page of a task, or empty when its formKey has no page (the admin uses Cockpit then). */
    public Optional<String> urlFor(String formKey, String businessKey) {
        return expand(templates, formKey, businessKey);
    }

    /** The document the task is decided on, or empty when its formKey has none. */
    public Optional<String> documentFor(String formKey, String businessKey) {
        return expand(documents, formKey, businessKey);
    }

    private static Optional<String> expand(Map<String, String> templates, String formKey, String businessKey) {
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

    private static Map<String, String> load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return properties.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, properties::getProperty));
    }
}
