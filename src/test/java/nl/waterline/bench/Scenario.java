package nl.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario L1k of issue 5: one facilitator, one projector and N participants join one session in a
 * join storm; each participant picks 2 MOST and 2 LEAST terms, then changes one pick (unpick + pick)
 * every interval until the run ends. Works against Waterline and against {@link BaselineServer}, which
 * speaks the same subset of the protocol.
 *
 * <p>Each participant sends one command at a time and waits for its answer, like a phone does, so a
 * pick can never overtake the unpick that makes room for it.
 */
public final class Scenario {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "gemeente";
    private static final String ROLE = "uitvoering";

    /** What to run; {@code organiserKey} is null where loopback may create sessions without it. */
    public record Settings(int participants, Duration joinWindow, Duration changePhase, Duration changeInterval,
                           String organiserKey, Duration settleTimeout) {
        public static Settings of(int participants, int changeSeconds, String organiserKey) {
            Duration window = Duration.ofMillis(Math.min(8000, Math.max(1000, participants * 8L)));
            return new Settings(participants, window, Duration.ofSeconds(changeSeconds), Duration.ofSeconds(2),
                    organiserKey, Duration.ofSeconds(30));
        }
    }

    private final Settings settings;
    private final String host;
    private final int port;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;
    private final WebSocketClient ws;
    private final Result result = new Result();
    private volatile boolean changing = true;

    private Scenario(URI base, Settings settings) {
        this.settings = settings;
        this.host = base.getHost();
        this.port = base.getPort();
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(64));
        // The default of 50 connections per server would queue the rest of the room (toolchain.md).
        this.ws = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(settings.participants() + 10)
                .setMaxMessageSize(32 << 20).setMaxFrameSize(32 << 20)
                .setConnectTimeout(30_000));
    }

    public static Result run(URI base, Settings settings) throws Exception {
        Scenario scenario = new Scenario(base, settings);
        try {
            return scenario.run();
        } finally {
            scenario.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Result run() throws Exception {
        long runStart = System.nanoTime();
        ObjectNode create = JSON.createObjectNode().put("templateId", "stakeholdersessie").put("title", "Load benchmark");
        JsonNode session = JSON.readTree(await(post("/api/sessions", create.toString(), settings.organiserKey(), 201)));
        String code = session.path("code").asText().replace("-", "");
        String facilitatorSecret = session.path("facilitatorSecret").asText();
        List<String> terms = new ArrayList<>();
        JSON.readTree(await(request(HttpMethod.GET, "/api/sessions/" + code, null, null, 200)))
                .path("terms").forEach(t -> terms.add(t.asText()));

        Screen facilitator = new Screen("facilitator");
        Screen projector = new Screen("projector");
        await(facilitator.connect(code, facilitatorSecret));
        await(projector.connect(code, facilitatorSecret));
        // Projector results are hidden unless they are live; the benchmark measures them being seen.
        await(facilitator.command(JSON.createObjectNode().put("type", "setResultsMode").put("id", "live").put("mode", "LIVE")));

        List<Participant> participants = new ArrayList<>();
        long stormStart = System.nanoTime();
        long spacing = settings.joinWindow().toNanos() / Math.max(1, settings.participants());
        for (int i = 0; i < settings.participants(); i++) {
            Participant p = new Participant(i, code, terms);
            participants.add(p);
            long delayMs = Math.max(1, (stormStart + i * spacing - System.nanoTime()) / 1_000_000);
            vertx.setTimer(delayMs, t -> p.join());
        }
        long changeEnd = stormStart + settings.joinWindow().toNanos() + settings.changePhase().toNanos();
        sleepUntil(changeEnd);
        changing = false;
        long loadEnd = System.nanoTime();

        // Let every command in flight get its answer, then every acked change reach both screens.
        long settleDeadline = System.nanoTime() + settings.settleTimeout().toNanos();
        while (System.nanoTime() < settleDeadline && participants.stream().anyMatch(Participant::busy)) {
            Thread.sleep(50);
        }
        long lastAcked = result.maxAckVersion.get();
        while (System.nanoTime() < settleDeadline
                && (facilitator.latestVersion() < lastAcked || projector.latestVersion() < lastAcked)) {
            Thread.sleep(50);
        }
        result.loadSeconds = (loadEnd - stormStart) / 1e9;
        result.wallSeconds = (System.nanoTime() - runStart) / 1e9;

        for (Participant p : participants) {
            result.pickAck.addAll(p.pickAck);
            synchronized (p) {
                if (p.pending != null) {
                    result.unanswered.increment();
                }
                if (p.welcomed) {
                    result.joined.increment();
                }
            }
        }
        facilitator.visibility(participants, result.facilitatorVisible, result.notVisibleFacilitator);
        projector.visibility(participants, result.projectorVisible, result.notVisibleProjector);
        compareWithFacilitatorView(facilitator.latestView(), participants);
        compareWithCsv(code, facilitatorSecret, participants);
        result.finalViewVersion = facilitator.latestVersion();
        result.lastAckedVersion = lastAcked;
        return result;
    }

    /** Every participant's own picks must appear exactly once in the final facilitator view, and the counts must match. */
    private void compareWithFacilitatorView(JsonNode view, List<Participant> participants) {
        Map<String, List<String>> shown = new HashMap<>();
        if (view != null) {
            for (JsonNode p : view.path("participants")) {
                List<String> picks = new ArrayList<>();
                p.path("most").forEach(t -> picks.add("MOST|" + t.asText()));
                p.path("least").forEach(t -> picks.add("LEAST|" + t.asText()));
                shown.put(p.path("id").asText(), picks);
            }
        }
        Map<String, Integer> expectedCounts = new HashMap<>();
        long lost = 0;
        long duplicated = 0;
        for (Participant p : participants) {
            List<String> believed = p.believedPicks();
            believed.forEach(k -> expectedCounts.merge(k, 1, Integer::sum));
            List<String> inView = new ArrayList<>(p.participantId == null ? List.of() : shown.getOrDefault(p.participantId, List.of()));
            for (String pick : believed) {
                if (!inView.remove(pick)) {
                    lost++;
                }
            }
            duplicated += inView.size();
        }
        Map<String, Integer> viewCounts = new HashMap<>();
        if (view != null) {
            for (JsonNode t : view.path("results").path("terms")) {
                String term = t.path("term").asText();
                if (t.path("most").asInt() > 0) {
                    viewCounts.put("MOST|" + term, t.path("most").asInt());
                }
                if (t.path("least").asInt() > 0) {
                    viewCounts.put("LEAST|" + term, t.path("least").asInt());
                }
            }
        }
        result.viewLost = lost;
        result.viewDuplicated = duplicated;
        result.viewConverged = view != null && viewCounts.equals(expectedCounts);
        result.expectedPicks = expectedCounts.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The minutes CSV is what survives the session: it must hold exactly the picks the clients believe they have. */
    private void compareWithCsv(String code, String facilitatorSecret, List<Participant> participants) throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        participants.forEach(p -> p.believedPicks().forEach(k -> expected.merge(k, 1, Integer::sum)));
        Map<String, Integer> stored = new HashMap<>();
        String csv = await(request(HttpMethod.GET, "/api/sessions/" + code + "/picks.csv", null, "Bearer " + facilitatorSecret, 200));
        // The CSV starts with a byte order mark so that Excel reads it as UTF-8.
        csv = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            stored.merge(row.get("kind") + "|" + row.get("term"), 1, Integer::sum);
        }
        long lost = 0;
        long duplicated = 0;
        for (String key : union(expected.keySet(), stored.keySet())) {
            int difference = stored.getOrDefault(key, 0) - expected.getOrDefault(key, 0);
            if (difference < 0) {
                lost -= difference;
            } else {
                duplicated += difference;
            }
        }
        result.csvLost = lost;
        result.csvDuplicated = duplicated;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(k -> !a.contains(k)).forEach(all::add);
        return all;
    }

    // ---- clients ---------------------------------------------------------------------------

    /** Facilitator or projector screen: keeps when each view version arrived, for pick → visible. */
    private final class Screen {
        private final String role;
        private final List<long[]> arrivals = Collections.synchronizedList(new ArrayList<>());
        private volatile JsonNode latestView;
        private volatile long latestVersion = -1;
        private WebSocket socket;
        private final Map<String, io.vertx.core.Promise<String>> answers = new ConcurrentHashMap<>();

        Screen(String role) {
            this.role = role;
        }

        Future<String> connect(String code, String secret) {
            io.vertx.core.Promise<String> welcome = io.vertx.core.Promise.promise();
            answers.put("welcome", welcome);
            return open(code).compose(s -> {
                socket = s;
                s.textMessageHandler(this::onFrame);
                return s.writeTextMessage(hello(role, secret));
            }).compose(v -> welcome.future());
        }

        Future<String> command(ObjectNode frame) {
            io.vertx.core.Promise<String> answer = io.vertx.core.Promise.promise();
            answers.put(frame.path("id").asText(), answer);
            return socket.writeTextMessage(frame.toString()).compose(v -> answer.future());
        }

        private void onFrame(String text) {
            long now = System.nanoTime();
            result.count(text);
            JsonNode frame = parse(text);
            String type = frame.path("type").asText();
            if (type.equals("view") && !frame.has("scope")) {
                long version = frame.path("version").asLong();
                if (version > latestVersion) {
                    latestVersion = version;
                    latestView = frame.path("view");
                }
                arrivals.add(new long[] {version, now});
            } else if (type.equals("welcome") || type.equals("ack") || type.equals("error")) {
                var answer = answers.remove(type.equals("welcome") ? "welcome" : frame.path("id").asText());
                if (answer != null) {
                    if (type.equals("error")) {
                        answer.fail(role + ": " + text);
                    } else {
                        answer.complete(text);
                    }
                }
            }
        }

        long latestVersion() {
            return latestVersion;
        }

        JsonNode latestView() {
            return latestView;
        }

        /** For each acked pick: the first view on this screen whose version includes it. */
        void visibility(List<Participant> participants, Samples into, LongAdder neverSeen) {
            List<long[]> seen;
            synchronized (arrivals) {
                seen = new ArrayList<>(arrivals);
            }
            long[] highest = new long[seen.size()];
            long[] at = new long[seen.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < seen.size(); i++) {
                max = Math.max(max, seen.get(i)[0]);
                highest[i] = max;
                at[i] = seen.get(i)[1];
            }
            for (Participant p : participants) {
                for (long[] pick : p.ackedPicks()) {
                    int i = firstAtLeast(highest, pick[0]);
                    if (i < 0) {
                        neverSeen.increment();
                    } else {
                        into.add(at[i] - pick[1]);
                    }
                }
            }
        }
    }

    private static int firstAtLeast(long[] ascending, long value) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < ascending.length ? lo : -1;
    }

    /** A phone: joins, picks 2 MOST and 2 LEAST, then changes one pick per interval, one command at a time. */
    private final class Participant {
        private final int index;
        private final String code;
        private final List<String> terms;
        private final List<String> most = new ArrayList<>();
        private final List<String> least = new ArrayList<>();
        /** {version, pick send time} of every acked pick. */
        private final List<long[]> acked = new ArrayList<>();
        private final List<ObjectNode> queue = new ArrayList<>();
        private final Samples pickAck = new Samples();
        String participantId;
        boolean welcomed;
        ObjectNode pending;
        long pendingSince;
        private long joinStart;
        private WebSocket socket;
        private int sequence;

        Participant(int index, String code, List<String> terms) {
            this.index = index;
            this.code = code;
            this.terms = terms;
        }

        void join() {
            joinStart = System.nanoTime();
            ObjectNode body = JSON.createObjectNode().put("name", "P" + index).put("group", GROUP).put("role", ROLE);
            post("/api/sessions/" + code + "/participants", body.toString(), null, 201)
                    .compose(text -> {
                        JsonNode joined = parse(text);
                        synchronized (this) {
                            participantId = joined.path("participantId").asText();
                        }
                        return open(code).compose(s -> {
                            synchronized (this) {
                                socket = s;
                            }
                            s.textMessageHandler(this::onFrame);
                            return s.writeTextMessage(hello("participant", joined.path("secret").asText()));
                        });
                    })
                    .onFailure(e -> result.fail("join", e));
        }

        private void onFrame(String text) {
            long now = System.nanoTime();
            result.count(text);
            // Shared participant views are only counted: parsing a thousand of them per tick would load the generator, not the server.
            if (text.startsWith("{\"type\":\"view\"")) {
                return;
            }
            JsonNode frame = parse(text);
            String type = frame.path("type").asText();
            synchronized (this) {
                if (type.equals("welcome")) {
                    welcomed = true;
                    result.join.add(now - joinStart);
                    startPicking();
                } else if (type.equals("ack") || type.equals("error")) {
                    answered(frame, now);
                }
            }
        }

        private void startPicking() {
            List<String> shuffled = new ArrayList<>(terms);
            Collections.shuffle(shuffled, ThreadLocalRandom.current());
            queue.add(command("pick", "MOST", shuffled.get(0)));
            queue.add(command("pick", "MOST", shuffled.get(1)));
            queue.add(command("pick", "LEAST", shuffled.get(2)));
            queue.add(command("pick", "LEAST", shuffled.get(3)));
            sendNext();
            long interval = settings.changeInterval().toMillis();
            vertx.setTimer(interval + ThreadLocalRandom.current().nextLong(interval), t -> change());
        }

        /** Replaces one of this participant's picks by a term it has not picked yet. */
        private void change() {
            if (!changing) {
                return;
            }
            synchronized (this) {
                if (pending == null && queue.isEmpty() && !most.isEmpty() && !least.isEmpty()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    boolean mostKind = random.nextBoolean();
                    List<String> mine = mostKind ? most : least;
                    String old = mine.get(random.nextInt(mine.size()));
                    List<String> free = new ArrayList<>(terms);
                    free.removeAll(most);
                    free.removeAll(least);
                    String kind = mostKind ? "MOST" : "LEAST";
                    queue.add(command("unpick", kind, old));
                    queue.add(command("pick", kind, free.get(random.nextInt(free.size()))));
                    sendNext();
                }
            }
            vertx.setTimer(settings.changeInterval().toMillis(), t -> change());
        }

        private ObjectNode command(String type, String kind, String term) {
            return JSON.createObjectNode().put("type", type).put("id", "c" + (++sequence)).put("kind", kind).put("term", term);
        }

        private void sendNext() {
            if (pending != null || queue.isEmpty()) {
                return;
            }
            pending = queue.remove(0);
            pendingSince = System.nanoTime();
            result.sent.increment();
            socket.writeTextMessage(pending.toString());
        }

        private void answered(JsonNode frame, long now) {
            if (pending == null || !pending.path("id").asText().equals(frame.path("id").asText())) {
                result.unexpectedAnswers.increment();
                return;
            }
            ObjectNode done = pending;
            pending = null;
            List<String> mine = done.path("kind").asText().equals("MOST") ? most : least;
            String term = done.path("term").asText();
            if (frame.path("type").asText().equals("ack")) {
                long version = frame.path("version").asLong();
                result.maxAckVersion.accumulateAndGet(version, Math::max);
                result.acked.increment();
                if (done.path("type").asText().equals("pick")) {
                    pickAck.add(now - pendingSince);
                    acked.add(new long[] {version, pendingSince});
                    if (!mine.contains(term)) {
                        mine.add(term);
                    }
                } else {
                    mine.remove(term);
                }
            } else {
                result.errors.computeIfAbsent(frame.path("code").asText(), k -> new LongAdder()).increment();
                // A refused unpick would make the paired pick exceed the limit: drop the pair.
                queue.clear();
            }
            sendNext();
        }

        synchronized boolean busy() {
            return pending != null || !queue.isEmpty();
        }

        synchronized List<String> believedPicks() {
            List<String> all = new ArrayList<>();
            most.forEach(t -> all.add("MOST|" + t));
            least.forEach(t -> all.add("LEAST|" + t));
            return all;
        }

        synchronized List<long[]> ackedPicks() {
            return new ArrayList<>(acked);
        }
    }

    // ---- transport -------------------------------------------------------------------------

    private Future<WebSocket> open(String code) {
        // No Origin header: a program, not a browser page (see OriginCheck).
        return ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/live/" + code)
                .setAllowOriginHeader(false));
    }

    private static String hello(String role, String secret) {
        return JSON.createObjectNode().put("type", "hello").put("role", role).put("secret", secret).toString();
    }

    private Future<String> post(String path, String body, String organiserKey, int expectedStatus) {
        return request(HttpMethod.POST, path, body, organiserKey == null ? null : "key:" + organiserKey, expectedStatus);
    }

    /** {@code auth} is either {@code Bearer …} or {@code key:<organiser key>}. */
    private Future<String> request(HttpMethod method, String path, String body, String auth, int expectedStatus) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        if (auth != null && auth.startsWith("key:")) {
            options.putHeader("X-Organiser-Key", auth.substring(4));
        } else if (auth != null) {
            options.putHeader("Authorization", auth);
        }
        return http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().compose(buf -> resp.statusCode() == expectedStatus
                        ? Future.succeededFuture(buf.toString())
                        : Future.failedFuture(method + " " + path + " answered " + resp.statusCode() + ": " + buf)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
        }
    }

    /** What one run measured. Latencies in nanoseconds; message counts over all clients. */
    public static final class Result {
        final Samples join = new Samples();
        final Samples pickAck = new Samples();
        final Samples facilitatorVisible = new Samples();
        final Samples projectorVisible = new Samples();
        final LongAdder notVisibleFacilitator = new LongAdder();
        final LongAdder notVisibleProjector = new LongAdder();
        final LongAdder framesReceived = new LongAdder();
        final LongAdder bytesReceived = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder unanswered = new LongAdder();
        final LongAdder unexpectedAnswers = new LongAdder();
        final LongAdder joined = new LongAdder();
        final AtomicLong maxAckVersion = new AtomicLong();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        double loadSeconds;
        double wallSeconds;
        long viewLost;
        long viewDuplicated;
        boolean viewConverged;
        long expectedPicks;
        long csvLost;
        long csvDuplicated;
        long finalViewVersion;
        long lastAckedVersion;

        void count(String text) {
            framesReceived.increment();
            bytesReceived.add(utf8Length(text));
        }

        void fail(String what, Throwable e) {
            if (failures.size() < 20) {
                failures.add(what + ": " + e.getMessage());
            }
        }

        public long picksAcked() {
            return pickAck.count();
        }

        public long commandsSent() {
            return sent.sum();
        }

        public long commandsAcked() {
            return acked.sum();
        }

        public long unanswered() {
            return unanswered.sum();
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        public long joined() {
            return joined.sum();
        }

        public long lost() {
            return viewLost + csvLost;
        }

        public long duplicated() {
            return viewDuplicated + csvDuplicated;
        }

        public boolean viewConverged() {
            return viewConverged && finalViewVersion >= lastAckedVersion;
        }

        public List<String> failures() {
            return failures;
        }

        /** Delivered frames per second over the load phase: the throughput compared with the baseline. */
        double deliveredPerSecond() {
            return framesReceived.sum() / loadSeconds;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("participantsJoined", joined());
            m.put("loadSeconds", Samples.round(loadSeconds));
            m.put("joinMs", join.summary());
            m.put("pickToAckMs", pickAck.summary());
            m.put("pickToFacilitatorViewMs", facilitatorVisible.summary());
            m.put("pickToProjectorViewMs", projectorVisible.summary());
            m.put("picksNeverVisibleFacilitator", notVisibleFacilitator.sum());
            m.put("picksNeverVisibleProjector", notVisibleProjector.sum());
            m.put("commandsSent", commandsSent());
            m.put("commandsAcked", commandsAcked());
            m.put("picksAcked", picksAcked());
            m.put("commandsUnanswered", unanswered());
            m.put("unexpectedAnswers", unexpectedAnswers.sum());
            m.put("errors", errors.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
            m.put("framesReceived", framesReceived.sum());
            m.put("bytesReceived", bytesReceived.sum());
            // Everything every client received (acks, views, welcomes) divided by the picks: a change is an
            // unpick plus a pick, so the unpick's traffic is included in "per pick".
            m.put("framesPerPick", Samples.round(framesReceived.sum() / (double) Math.max(1, picksAcked())));
            m.put("bytesPerPick", Math.round(bytesReceived.sum() / (double) Math.max(1, picksAcked())));
            m.put("deliveredFramesPerSecond", Math.round(deliveredPerSecond()));
            m.put("ackedCommandsPerSecond", Math.round(commandsAcked() / loadSeconds));
            m.put("expectedPicksAtEnd", expectedPicks);
            m.put("lostPicksView", viewLost);
            m.put("duplicatedPicksView", viewDuplicated);
            m.put("lostPicksCsv", csvLost);
            m.put("duplicatedPicksCsv", csvDuplicated);
            m.put("facilitatorViewConverged", viewConverged());
            m.put("failures", failures);
            return m;
        }
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
