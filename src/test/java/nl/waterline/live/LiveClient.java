package nl.waterline.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A screen in a test: connects to a session, sends frames, and waits (boundedly) for what comes back. */
public final class LiveClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private LiveClient(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                frames.add(withParticipantList(JSON.readTree(partial.toString())));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** The facilitator's participant list as this screen holds it, from the {@code participants} frames so far. */
    private final java.util.LinkedHashMap<String, JsonNode> participants = new java.util.LinkedHashMap<>();

    /**
     * Applies a {@code participants} frame to the list, as the facilitator's page does, and gives a facilitator
     * view the list as it stands when the view arrives (the server sends the rows before the view of their version),
     * so tests read {@code view.participants} as the page shows it.
     */
    private JsonNode withParticipantList(JsonNode frame) {
        String type = frame.path("type").asText();
        if (type.equals("participants")) {
            if (frame.path("full").asBoolean()) {
                participants.clear();
            }
            frame.path("rows").forEach(row -> participants.put(row.path("id").asText(), row));
            frame.path("removed").forEach(id -> participants.remove(id.asText()));
        } else if (type.equals("view") && frame.path("audience").asText().equals("facilitator")
                && frame.path("view") instanceof ObjectNode view && !view.has("participants")) {
            view.set("participants", JSON.valueToTree(List.copyOf(participants.values())));
        }
        return frame;
    }

    public static LiveClient connect(URI base, String code) throws Exception {
        String ws = base.toString().replaceFirst("^http", "ws").replaceAll("/$", "");
        return new LiveClient(URI.create(ws + "/live/" + code));
    }

    /** Connects and says hello; returns once the welcome frame arrived. */
    public static LiveClient hello(URI base, String code, String role, String secret) throws Exception {
        LiveClient client = connect(base, code);
        client.sendRaw("{\"type\":\"hello\",\"role\":\"" + role + "\",\"secret\":\"" + secret + "\"}");
        client.await("welcome");
        return client;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a command with a fresh id and returns the id. */
    public String send(String type, String... fields) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        String id = UUID.randomUUID().toString();
        node.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            String value = fields[i + 1];
            if (value.equals("true") || value.equals("false")) {
                node.put(fields[i], Boolean.parseBoolean(value));
            } else {
                node.put(fields[i], value);
            }
        }
        sendRaw(node.toString());
        return id;
    }

    /** Sends and waits for the answer to this command: its ack or its error. */
    public JsonNode call(String type, String... fields) {
        String id = send(type, fields);
        return awaitMatching(f -> id.equals(f.path("id").asText(null)) && (f.path("type").asText().equals("ack")
                || f.path("type").asText().equals("error")), "answer to " + type);
    }

    public JsonNode pick(String kind, String term) {
        return call("pick", "kind", kind, "term", term);
    }

    public JsonNode await(String type) {
        return awaitMatching(f -> type.equals(f.path("type").asText()), type);
    }

    /**
     * The first room view (facilitator, projector, note-taker or participant) whose content matches, skipping
     * older ones: views are coalesced, so intermediate states may never come.
     */
    public JsonNode awaitView(Predicate<JsonNode> matches) {
        return awaitMatching(f -> f.path("type").asText().equals("view") && !f.has("scope") && matches.test(f.path("view")),
                "a matching view").path("view");
    }

    /** The first view of a scoped audience ({@code subgroup} or {@code harvest}) whose content matches. */
    public JsonNode awaitView(String audience, Predicate<JsonNode> matches) {
        return awaitMatching(f -> f.path("type").asText().equals("view") && f.path("audience").asText().equals(audience)
                && matches.test(f.path("view")), "a matching " + audience + " view").path("view");
    }

    public JsonNode awaitMatching(Predicate<JsonNode> matches, String what) {
        for (JsonNode f : seen) {
            if (matches.test(f)) {
                seen.remove(f);
                return f;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode f = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) {
                    break;
                }
                if (matches.test(f)) {
                    return f;
                }
                seen.add(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail("no " + what + " within " + WAIT.toSeconds() + " s; got " + seen);
        return null;
    }

    /** Every frame received so far that no await has taken, oldest first. */
    public List<JsonNode> received() {
        frames.drainTo(seen);
        return List.copyOf(seen);
    }

    public int awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
