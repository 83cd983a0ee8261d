package nl.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.waterline.live.LiveClient;
import nl.waterline.start.StartCommand;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up time of the packaged jar (issue 5: ready in ≤ 3 s with an empty store; a store holding 100
 * finished sessions of 20 participants must not slow it by more than 1 s). Fills a store through the
 * real protocol (REST joins, WebSocket picks and notes), stops the server, then starts it several times
 * on an empty and on the filled store and reports the median time to the first answer of
 * {@code GET /api/templates}, plus the time the first request for an old session takes (sessions are
 * loaded lazily, on first use).
 */
final class StartupBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] WHO = {{"gemeente", "uitvoering"}, {"uwv", "management"}, {"szw", "beleid"},
            {"clienten-werkzoekenden", "werkzoekende"}, {"kennisinstelling", "onderzoek"}, {"divosa", "bestuur"}};

    private StartupBenchmark() {
    }

    static Map<String, Object> run(String java, List<String> extraFlags, Path jar, Path project, Path out, int sessions,
                                   int participantsPerSession, int starts) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        Path empty = Files.createTempDirectory("waterline-startup-empty");
        Path filled = Files.createTempDirectory("waterline-startup-filled");
        long fillStart = System.nanoTime();
        List<String> codes = fill(java, extraFlags, jar, project, out, filled, sessions, participantsPerSession);
        report.put("sessions", sessions);
        report.put("participantsPerSession", participantsPerSession);
        report.put("fillSeconds", Math.round((System.nanoTime() - fillStart) / 1e8) / 10.0);
        report.put("storeMiB", Math.round(folderSize(filled) / 1024.0 / 1024.0 * 10) / 10.0);
        List<Double> emptyMs = new ArrayList<>();
        List<Double> filledMs = new ArrayList<>();
        List<Double> firstUseMs = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            // Alternate, so that a drifting machine load hits both alike.
            try (Started e = Started.start(java, extraFlags, jar, project, out.resolve("startup-empty.log"), empty)) {
                emptyMs.add(e.readyMs);
            }
            Started f = Started.start(java, extraFlags, jar, project, out.resolve("startup-filled.log"), filled);
            filledMs.add(f.readyMs);
            long t = System.nanoTime();
            String code = codes.get(i % codes.size());
            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(f.base.resolve("api/sessions/" + code)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("old session " + code + " answered " + status + " after the restart");
            }
            firstUseMs.add((System.nanoTime() - t) / 1e6);
            f.close();
        }
        report.put("readyEmptyMs", emptyMs);
        report.put("readyFilledMs", filledMs);
        report.put("firstUseOfAnOldSessionMs", firstUseMs);
        report.put("readyEmptyMedianMs", median(emptyMs));
        report.put("readyFilledMedianMs", median(filledMs));
        report.put("filledMinusEmptyMs", Math.round(median(filledMs) - median(emptyMs)));
        LoadBenchmark.deleteTree(empty);
        LoadBenchmark.deleteTree(filled);
        return report;
    }

    /** 100 sessions as a real series would leave them: joins, 2 MOST and 2 LEAST picks each, a few notes. */
    private static List<String> fill(String java, List<String> extraFlags, Path jar, Path project, Path out, Path data,
                                     int sessions, int participantsPerSession) throws Exception {
        List<String> codes = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Started server = Started.start(java, extraFlags, jar, project, out.resolve("startup-fill.log"), data)) {
            for (int s = 0; s < sessions; s++) {
                JsonNode created = post(http, server.base.resolve("api/sessions"),
                        JSON.createObjectNode().put("templateId", "stakeholdersessie").put("title", "Bijeenkomst " + (s + 1)), 201);
                String code = created.path("code").asText().replace("-", "");
                codes.add(code);
                List<String> terms = new ArrayList<>();
                JSON.readTree(http.send(HttpRequest.newBuilder(server.base.resolve("api/sessions/" + code)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("terms").forEach(t -> terms.add(t.asText()));
                try (LiveClient facilitator = LiveClient.hello(server.base, code, "facilitator", created.path("facilitatorSecret").asText())) {
                    for (int p = 0; p < participantsPerSession; p++) {
                        String[] who = WHO[p % WHO.length];
                        JsonNode joined = post(http, server.base.resolve("api/sessions/" + code + "/participants"),
                                JSON.createObjectNode().put("name", "Deelnemer " + p).put("group", who[0]).put("role", who[1]), 201);
                        try (LiveClient phone = LiveClient.hello(server.base, code, "participant", joined.path("secret").asText())) {
                            for (int k = 0; k < 2; k++) {
                                acked(phone.pick("MOST", terms.get((p + k) % terms.size())));
                                acked(phone.pick("LEAST", terms.get((p + k + 9) % terms.size())));
                            }
                        }
                    }
                    for (int n = 0; n < 10; n++) {
                        acked(facilitator.call("addNote", "kind", "PERSPECTIVE", "text", "Perspectief " + n + " van deze bijeenkomst",
                                "group", WHO[n % WHO.length][0]));
                    }
                }
            }
        }
        return codes;
    }

    private static JsonNode post(HttpClient http, URI uri, ObjectNode body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long folderSize(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The packaged jar started on a free loopback port with its data in {@code data}, ready to answer. */
    private record Started(ServerProcess process, URI base, double readyMs) implements AutoCloseable {
        static Started start(String java, List<String> extraFlags, Path jar, Path project, Path log, Path data) throws Exception {
            int port;
            try (var socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(java, "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dwaterline.data-dir=" + data, "-Dwaterline.templates-dir=" + project.resolve("session-templates")));
            command.addAll(StartCommand.jarArguments(jar, extraFlags));
            ServerProcess process = ServerProcess.start("waterline", command, project, port, log);
            try {
                Duration ready = process.awaitReady(Duration.ofSeconds(60));
                return new Started(process, process.base, ready.toNanos() / 1e6);
            } catch (Exception e) {
                process.close();
                throw e;
            }
        }

        /** SIGTERM, as a facilitator stopping the laptop's server would: the database is closed properly. */
        @Override
        public void close() {
            process.close();
        }
    }

    private static void acked(JsonNode answer) {
        if (!answer.path("type").asText().equals("ack")) {
            throw new IllegalStateException("refused while filling the store: " + answer);
        }
    }
}
