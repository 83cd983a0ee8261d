package nl.waterline.crash;

import nl.waterline.start.StartCommand;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code -Dwaterline.jar}, set by failsafe) as a process of its own, on a data folder
 * and port of the test's choosing, so a test can kill it with SIGKILL and start it again on the same data.
 */
public final class PackagedServer {

    private final Process process;
    private final URI base;

    private PackagedServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    public static Path jar() {
        return Path.of(System.getProperty("waterline.jar", "target/quarkus-app/quarkus-run.jar"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the jar on 127.0.0.1:{@code port} with its database under {@code data}; returns once it answers. */
    public static PackagedServer start(Path data, int port, String... systemProperties) throws Exception {
        Path log = data.resolve("server-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of("java", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dwaterline.data-dir=" + data.resolve("db").toAbsolutePath(),
                "-Dwaterline.templates-dir=" + Path.of("session-templates").toAbsolutePath()));
        command.addAll(List.of(systemProperties));
        // As the README starts it.
        Path jar = jar().toAbsolutePath();
        command.addAll(StartCommand.jarArguments(jar));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/api/templates")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return new PackagedServer(process, base);
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("the server did not start (database did not open?): " + Files.readString(log));
                }
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("server not ready within 60 s: " + Files.readString(log));
    }

    public URI base() {
        return base;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hooks, no flushing, like a pulled plug. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
