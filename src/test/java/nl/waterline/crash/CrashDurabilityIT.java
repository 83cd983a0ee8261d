package nl.waterline.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.waterline.live.LiveClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jepsen's rule for a set, on the real thing: the packaged jar runs as its own process, phones pick and
 * change picks and a facilitator captures notes, the server is killed with SIGKILL at a random moment
 * and started again on the same data. Every acknowledged change must be there, nothing twice, and the
 * database must open every time. {@code -Dcrash.trials=100} for the long run (docs/benchmarks.md).
 */
class CrashDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TERMS = List.of("Reflecteren", "Verantwoorden", "Integraal werken", "Methodisch werken",
            "Continu verbeteren", "Professionaliseren");

    private final Path jar = PackagedServer.jar();
    private final int trials = Integer.getInteger("crash.trials", 5);

    private static JsonNode post(URI uri, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void noAcknowledgedChangeIsLostOrDoubledByKillMinus9() throws Exception {
        assertTrue(Files.exists(jar), "run through `./mvnw verify`: the packaged jar is needed at " + jar);
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        // One database for all trials: every restart opens a store that has been killed again and again,
        // and the restarted server is the next trial's server (one start per trial, not two).
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash")), "trials-");
        int port = PackagedServer.freePort();
        PackagedServer current = PackagedServer.start(data, port);
        Map<String, Set<String>> notesOfEarlierTrials = new java.util.LinkedHashMap<>();
        try {
            for (int trial = 1; trial <= trials; trial++) {
                PackagedServer server = current;
                JsonNode session = post(server.base().resolve("/api/sessions"), "{\"templateId\":\"stakeholdersessie\"}");
                String code = session.path("code").asText();
                String facilitatorSecret = session.path("facilitatorSecret").asText();
                int phones = 6;
                List<String> secrets = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < phones; i++) {
                    JsonNode joined = post(server.base().resolve("/api/sessions/" + code + "/participants"),
                            "{\"group\":\"gemeente\",\"role\":\"uitvoering\"}");
                    secrets.add(joined.path("secret").asText());
                    ids.add(joined.path("participantId").asText());
                }
                // What each phone knows for sure (acknowledged), and what it sent last without an answer.
                Map<String, Set<String>> ackedMost = new ConcurrentHashMap<>();
                Map<String, String> inFlight = new ConcurrentHashMap<>();
                Set<String> ackedNotes = ConcurrentHashMap.newKeySet();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService drivers = Executors.newFixedThreadPool(phones + 1);
                for (int i = 0; i < phones; i++) {
                    String id = ids.get(i);
                    String secret = secrets.get(i);
                    int seed = random.nextInt();
                    ackedMost.put(id, new LinkedHashSet<>());
                    drivers.submit(() -> {
                        Random r = new Random(seed);
                        try (LiveClient phone = LiveClient.hello(server.base(), code, "participant", secret)) {
                            while (running.get()) {
                                Set<String> mine = ackedMost.get(id);
                                String term = TERMS.get(r.nextInt(TERMS.size()));
                                boolean add = !mine.contains(term) && mine.size() < 2;
                                String op = (add ? "+" : "-") + term;
                                if (!add && !mine.contains(term)) {
                                    continue;
                                }
                                inFlight.put(id, op);
                                JsonNode answer = phone.call(add ? "pick" : "unpick", "kind", "MOST", "term", term);
                                if ("ack".equals(answer.path("type").asText())) {
                                    if (add) {
                                        mine.add(term);
                                    } else {
                                        mine.remove(term);
                                    }
                                    inFlight.remove(id);
                                }
                            }
                        } catch (Throwable killed) {
                            // The server went away mid-call: what was acknowledged so far is what counts.
                        }
                        return null;
                    });
                }
                drivers.submit(() -> {
                    try (LiveClient facilitator = LiveClient.hello(server.base(), code, "facilitator", facilitatorSecret)) {
                        int n = 0;
                        while (running.get()) {
                            String text = "note " + (n++);
                            JsonNode answer = facilitator.call("addNote", "kind", "QUOTE", "text", text, "group", "uwv");
                            if ("ack".equals(answer.path("type").asText())) {
                                ackedNotes.add(text);
                            }
                        }
                    } catch (Throwable killed) {
                        // as above
                    }
                    return null;
                });
                Thread.sleep(300 + random.nextInt(2500));
                server.kill();
                running.set(false);
                drivers.shutdown();
                drivers.awaitTermination(30, TimeUnit.SECONDS);

                PackagedServer again = PackagedServer.start(data, port);
                current = again;
                try (LiveClient facilitator = LiveClient.hello(again.base(), code, "facilitator", facilitatorSecret)) {
                    JsonNode view = facilitator.awaitView(v -> v.has("participants"));
                    List<String> noteTexts = new ArrayList<>();
                    view.path("notes").forEach(n -> noteTexts.add(n.path("text").asText()));
                    assertEquals(new HashSet<>(noteTexts).size(), noteTexts.size(), "trial " + trial + ": a note stored twice");
                    assertTrue(noteTexts.containsAll(ackedNotes), "trial " + trial + ": acknowledged notes lost: "
                            + ackedNotes.stream().filter(t -> !noteTexts.contains(t)).toList());
                    for (JsonNode p : view.path("participants")) {
                        String id = p.path("id").asText();
                        Set<String> stored = new HashSet<>();
                        p.path("most").forEach(t -> stored.add(t.asText()));
                        Set<String> acked = ackedMost.get(id);
                        String pending = inFlight.get(id);
                        Set<String> withPending = new HashSet<>(acked);
                        if (pending != null) {
                            if (pending.startsWith("+")) {
                                withPending.add(pending.substring(1));
                            } else {
                                withPending.remove(pending.substring(1));
                            }
                        }
                        assertTrue(stored.equals(acked) || stored.equals(withPending),
                                "trial " + trial + ": participant " + id + " has " + stored + ", acknowledged " + acked + ", in flight " + pending);
                    }
                    System.out.printf("crash trial %d: %d notes and %d phones checked after kill -9%n", trial, ackedNotes.size(), phones);
                }
                notesOfEarlierTrials.put(code + " " + facilitatorSecret, Set.copyOf(ackedNotes));
            }
            // Sessions of earlier trials survived all the later kills too.
            for (Map.Entry<String, Set<String>> earlier : notesOfEarlierTrials.entrySet()) {
                String[] codeAndSecret = earlier.getKey().split(" ");
                try (LiveClient facilitator = LiveClient.hello(current.base(), codeAndSecret[0], "facilitator", codeAndSecret[1])) {
                    JsonNode view = facilitator.awaitView(v -> v.has("notes"));
                    Set<String> texts = new HashSet<>();
                    view.path("notes").forEach(n -> texts.add(n.path("text").asText()));
                    assertTrue(texts.containsAll(earlier.getValue()), "session " + codeAndSecret[0] + " lost notes in a later kill");
                }
            }
            System.out.printf("after %d kills: %d sessions checked again%n", trials, notesOfEarlierTrials.size());
        } finally {
            current.kill();
            PackagedServer.deleteTree(data);
        }
    }
}
