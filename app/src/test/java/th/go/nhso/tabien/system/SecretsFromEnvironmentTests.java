package th.go.nhso.tabien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Secrets come from the environment only. The repository may hold no literal password, client
 * secret or key in the configuration, the compose file, the realm export or the code; the one
 * demo-only default (the embedded H2's empty password, and the demo logins, both of the
 * default profile) must be absent from the postgres and keycloak profiles.
 */
class SecretsFromEnvironmentTests {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)^\\s*[\\w.-]*(password|secret|api-?key|token|credential)[\\w.-]*\\s*:\\s*(.*)$");
    /** A value taken from the environment: ${NAME}, ${NAME:} or ${NAME:?message}, nothing after the colon but a check. */
    private static final Pattern FROM_ENV = Pattern.compile("^[\"']?\\$\\{[A-Z0-9_]+(:|:\\?[^}]*)?}[\"']?$");

    private static List<Path> yamls() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("../docker/compose.yaml")));
        try (Stream<Path> s = Files.list(RESOURCES)) {
            s.filter(p -> p.getFileName().toString().matches("application.*\\.ya?ml")).forEach(files::add);
        }
        return files;
    }

    @Test
    void configurationTakesEverySecretFromTheEnvironment() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path file : yamls()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SECRET_KEY.matcher(lines.get(i));
                if (!m.matches() || lines.get(i).trim().startsWith("#")) {
                    continue;
                }
                String value = m.group(2).replaceAll("\\s+#.*$", "").trim();
                boolean demoDefault = file.endsWith("application.yaml") && value.equals("\"\""); // embedded H2 only
                if (!value.isEmpty() && !FROM_ENV.matcher(value).matches() && !demoDefault) {
                    literals.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(literals).as("secrets written into the configuration").isEmpty();
    }

    @Test
    void composeRefusesToStartWithoutTheSecrets() throws IOException {
        String compose = Files.readString(Path.of("../docker/compose.yaml"));
        Matcher m = Pattern.compile("(?m)^\\s*(\\w*(PASSWORD|SECRET)\\w*):\\s*(.+)$").matcher(compose);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(m.group(3)).as(m.group(1)).matches("\\$\\{[A-Z0-9_]+:\\?.+}");
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRealmExportHoldsNoSecretNorPassword() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Path.of("../docker/keycloak/tabien-realm.json").toFile());
        List<String> found = new ArrayList<>();
        walk(realm, "", found);
        assertThat(found).as("secrets in the realm export").isEmpty();
    }

    private static void walk(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String key = e.getKey().toLowerCase();
                JsonNode v = e.getValue();
                if (key.equals("credentials") && v.isArray() && !v.isEmpty()) {
                    found.add(path + "/" + e.getKey());
                }
                if ((key.equals("secret") || key.contains("password") && !key.equals("passwordpolicy")) && v.isTextual() && !v.asText().isEmpty()
                        && !v.asText().matches("\\$\\{[A-Z0-9_]+}")) {
                    found.add(path + "/" + e.getKey() + " = " + v.asText());
                }
                walk(v, path + "/" + e.getKey(), found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    @Test
    void theCodeHoldsNoLiteralSecret() throws IOException {
        Pattern assignment = Pattern.compile("(?i)(\\w*(?:password|secret|apikey|api_key|token)\\w*)\\s*=\\s*\"([^\"]{4,})\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = assignment.matcher(lines.get(i));
                    // constants naming a thing (a Keycloak action, a session attribute) are not secrets
                    if (m.find() && !m.group(1).matches("(?i).*(chars|policy|param|attribute)")
                            && !m.group(2).matches("[A-Z_]+|tabien\\.[\\w.]+|[\\w.-]*(Password|Secret|Token)[\\w.-]*")) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(found).as("literal secrets in the code").isEmpty();
    }

    /** The environment Spring Boot builds for a profile, with none of the secret variables set. */
    private static StandardEnvironment profile(String profile) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.setActiveProfiles(profile);
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        List<PropertySource<?>> base = loader.load("application", new FileSystemResource(RESOURCES.resolve("application.yaml")));
        // profile file first (it wins), then the documents of application.yaml that apply to this profile
        Path profileFile = RESOURCES.resolve("application-" + profile + ".yaml");
        if (Files.exists(profileFile)) {
            for (PropertySource<?> ps : loader.load(profile, new FileSystemResource(profileFile))) {
                sources.addLast(ps);
            }
        }
        for (PropertySource<?> ps : base) {
            Object onProfile = ps.getProperty("spring.config.activate.on-profile");
            if (onProfile == null || onProfile.toString().equals(profile)) {
                sources.addLast(ps);
            }
        }
        return env;
    }

    @Test
    void thePostgresAndKeycloakProfilesHaveNoDefaultSecretNorDemoLogins() throws IOException {
        StandardEnvironment postgres = profile("postgres");
        assertThat(postgres.getProperty("spring.datasource.password")).as("no default database password").isEmpty();
        assertThat(postgres.getProperty("tabien.demo.enabled", Boolean.class, false)).as("no demo logins").isFalse();

        StandardEnvironment keycloak = profile("keycloak");
        for (String key : List.of("spring.security.oauth2.client.registration.keycloak.client-secret", "tabien.keycloak.client-secret")) {
            assertThat(keycloak.getProperty(key)).as(key).isEmpty();
        }
        assertThat(keycloak.getProperty("tabien.demo.enabled", Boolean.class, false)).isFalse();

        // with the variables set, the values are the environment's
        StandardEnvironment withEnv = profile("postgres");
        withEnv.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("env",
                Map.of("POSTGRES_PASSWORD", "from-the-environment")));
        assertThat(withEnv.getProperty("spring.datasource.password")).isEqualTo("from-the-environment");
        // the default profile alone keeps the demo
        assertThat(profile("default").getProperty("tabien.demo.enabled", Boolean.class, false)).isTrue();
    }
}
