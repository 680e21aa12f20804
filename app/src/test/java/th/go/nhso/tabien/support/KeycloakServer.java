package th.go.nhso.tabien.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

import th.go.nhso.tabien.authen.keycloak.KeycloakProperties;

/**
 * A real Keycloak for the {@code Keycloak*Tests}: the distribution Maven unpacked into
 * {@code target/keycloak} (see app/pom.xml), started once per JVM in dev mode on free ports
 * with the project's realm ({@code docker/keycloak/tabien-realm.json}) imported into a
 * fresh data directory, and stopped when the JVM exits. The bootstrap admin and the
 * {@code tabien} client's secret are random for each run.
 */
public final class KeycloakServer {

    public static final String REALM = "tabien";
    public static final String CLIENT_ID = "tabien";
    /** Why a Keycloak test skips itself in the other surefire executions (app/pom.xml). */
    public static final String OWN_JVM = "Keycloak*Tests run in the keycloak-tests execution's JVM";
    private static final Duration READY_WITHIN = Duration.ofSeconds(240);

    private static KeycloakServer instance;

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final String adminPassword = UUID.randomUUID().toString();
    private final String clientSecret = UUID.randomUUID().toString();
    private final Duration startTime;
    private Process process;

    /** The running server, started on the first call. */
    public static synchronized KeycloakServer get() {
        if (instance == null) {
            instance = new KeycloakServer();
        }
        return instance;
    }

    private KeycloakServer() {
        home = Path.of(System.getProperty("tabien.test.keycloak-home", "target/keycloak/keycloak-26.5.6")).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests through Maven, which unpacks it");
        }
        httpPort = freePort();
        managementPort = freePort();
        try {
            freshData(home);
            Files.deleteIfExists(home.resolveSibling("keycloak.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-stop"));
        startTime = launch();
        System.out.printf("Keycloak ready on port %d after %.1f s%n", httpPort, startTime.toMillis() / 1000.0);
    }

    /** Starts the server on this instance's ports and data directory and waits until it is ready. */
    private Duration launch() {
        long started = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder("/bin/bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + httpPort, "--http-management-port=" + managementPort, "--health-enabled=true",
                    "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolveSibling("keycloak.log").toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            // the realm file reads the client secret from ${KEYCLOAK_CLIENT_SECRET}
            builder.environment().put("KEYCLOAK_CLIENT_SECRET", clientSecret);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(managementPort, home);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * An outage: the server stops (SIGTERM, as an operator or a crashed host would leave it),
     * keeping its data directory for {@link #restart()}.
     */
    public synchronized void stopForOutage() {
        stop();
    }

    /** Back after an outage, on the same ports with the same data (realm, users, keys). */
    public synchronized Duration restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("Keycloak is running");
        }
        Duration took = launch();
        System.out.printf("Keycloak back on port %d after %.1f s%n", httpPort, took.toMillis() / 1000.0);
        return took;
    }

    /** A data directory of this run's own, holding only the realm to import (an existing realm is never re-imported). */
    private static void freshData(Path home) throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path imports = Files.createDirectories(data.resolve("import"));
        Path realm = projectRoot().resolve("docker/keycloak/tabien-realm.json");
        Files.copy(realm, imports.resolve("tabien-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docker/keycloak"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker/keycloak not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private void awaitReady(int managementPort, Path home) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + home.resolveSibling("keycloak.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready within " + READY_WITHIN + "; see " + home.resolveSibling("keycloak.log"));
    }

    /** SIGTERM to kc.sh (which is the server's JVM: the script execs java), then a kill if it lingers. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    public String url() {
        return "http://localhost:" + httpPort;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public Duration startTime() {
        return startTime;
    }

    /** Tabien's settings for this server, as the {@code keycloak} profile reads them. */
    public KeycloakProperties properties() {
        return new KeycloakProperties(url(), REALM, CLIENT_ID, clientSecret, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    /** The master realm's bootstrap admin, for test set-up beyond what Tabien's service account may do. */
    public Keycloak admin() {
        return KeycloakBuilder.builder().serverUrl(url()).realm("master").clientId("admin-cli")
                .username("admin").password(adminPassword).build();
    }

    /** A port nobody listens on, for the "Keycloak out of reach" tests. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
