package th.go.nhso.tabien.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Tabien as a separate operating-system process (its own JVM) on a database the test owns,
 * so a test can kill it the hard way ({@link #kill()}: SIGKILL, no shutdown hook, no flush)
 * and start it again. It runs from the test JVM's class path less the test classes, with
 * the arguments given; its output goes to {@code target/nodes/<name>.log}.
 */
public final class TabienNode implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(240);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private TabienNode(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node and returns once it answers HTTP (Flyway, the engine and the deployment done). */
    public static TabienNode start(String name, List<String> arguments) {
        try {
            int port = freePort();
            Path log = Path.of("target", "nodes", name + ".log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                    "-cp", applicationClassPath(), "th.go.nhso.tabien.TabienApplication",
                    "--server.port=" + port));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            TabienNode node = new TabienNode(name, process, port, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Kills the node as a power cut or the OOM killer would: {@code destroyForcibly()} is
     * SIGKILL on Linux, so the exit value is 128 + 9.
     *
     * @return the exit value
     */
    public int kill() {
        try {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A graceful stop (SIGTERM), for the end of a test. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's output, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException(name + " not ready within " + READY_WITHIN + ":\n" + logTail());
    }

    /**
     * The test JVM's class path without the test classes (their {@code @TestConfiguration}s
     * would be picked up by the application's component scan). Surefire may hand the JVM a
     * manifest-only jar: its {@code Class-Path} is then the real list.
     */
    static String applicationClassPath() throws IOException {
        List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).contains("surefirebooter")) {
            try (JarFile booter = new JarFile(entries.get(0))) {
                String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                entries = Arrays.stream(manifestPath.split(" ")).filter(s -> !s.isBlank())
                        .map(s -> Path.of(URI.create(s)).toString()).collect(Collectors.toCollection(ArrayList::new));
            }
        }
        return entries.stream().filter(e -> !e.replace('\\', '/').replaceAll("/$", "").endsWith("test-classes"))
                .filter(e -> !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
