import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the class-data-sharing archive that the start command uses ({@code -XX:SharedArchiveFile=
 * target/quarkus-app/waterline.jsa}): starts the packaged jar once with {@code -XX:ArchiveClassesAtExit}, waits
 * until {@code GET /api/templates} answers 200, stops it with SIGTERM, and the JVM writes the classes it loaded.
 * Run by Maven in {@code package}, right after the jar is built (the archive is only valid for that jar, and for
 * the JDK that wrote it): {@code java src/build/CdsArchive.java <jar> <archive> <log>}.
 *
 * <p>Half of Waterline's start-up was loading and verifying ~12,000 classes; with the archive ~8,800 of them
 * are mapped ready-made, including the ones of Quarkus's own class loader (JDK 17 archives classes of custom
 * loaders dynamically and reuses them when the class bytes match). A stale archive (another jar or JDK) is not
 * an error for the start command: the JVM prints a warning and loads the classes from the jars as before. A
 * missing one is silently ignored, but then the JDK's own default archive is not used either.
 */
public class CdsArchive {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path archive = Path.of(args[1]);
        Path log = Path.of(args[2]);
        Files.deleteIfExists(archive);
        Path data = Files.createTempDirectory("waterline-cds-training");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The same java as the one running this file: the archive only maps into the JVM build that wrote it.
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dwaterline.data-dir=" + data.toAbsolutePath(),
                "-jar", jar.toString());
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(server, URI.create("http://127.0.0.1:" + port + "/api/templates"), log);
        } finally {
            server.destroy(); // SIGTERM: a normal exit, at which the JVM writes the archive
            if (!server.waitFor(120, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(data);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no archive written; see " + log);
        }
        System.out.printf("[INFO] Class-data-sharing archive written: %s (%d MiB)%n", archive, Files.size(archive) >> 20);
    }

    private static void awaitReady(Process server, URI ready, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the packaged jar exited with " + server.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the packaged jar was not ready within 180 s; see " + log);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
