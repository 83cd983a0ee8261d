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
 * <p>Half of Waterline's start-up was loading and verifying ~12,000 classes; with the archive ~11,200 of them
 * are mapped ready-made, including the ones of Quarkus's own class loader (JDK 17 archives classes of custom
 * loaders dynamically and reuses them when the class bytes match). The rest are lambdas and generated classes:
 * JDK 17 archives those only for its own loaders. Classes that were loaded but never linked are linked by the
 * server itself just before it exits (without that, ~2,400 of them stayed in the jars). A stale archive
 * (another jar or JDK) is not an error for the start command: the JVM prints a warning and loads the classes
 * from the jars as before. A missing one is silently ignored, but then the JDK's own default archive is not
 * used either.
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
        // The class-load log lets the server link, just before it exits, every class it loaded: JDK 17 leaves
        // loaded-but-unlinked classes out of a dynamic archive (nl.waterline.web.ClassDataSharingTraining).
        Path loaded = data.resolve("loaded-classes.log");
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xlog:class+load=info:file=" + loaded,
                "-Dwaterline.cds.link-classes-of=" + loaded,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dwaterline.data-dir=" + data.resolve("db").toAbsolutePath(),
                "-jar", jar.toString());
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(server, URI.create("http://127.0.0.1:" + port + "/api/templates"), log);
            try {
                exerciseALiveSession(URI.create("http://127.0.0.1:" + port + "/"));
            } catch (Exception e) {
                // The archive is still written, with the start-up classes only: slower first joins, not a broken build.
                System.out.println("[WARNING] Class-data-sharing training session failed (" + e + "); see " + log);
            }
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

    /**
     * One session as a room uses it (create, join, facilitator and phone over WebSocket, a pick, its ack and the
     * views), so that the classes of the first join storm after a start are in the archive too: loading them
     * cold, while hundreds of phones wait, was part of the storm's slowest joins.
     */
    private static void exerciseALiveSession(URI base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String created = post(http, base.resolve("api/sessions"), "{\"templateId\":\"stakeholdersessie\"}");
        String code = field(created, "code").replace("-", "");
        String facilitatorSecret = field(created, "facilitatorSecret");
        String phoneSecret = "cdsTrainingSecret0123456789";
        post(http, base.resolve("api/sessions/" + code + "/participants"),
                "{\"name\":\"Anne\",\"group\":\"gemeente\",\"role\":\"uitvoering\",\"secret\":\"" + phoneSecret + "\"}");
        URI live = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/live/" + code);
        Screen facilitator = new Screen(http, live, "{\"type\":\"hello\",\"role\":\"facilitator\",\"secret\":\"" + facilitatorSecret + "\"}");
        Screen phone = new Screen(http, live, "{\"type\":\"hello\",\"role\":\"participant\",\"secret\":\"" + phoneSecret + "\"}");
        phone.awaitFrame("\"type\":\"you\"");
        phone.send("{\"type\":\"pick\",\"id\":\"c1\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}");
        phone.awaitFrame("\"type\":\"ack\"");
        facilitator.awaitFrame("\"Reflecteren\",\"own\"");
        phone.close();
        facilitator.close();
        http.send(HttpRequest.newBuilder(base.resolve("api/sessions/" + code + "/minutes.json"))
                .header("Authorization", "Bearer " + facilitatorSecret).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String post(HttpClient http, URI uri, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("training request " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** A WebSocket screen that keeps every text frame it receives. */
    private static final class Screen implements java.net.http.WebSocket.Listener {
        private final java.util.concurrent.LinkedBlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final java.net.http.WebSocket socket;

        Screen(HttpClient http, URI live, String hello) throws Exception {
            socket = http.newWebSocketBuilder().buildAsync(live, this).get(10, TimeUnit.SECONDS);
            send(hello);
        }

        void send(String frame) throws Exception {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        }

        void awaitFrame(String containing) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && frame.contains(containing)) {
                    return;
                }
            }
            throw new IllegalStateException("training screen got no frame containing " + containing);
        }

        void close() {
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
