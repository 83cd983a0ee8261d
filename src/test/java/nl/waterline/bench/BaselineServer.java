package nl.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The practical limit of this machine for the benchmark's scenarios: a bare Vert.x WebSocket server that
 * speaks the subset of Waterline's protocol the benchmark uses (create, join, hello, pick, unpick,
 * setResultsMode, picks.csv), keeps the picks in memory, acks each command at once and fans out a
 * coalesced view per audience every 100 ms (the phones every 500 ms, as Waterline paces them), each encoded once. No storage, no validation beyond the pick
 * limits, no per-group statistics: whatever Waterline spends beyond this is its own cost.
 *
 * <p>One instance of this verticle runs per event loop ({@code bench.baseline.loops}, default one per core)
 * and they share the port, so connections are spread over the loops. Each session lives on the loop that
 * created it: everything that touches it (joins, frames, the view timer) runs there, and writing to a socket
 * of another loop hands the write to that loop, as Vert.x does. So one session uses one loop for its state
 * and all loops for its sockets, and many sessions spread over the loops.
 *
 * <p>Run: {@code java -cp <test classpath> -Dbench.port=8099 -Dwaterline.templates-dir=session-templates
 * nl.waterline.bench.BaselineServer}. Listens on loopback only.
 */
public final class BaselineServer extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long VIEW_INTERVAL_MS = 100;
    private static final long PHONE_VIEW_INTERVAL_MS = 500;
    private static final int PICKS_PER_KIND = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final List<String> terms;
    /** Shared by the instances on every loop; each room itself is only touched on its own loop. */
    private final Map<String, Room> rooms;

    BaselineServer(int port, List<String> terms, Map<String, Room> rooms) {
        this.port = port;
        this.terms = terms;
        this.rooms = rooms;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("bench.port", 8099);
        Path templates = Path.of(System.getProperty("waterline.templates-dir", "session-templates"));
        List<String> terms = new ArrayList<>();
        new YAMLMapper().readTree(templates.resolve("stakeholdersessie.yaml").toFile()).path("terms").forEach(t -> terms.add(t.asText()));
        int loops = Integer.getInteger("bench.baseline.loops", Runtime.getRuntime().availableProcessors());
        Map<String, Room> rooms = new ConcurrentHashMap<>();
        Vertx.vertx().deployVerticle(() -> new BaselineServer(port, terms, rooms), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("Baseline listening on 127.0.0.1:" + port + " with " + loops + " event loop(s)"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setMaxWebSocketMessageSize(8192).setPerMessageWebSocketCompressionSupported(false))
                .requestHandler(this::rest)
                .webSocketHandler(this::live)
                .listen().<Void>mapEmpty().onComplete(started);
    }

    // ---- REST ------------------------------------------------------------------------------

    private void rest(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            String[] path = req.path().split("/");
            Room room = path.length > 3 && path[2].equals("sessions") ? rooms.get(path[3]) : null;
            if (room == null) {
                rest(new Reply(req, vertx.getOrCreateContext()), body, path, null);
            } else {
                // Decided on the room's loop, answered on the request's own one.
                Context own = vertx.getOrCreateContext();
                room.context.runOnContext(v -> rest(new Reply(req, own), body, path, room));
            }
        });
    }

    /** A request and the loop it came in on, where its answer is written. */
    private record Reply(HttpServerRequest request, Context context) {
        String path() {
            return request.path();
        }

        io.vertx.core.http.HttpMethod method() {
            return request.method();
        }

        String getHeader(String name) {
            return request.getHeader(name);
        }
    }

    /** On the room's loop when there is a room. */
    private void rest(Reply req, io.vertx.core.buffer.Buffer body, String[] path, Room room) {
        {
            try {
                if (req.path().equals("/api/templates")) {
                    answer(req, 200, "{\"templates\":[],\"problems\":[]}");
                } else if (req.path().equals("/api/sessions") && req.method().name().equals("POST")) {
                    // lives on this loop from now on
                    Room created = new Room(code(), secret(), vertx.getOrCreateContext());
                    rooms.put(created.code, created);
                    vertx.setPeriodic(VIEW_INTERVAL_MS, t -> created.publish());
                    answer(req, 201, JSON.createObjectNode().put("code", created.code).put("facilitatorSecret", created.facilitatorSecret).toString());
                } else if (room == null) {
                    answer(req, 404, "{\"code\":\"UNKNOWN_SESSION\"}");
                } else if (path.length == 4) {
                    ObjectNode info = JSON.createObjectNode().put("code", room.code);
                    terms.forEach(info.putArray("terms")::add);
                    answer(req, 200, info.toString());
                } else if (path[4].equals("participants")) {
                    JsonNode join = JSON.readTree(body.toString());
                    String chosen = join.path("secret").asText(null);
                    Person known = chosen == null ? null : room.people.get(chosen);
                    Person p = known != null ? known : new Person("p-" + (room.people.size() + 1),
                            chosen != null ? chosen : secret(), join.path("group").asText(), join.path("role").asText());
                    room.people.put(p.secret, p);
                    room.changed.add(p);
                    answer(req, known != null ? 200 : 201, JSON.createObjectNode().put("participantId", p.id).put("secret", p.secret).toString());
                } else if (path[4].equals("picks.csv") && ("Bearer " + room.facilitatorSecret).equals(req.getHeader("Authorization"))) {
                    answer(req, 200, room.csv());
                } else {
                    answer(req, 404, "{}");
                }
            } catch (Exception e) {
                answer(req, 400, "{\"code\":\"MALFORMED_JSON\"}");
            }
        }
    }

    private static void answer(Reply reply, int status, String body) {
        reply.context().runOnContext(v -> reply.request().response().setStatusCode(status)
                .putHeader("Content-Type", "application/json").end(body));
    }

    private static String code() {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- live ------------------------------------------------------------------------------

    private void live(ServerWebSocket socket) {
        String[] path = socket.path().split("/");
        Room room = path.length == 3 && path[1].equals("live") ? rooms.get(path[2]) : null;
        if (room == null) {
            socket.close((short) 1008, "unknown session");
            return;
        }
        Connection connection = new Connection(socket);
        // Frames hop to the room's loop in the order they came.
        socket.textMessageHandler(text -> room.context.runOnContext(v -> room.onFrame(connection, text)));
        socket.closeHandler(v -> room.context.runOnContext(x -> room.connections.remove(connection)));
    }

    private static final class Connection {
        final ServerWebSocket socket;
        String role;
        Person person;

        Connection(ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    private record Person(String id, String secret, String group, String role, List<String> most, List<String> least) {
        Person(String id, String secret, String group, String role) {
            this(id, secret, group, role, new ArrayList<>(), new ArrayList<>());
        }
    }

    private final class Room {
        final String code;
        final String facilitatorSecret;
        final Context context;
        final Map<String, Person> people = new LinkedHashMap<>();
        /** People whose row the facilitator has not had yet, as Waterline's {@code participants} frames. */
        final java.util.Set<Person> changed = new java.util.LinkedHashSet<>();
        final List<Connection> connections = new ArrayList<>();
        long version;
        long published = -1;
        long publishedToPhones = -1;
        long phonesPublishedAt = System.nanoTime() - PHONE_VIEW_INTERVAL_MS * 1_000_000;
        boolean live;

        Room(String code, String facilitatorSecret, Context context) {
            this.code = code;
            this.facilitatorSecret = facilitatorSecret;
            this.context = context;
        }

        void onFrame(Connection c, String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (Exception e) {
                c.socket.writeTextMessage("{\"type\":\"error\",\"id\":null,\"code\":\"MALFORMED_JSON\"}");
                return;
            }
            String type = frame.path("type").asText();
            String id = frame.path("id").asText(null);
            if (type.equals("hello")) {
                hello(c, frame);
            } else if (c.role == null) {
                error(c, id, "HELLO_REQUIRED");
            } else if (type.equals("setResultsMode") && c.role.equals("facilitator")) {
                live = frame.path("mode").asText().equals("LIVE");
                ack(c, id, ++version);
            } else if ((type.equals("pick") || type.equals("unpick")) && c.person != null) {
                String term = frame.path("term").asText();
                boolean most = frame.path("kind").asText().equals("MOST");
                List<String> mine = most ? c.person.most() : c.person.least();
                List<String> other = most ? c.person.least() : c.person.most();
                if (type.equals("unpick")) {
                    mine.remove(term);
                } else if (!mine.contains(term)) {
                    if (!terms.contains(term)) {
                        error(c, id, "UNKNOWN_TERM");
                        return;
                    }
                    if (other.contains(term)) {
                        error(c, id, "PICK_CONFLICT");
                        return;
                    }
                    if (mine.size() >= PICKS_PER_KIND) {
                        error(c, id, "TOO_MANY_PICKS");
                        return;
                    }
                    mine.add(term);
                }
                changed.add(c.person);
                ack(c, id, ++version);
            } else {
                error(c, id, "FORBIDDEN");
            }
        }

        private void hello(Connection c, JsonNode frame) {
            String role = frame.path("role").asText();
            String secret = frame.path("secret").asText();
            Person person = role.equals("participant") ? people.get(secret) : null;
            if (role.equals("participant") ? person == null : !facilitatorSecret.equals(secret)) {
                error(c, null, "WRONG_SECRET");
                c.socket.close((short) 1008, "wrong secret");
                return;
            }
            c.role = role;
            c.person = person;
            connections.add(c);
            c.socket.writeTextMessage(JSON.createObjectNode().put("type", "welcome").put("role", role)
                    .put("participantId", person == null ? null : person.id()).put("version", version).toString());
            if (role.equals("facilitator")) {
                c.socket.writeTextMessage(participants(people.values(), true));
            }
            c.socket.writeTextMessage(view(role));
        }

        /** At most one view per audience per interval, encoded once and only when something changed. */
        void publish() {
            long now = System.nanoTime();
            boolean screens = published != version;
            boolean phones = publishedToPhones != version
                    && now - phonesPublishedAt >= PHONE_VIEW_INTERVAL_MS * 1_000_000;
            if (!screens && !phones) {
                return;
            }
            published = version;
            if (phones) {
                publishedToPhones = version;
                phonesPublishedAt = now;
            }
            Map<String, String> encoded = new HashMap<>();
            String rows = screens && !changed.isEmpty() ? participants(changed, false) : null;
            if (screens) {
                changed.clear();
            }
            for (Connection c : connections) {
                if (c.role.equals("participant") ? phones : screens) {
                    if (rows != null && c.role.equals("facilitator")) {
                        c.socket.writeTextMessage(rows);
                    }
                    c.socket.writeTextMessage(encoded.computeIfAbsent(c.role, this::view));
                }
            }
        }

        /** The facilitator's participant rows, all of them or the changed ones, as Waterline sends them. */
        private String participants(java.util.Collection<Person> who, boolean full) {
            ObjectNode frame = JSON.createObjectNode().put("type", "participants").put("version", version).put("full", full);
            ArrayNode list = frame.putArray("rows");
            for (Person p : who) {
                ObjectNode entry = list.addObject().put("id", p.id()).put("group", p.group()).put("role", p.role());
                p.most().forEach(entry.putArray("most")::add);
                p.least().forEach(entry.putArray("least")::add);
            }
            frame.putArray("removed");
            return frame.toString();
        }

        private String view(String audience) {
            ObjectNode view = JSON.createObjectNode();
            view.putObject("attendance").put("total", people.size());
            if (audience.equals("facilitator") || live) {
                Map<String, int[]> counts = new LinkedHashMap<>();
                terms.forEach(t -> counts.put(t, new int[2]));
                int withPicks = 0;
                for (Person p : people.values()) {
                    p.most().forEach(t -> counts.get(t)[0]++);
                    p.least().forEach(t -> counts.get(t)[1]++);
                    withPicks += p.most().isEmpty() && p.least().isEmpty() ? 0 : 1;
                }
                ObjectNode results = view.putObject("results").put("participantsWithPicks", withPicks);
                ArrayNode list = results.putArray("terms");
                counts.forEach((term, c) -> list.addObject().put("term", term).put("own", false).put("most", c[0]).put("least", c[1]));
            } else {
                view.putNull("results");
            }
            ObjectNode frame = JSON.createObjectNode().put("type", "view").put("audience", audience).put("version", version);
            frame.set("view", view);
            return frame.toString();
        }

        String csv() {
            StringBuilder csv = new StringBuilder("term,kind,stakeholder_group,role,own_word\n");
            for (Person p : people.values()) {
                p.most().forEach(t -> csv.append('"').append(t).append("\",MOST,").append(p.group()).append(',').append(p.role()).append(",false\n"));
                p.least().forEach(t -> csv.append('"').append(t).append("\",LEAST,").append(p.group()).append(',').append(p.role()).append(",false\n"));
            }
            return csv.toString();
        }

        private void ack(Connection c, String id, long newVersion) {
            c.socket.writeTextMessage(JSON.createObjectNode().put("type", "ack").put("id", id).put("version", newVersion).toString());
        }

        private void error(Connection c, String id, String code) {
            c.socket.writeTextMessage(JSON.createObjectNode().put("type", "error").put("id", id).put("code", code).put("message", code).toString());
        }
    }
}
