package nl.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
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
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The scenarios of issue 5. One or more sessions, each with a facilitator, a projector and N participants,
 * join in one storm spread over all sessions; each participant picks 2 MOST and 2 LEAST terms, then changes
 * one pick (unpick + pick) every interval until the change phase ends. L1k is one session of 1,000; L10k is
 * 100 sessions of 100; "slow" is L1k where a fraction of the participants stop reading their socket after
 * their initial picks ({@link WebSocket#pause()}: TCP backpressure builds up towards the server) and resume
 * reading after a while. Works against Waterline and against {@link BaselineServer}, which speaks the same
 * subset of the protocol.
 *
 * <p>Each participant sends one command at a time and waits for its answer, like a phone does, so a
 * pick can never overtake the unpick that makes room for it.
 *
 * <p>Frames are counted and measured as bytes (the UTF-8 payload) without decoding them; only the frames
 * a client needs are parsed, so that 10,000 clients in one JVM load the generator as little as possible.
 */
public final class Scenario {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "gemeente";
    private static final String ROLE = "uitvoering";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final byte[] ANY_VIEW = bytes("{\"type\":\"view\"");
    private static final byte[] YOU = bytes("{\"type\":\"you\"");
    private static final byte[] PARTICIPANT_VIEW = roomViewPrefix("participant");

    /**
     * What to run; {@code organiserKey} is null where loopback may create sessions without it.
     *
     * @param stalledFraction share of each session's participants that stop reading after their initial picks
     * @param stalls          how long the stalled clients stop reading, assigned round-robin; zero = until the end
     * @param viewerSample    participants (over all sessions, at least one per session) whose room views are
     *                        timed for pick → visible to the other participants
     */
    public record Settings(String name, int sessions, int participantsPerSession, Duration joinWindow, Duration changePhase,
                           Duration changeInterval, String organiserKey, Duration settleTimeout,
                           double stalledFraction, List<Duration> stalls, int viewerSample) {

        /** L1k: one session; the join window is 8 ms per participant, between 1 and 8 s. */
        public static Settings of(int participants, int changeSeconds, String organiserKey) {
            Duration window = Duration.ofMillis(Math.min(8000, Math.max(1000, participants * 8L)));
            return new Settings("L1k", 1, participants, window, Duration.ofSeconds(changeSeconds), Duration.ofSeconds(2),
                    organiserKey, Duration.ofSeconds(30), 0, List.of(), 50);
        }

        /** L10k-shaped: {@code sessions} sessions of {@code perSession} participants, one join storm over all of them. */
        public static Settings sessions(int sessions, int perSession, Duration joinWindow, int changeSeconds, String organiserKey) {
            return new Settings("L10k", sessions, perSession, joinWindow, Duration.ofSeconds(changeSeconds), Duration.ofSeconds(2),
                    organiserKey, Duration.ofSeconds(60), 0, List.of(), 50);
        }

        /** The same run where a share of the participants stop reading after their initial picks. */
        public Settings withStalled(double fraction, List<Duration> stallFor) {
            return new Settings("slow", sessions, participantsPerSession, joinWindow, changePhase, changeInterval,
                    organiserKey, settleTimeout, fraction, List.copyOf(stallFor), viewerSample);
        }

        public Settings named(String newName) {
            return new Settings(newName, sessions, participantsPerSession, joinWindow, changePhase, changeInterval,
                    organiserKey, settleTimeout, stalledFraction, stalls, viewerSample);
        }

        public int participants() {
            return sessions * participantsPerSession;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessions", sessions);
            m.put("participantsPerSession", participantsPerSession);
            m.put("participants", participants());
            m.put("connections", participants() + 2L * sessions);
            m.put("joinWindowSeconds", joinWindow.toMillis() / 1000.0);
            m.put("changeSeconds", changePhase.toMillis() / 1000.0);
            m.put("changeIntervalSeconds", changeInterval.toMillis() / 1000.0);
            if (stalledFraction > 0) {
                m.put("stalledFraction", stalledFraction);
                m.put("stallSeconds", stalls.stream().map(d -> d.toMillis() / 1000.0).toList());
            }
            return m;
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
    /** Picks sent from this time on (everyone joined, plus one change interval) count as the steady state. */
    private volatile long steadyFrom = Long.MAX_VALUE;
    /** When the last stalled client read again; 0 when none did. */
    private final AtomicLong lastResumeAt = new AtomicLong();
    /** How long the change phase waits for a join storm that takes longer than its window. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LAG_TICK = Duration.ofMillis(10);
    /** Set before the clients are closed at the end, so those closes are not counted as unexpected. */
    private volatile boolean finished;

    private Scenario(URI base, Settings settings) {
        this.settings = settings;
        this.host = base.getHost();
        this.port = base.getPort();
        int connections = settings.participants() + 2 * settings.sessions() + 10;
        // Every phone has its own connection; with a small pool the generator itself would queue the joins of a
        // big room (64 connections held the L10k storm to ~100 joins/s). Up to 1,000 joins in flight at once.
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(Math.min(1000, connections)).setMaxWaitQueueSize(-1));
        // The default of 50 connections per server would queue the rest of the room (toolchain.md).
        this.ws = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(connections)
                .setMaxMessageSize(32 << 20).setMaxFrameSize(32 << 20)
                .setConnectTimeout(30_000));
    }

    public static Result run(URI base, Settings settings) throws Exception {
        return run(base, settings, null);
    }

    /**
     * @param atPeak called after the load has settled, while every client is still connected, with the number of
     *               open connections; what it returns (e.g. the server's heap after GC) is reported under "atPeak"
     */
    public static Result run(URI base, Settings settings, Function<Integer, Map<String, Object>> atPeak) throws Exception {
        Scenario scenario = new Scenario(base, settings);
        try {
            return scenario.run(atPeak);
        } finally {
            scenario.finished = true;
            scenario.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Result run(Function<Integer, Map<String, Object>> atPeak) throws Exception {
        long runStart = System.nanoTime();
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < settings.sessions(); i += 10) {
            List<Future<Room>> opening = new ArrayList<>();
            for (int j = i; j < Math.min(settings.sessions(), i + 10); j++) {
                // On an event loop of its own, not this thread: a response read from outside a Vert.x context
                // can lose its body (seen with picks.csv), and the screens' sockets stay on that loop.
                int index = j;
                io.vertx.core.Promise<Room> opened = io.vertx.core.Promise.promise();
                vertx.getOrCreateContext().runOnContext(v -> openRoom(index).onComplete(opened));
                opening.add(opened.future());
            }
            for (Future<Room> room : opening) {
                rooms.add(await(room));
            }
        }

        List<Participant> participants = new ArrayList<>();
        int stalledSoFar = 0;
        for (int i = 0; i < settings.participants(); i++) {
            Room room = rooms.get(i % settings.sessions());
            int inRoom = i / settings.sessions();
            double f = settings.stalledFraction();
            boolean stalled = f > 0 && Math.floor((inRoom + 1) * f) > Math.floor(inRoom * f);
            Duration stallFor = stalled ? settings.stalls().get(stalledSoFar++ % settings.stalls().size()) : null;
            Participant p = new Participant(i, room, stallFor);
            participants.add(p);
            room.members.add(p);
        }
        chooseViewers(rooms);
        startLagProbes();

        long stormStart = System.nanoTime();
        long spacing = settings.joinWindow().toNanos() / Math.max(1, settings.participants());
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            long delayMs = Math.max(1, (stormStart + i * spacing - System.nanoTime()) / 1_000_000);
            vertx.setTimer(delayMs, t -> p.join());
        }
        TcpWatch watch = settings.stalledFraction() > 0
                ? TcpWatch.start(port, participants.stream().filter(p -> p.stallFor != null).toList()) : null;
        SocketBacklog backlog = SocketBacklog.start(port, () -> changing && System.nanoTime() >= steadyFrom);
        try {
            // The change phase runs for its full length once everyone has joined (or the join timeout passed),
            // so that a slow join storm does not eat it; picks sent from then on are the steady state.
            long windowEnd = stormStart + settings.joinWindow().toNanos();
            sleepUntil(windowEnd);
            long joinDeadline = windowEnd + JOIN_TIMEOUT.toNanos();
            while (System.nanoTime() < joinDeadline && result.welcomed.get() + result.joinFailures.sum() < settings.participants()) {
                Thread.sleep(20);
            }
            long stormEnd = Math.max(windowEnd, result.lastWelcomeAt.get());
            result.joinStormSeconds = (result.lastWelcomeAt.get() - stormStart) / 1e9;
            steadyFrom = stormEnd + settings.changeInterval().toNanos();
            // Wall-clock, to line the per-5 s p99s up with a server's GC log or vmstat.
            result.steadyFromUtc = java.time.Instant.now().plusNanos(steadyFrom - System.nanoTime()).toString();
            sleepUntil(Math.max(windowEnd, System.nanoTime()) + settings.changePhase().toNanos());
            changing = false;
            long loadEnd = System.nanoTime();

            long settleDeadline = System.nanoTime() + settings.settleTimeout().toNanos();
            // A stalled client whose resume falls after the change phase still gets to resume (bounded by the settle timeout).
            while (System.nanoTime() < settleDeadline && participants.stream().anyMatch(Participant::resumePending)) {
                Thread.sleep(100);
            }
            // Let every command in flight get its answer, then every acked change reach both screens of its session.
            while (System.nanoTime() < settleDeadline && participants.stream().anyMatch(Participant::busy)) {
                Thread.sleep(50);
            }
            while (System.nanoTime() < settleDeadline && rooms.stream().anyMatch(r -> !r.screensCaughtUp())) {
                Thread.sleep(50);
            }
            // Participants get a view only when its content changed, so a late pick cancelled by another's unpick
            // may leave them one version behind for good: give them a few seconds, then compare contents.
            long participantDeadline = Math.min(settleDeadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            while (System.nanoTime() < participantDeadline && rooms.stream().anyMatch(r -> !r.participantsCaughtUp())) {
                Thread.sleep(50);
            }
            result.loadSeconds = (loadEnd - stormStart) / 1e9;
            backlog.stop();
            result.socketBacklog = backlog.summary(result.bytesReceived.sum() / result.loadSeconds);
            if (watch != null) {
                watch.stop();
                result.stallTxQueueMaxBytes = watch.maxTxQueue();
                result.stallTxQueueTimeline = watch.timeline();
            }
            result.openAtPeak = result.open.get();
            if (atPeak != null) {
                result.atPeak = atPeak.apply(result.open.get());
            }
            result.wallSeconds = (System.nanoTime() - runStart) / 1e9;
        } finally {
            backlog.stop();
            if (watch != null) {
                watch.stop();
            }
        }

        for (Room room : rooms) {
            room.evaluate();
        }
        for (Participant p : participants) {
            p.evaluate();
        }
        for (Latency latency : List.of(result.pickAck, result.facilitatorVisible, result.projectorVisible, result.participantVisible)) {
            latency.split();
        }
        return result;
    }

    /**
     * Every latency above is taken when a generator event loop reads the frame, so it includes the time the frame
     * waited for that loop. A 10 ms timer chain on each of the generator's loops measures that wait: how late
     * each tick runs, recorded in the steady state (the generator's own share of the measured p99s).
     */
    private void startLagProbes() {
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                tick(System.nanoTime() + LAG_TICK.toNanos());
            }

            private void tick(long due) {
                vertx.setTimer(LAG_TICK.toMillis(), id -> {
                    long now = System.nanoTime();
                    if (changing && now >= steadyFrom) {
                        result.generatorLoopLag.add(Math.max(0, now - due));
                    }
                    if (!finished) {
                        tick(now + LAG_TICK.toNanos());
                    }
                });
            }
        }, new DeploymentOptions().setInstances(loops));
    }

    /** At least one viewer per session, spread over the session's honest participants. */
    private void chooseViewers(List<Room> rooms) {
        int perRoom = (int) Math.ceil(settings.viewerSample() / (double) rooms.size());
        for (Room room : rooms) {
            List<Participant> honest = room.members.stream().filter(p -> p.stallFor == null).toList();
            int count = Math.min(Math.max(1, perRoom), honest.size());
            for (int k = 0; k < count; k++) {
                Participant viewer = honest.get((int) ((k + 0.5) * honest.size() / count));
                viewer.viewer = true;
                room.viewers.add(viewer);
                result.viewers++;
            }
        }
    }

    private Future<Room> openRoom(int index) {
        ObjectNode create = JSON.createObjectNode().put("templateId", "stakeholdersessie").put("title", "Load benchmark " + index);
        return post("/api/sessions", create.toString(), settings.organiserKey(), 201).compose(text -> {
            JsonNode session = parse(text);
            Room room = new Room(index, session.path("code").asText().replace("-", ""), session.path("facilitatorSecret").asText());
            return request(HttpMethod.GET, "/api/sessions/" + room.code, null, null, 200).compose(info -> {
                parse(info).path("terms").forEach(t -> room.terms.add(t.asText()));
                return room.facilitator.connect();
            }).compose(v -> room.projector.connect())
                    // Participants and the projector see the results only when they are live; the benchmark measures them being seen.
                    .compose(v -> room.facilitator.command(JSON.createObjectNode().put("type", "setResultsMode").put("id", "live").put("mode", "LIVE")))
                    .map(v -> room);
        });
    }

    // ---- sessions ------------------------------------------------------------------------

    /** One session: its screens, its participants, the highest version acked to any of them. */
    private final class Room {
        final int index;
        final String code;
        final String facilitatorSecret;
        final List<String> terms = new ArrayList<>();
        final Screen facilitator;
        final Screen projector;
        final List<Participant> members = new ArrayList<>();
        final List<Participant> viewers = new ArrayList<>();
        final AtomicLong maxAckVersion = new AtomicLong();

        Room(int index, String code, String facilitatorSecret) {
            this.index = index;
            this.code = code;
            this.facilitatorSecret = facilitatorSecret;
            this.facilitator = new Screen(this, "facilitator");
            this.projector = new Screen(this, "projector");
        }

        boolean screensCaughtUp() {
            long acked = maxAckVersion.get();
            return facilitator.latestVersion() >= acked && projector.latestVersion() >= acked;
        }

        boolean participantsCaughtUp() {
            long acked = maxAckVersion.get();
            for (Participant p : members) {
                if (p.watchesViews() && p.latestRoomVersion() < acked) {
                    return false;
                }
            }
            return true;
        }

        void evaluate() throws Exception {
            List<Participant> honest = members.stream().filter(p -> p.stallFor == null).toList();
            facilitator.visibility(honest, result.facilitatorVisible, result.notVisibleFacilitator);
            projector.visibility(honest, result.projectorVisible, result.notVisibleProjector);
            for (Participant viewer : viewers) {
                viewer.visibility(honest, result.participantVisible, result.notVisibleParticipants);
            }
            JsonNode view = facilitator.latestView();
            compareWithFacilitatorView(view, members);
            compareWithCsv(code, facilitatorSecret, members);
            Map<String, Integer> shown = counts(view);
            for (Participant p : members) {
                if (p.watchesViews()) {
                    boolean same = shown.equals(counts(p.latestRoomView()));
                    (p.stallFor == null ? result.viewersConverged : result.stalledConverged).add(same ? 1 : 0);
                }
            }
            if (facilitator.latestVersion() < maxAckVersion.get()) {
                result.screensBehind.increment();
            }
        }
    }

    /** The per-term MOST and LEAST counts of a view's results, zeros left out. */
    /** 128 random bits, base64url, as the phone page draws them. */
    static String phoneSecret() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    private static Map<String, Integer> counts(JsonNode view) {
        Map<String, Integer> counts = new HashMap<>();
        if (view != null) {
            for (JsonNode t : view.path("results").path("terms")) {
                String term = t.path("term").asText();
                if (t.path("most").asInt() > 0) {
                    counts.put("MOST|" + term, t.path("most").asInt());
                }
                if (t.path("least").asInt() > 0) {
                    counts.put("LEAST|" + term, t.path("least").asInt());
                }
            }
        }
        return counts;
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
            String id = p.participantId();
            List<String> inView = new ArrayList<>(id == null ? List.of() : shown.getOrDefault(id, List.of()));
            for (String pick : believed) {
                if (!inView.remove(pick)) {
                    lost++;
                }
            }
            duplicated += inView.size();
        }
        synchronized (result) {
            result.viewLost += lost;
            result.viewDuplicated += duplicated;
            result.expectedPicks += expectedCounts.values().stream().mapToLong(Integer::longValue).sum();
            if (view == null || !counts(view).equals(expectedCounts)) {
                result.viewsNotConverged++;
            }
        }
    }

    /** The minutes CSV is what survives the session: it must hold exactly the picks the clients believe they have. */
    private void compareWithCsv(String code, String facilitatorSecret, List<Participant> participants) throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        participants.forEach(p -> p.believedPicks().forEach(k -> expected.merge(k, 1, Integer::sum)));
        Map<String, Integer> stored = new HashMap<>();
        // Read after the load with the JDK's client from this thread: nothing of the event loops is needed for it.
        // HTTP/1.1: the JDK client otherwise offers an h2c upgrade, which servers answer in ways of their own.
        // The request timeout covers the headers only; the whole answer gets a limit of its own.
        var response = CSV_CLIENT.sendAsync(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://" + host + ":" + port + "/api/sessions/" + code + "/picks.csv"))
                .header("Authorization", "Bearer " + facilitatorSecret).timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("picks.csv of " + code + " answered " + response.statusCode() + ": " + response.body());
        }
        String csv = response.body();
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
        synchronized (result) {
            result.csvLost += lost;
            result.csvDuplicated += duplicated;
        }
    }

    private static final java.net.http.HttpClient CSV_CLIENT = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(k -> !a.contains(k)).forEach(all::add);
        return all;
    }

    // ---- clients ---------------------------------------------------------------------------

    /** Facilitator or projector screen: keeps when each view version arrived, for pick → visible. */
    private final class Screen {
        private final Room room;
        private final String role;
        private final byte[] viewPrefix;
        private final Arrivals arrivals = new Arrivals();
        private volatile Buffer latestView;
        private volatile long latestVersion = -1;
        private WebSocket socket;
        private final Map<String, io.vertx.core.Promise<String>> answers = new ConcurrentHashMap<>();
        /** The facilitator's participant list, from its {@code participants} frames (guarded by this). */
        private final Map<String, JsonNode> participants = new java.util.LinkedHashMap<>();

        Screen(Room room, String role) {
            this.room = room;
            this.role = role;
            this.viewPrefix = roomViewPrefix(role);
        }

        Future<String> connect() {
            io.vertx.core.Promise<String> welcome = io.vertx.core.Promise.promise();
            answers.put("welcome", welcome);
            return open(room.code).compose(s -> {
                socket = s;
                result.open.incrementAndGet();
                read(s, this::onMessage);
                s.closeHandler(v -> {
                    result.open.decrementAndGet();
                    if (!finished) {
                        unexpectedClose(s, role + " of session " + room.index);
                    }
                });
                return s.writeTextMessage(hello(role, room.facilitatorSecret));
            }).compose(v -> welcome.future());
        }

        Future<String> command(ObjectNode frame) {
            io.vertx.core.Promise<String> answer = io.vertx.core.Promise.promise();
            answers.put(frame.path("id").asText(), answer);
            return socket.writeTextMessage(frame.toString()).compose(v -> answer.future());
        }

        private void onMessage(Buffer message, long now) {
            if (startsWith(message, viewPrefix)) {
                long version = versionAfter(message, viewPrefix.length);
                synchronized (this) {
                    if (version > latestVersion) {
                        latestVersion = version;
                        latestView = message.copy();
                    }
                }
                arrivals.add(version, now);
                return;
            }
            if (startsWith(message, ANY_VIEW)) {
                return;
            }
            JsonNode frame = parse(message.toString(StandardCharsets.UTF_8));
            String type = frame.path("type").asText();
            if (type.equals("participants")) {
                synchronized (this) {
                    if (frame.path("full").asBoolean()) {
                        participants.clear();
                    }
                    frame.path("rows").forEach(row -> participants.put(row.path("id").asText(), row));
                    frame.path("removed").forEach(id -> participants.remove(id.asText()));
                }
                return;
            }
            if (type.equals("welcome") || type.equals("ack") || type.equals("error")) {
                var answer = answers.remove(type.equals("welcome") ? "welcome" : frame.path("id").asText());
                if (answer != null) {
                    if (type.equals("error")) {
                        answer.fail(role + ": " + frame);
                    } else {
                        answer.complete(frame.toString());
                    }
                }
            }
        }

        long latestVersion() {
            return latestVersion;
        }

        /** The newest view; a facilitator's with the participant list as its frames left it. */
        JsonNode latestView() {
            Buffer view = latestView;
            if (view == null) {
                return null;
            }
            JsonNode parsed = parse(view.toString(StandardCharsets.UTF_8)).path("view");
            if (role.equals("facilitator") && parsed instanceof ObjectNode object && !object.has("participants")) {
                synchronized (this) {
                    object.set("participants", JSON.valueToTree(List.copyOf(participants.values())));
                }
            }
            return parsed;
        }

        void visibility(List<Participant> pickers, Latency into, LongAdder neverSeen) {
            arrivals.visibility(pickers, null, Long.MIN_VALUE, into, neverSeen);
        }
    }

    /** {version, arrival time} of every view one client received, for pick → visible. */
    private static final class Arrivals {
        private long[] pairs = new long[256];
        private int size;

        synchronized void add(long version, long at) {
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = version;
            pairs[size++] = at;
        }

        /**
         * For each acked pick of {@code pickers} (except {@code self}) sent at or after {@code notBefore}: the time
         * from sending it to the first view whose version includes it.
         */
        void visibility(List<Participant> pickers, Participant self, long notBefore, Latency into, LongAdder neverSeen) {
            long[] seen;
            int n;
            synchronized (this) {
                seen = pairs;
                n = size / 2;
            }
            long[] highest = new long[n];
            long[] at = new long[n];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, seen[2 * i]);
                highest[i] = max;
                at[i] = seen[2 * i + 1];
            }
            for (Participant p : pickers) {
                if (p == self) {
                    continue;
                }
                for (long[] pick : p.ackedPicks()) {
                    if (pick[1] < notBefore) {
                        continue;
                    }
                    int i = firstAtLeast(highest, pick[0]);
                    if (i < 0) {
                        neverSeen.increment();
                    } else {
                        into.add(pick[1], at[i] - pick[1]);
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

    /**
     * A phone: joins, picks 2 MOST and 2 LEAST, then changes one pick per interval, one command at a time.
     * A stalled one ({@code stallFor} not null) stops reading after its initial picks and sends nothing more;
     * after {@code stallFor} (unless zero) it reads again, and reconnects if the server closed it meanwhile.
     */
    final class Participant {
        private final int index;
        private final Room room;
        final Duration stallFor;
        /** Times the room views it receives, for pick → visible to the other participants. */
        boolean viewer;
        private final List<String> most = new ArrayList<>();
        private final List<String> least = new ArrayList<>();
        /** {version, pick send time, ack latency} of every acked pick. */
        private final List<long[]> acked = new ArrayList<>();
        private final List<ObjectNode> queue = new ArrayList<>();
        private final Arrivals arrivals = new Arrivals();
        private String participantId;
        private String secret;
        private boolean welcomed;
        private long welcomedAt;
        private long joinAnsweredAt;
        private boolean started;
        private ObjectNode pending;
        private long pendingSince;
        private long joinStart;
        private WebSocket socket;
        private int sequence;
        private long latestRoomVersion = -1;
        private Buffer latestRoomView;
        // stall bookkeeping
        private long pausedAt;
        private long resumedAt;
        private long catchUpTarget;
        private long caughtUpAt;
        private boolean closedWhilePaused;
        private volatile int localPort = -1;
        volatile long serverClosedAt;
        private int reconnects;

        Participant(int index, Room room, Duration stallFor) {
            this.index = index;
            this.room = room;
            this.stallFor = stallFor;
        }

        void join() {
            joinStart = System.nanoTime();
            // Like the phone page: it draws its own secret, so that a join retried after a lost answer is recognised.
            ObjectNode body = JSON.createObjectNode().put("name", "P" + index).put("group", GROUP).put("role", ROLE)
                    .put("secret", phoneSecret());
            post("/api/sessions/" + room.code + "/participants", body.toString(), null, 201)
                    .onSuccess(text -> {
                        JsonNode joined = parse(text);
                        synchronized (this) {
                            joinAnsweredAt = System.nanoTime();
                            result.joinRest.add(joinAnsweredAt - joinStart);
                            participantId = joined.path("participantId").asText();
                            secret = joined.path("secret").asText();
                        }
                        connect();
                    })
                    .onFailure(e -> {
                        result.joinFailures.increment();
                        result.fail("join", e);
                    });
        }

        private void connect() {
            open(room.code).onSuccess(s -> {
                synchronized (this) {
                    socket = s;
                    localPort = s.localAddress() == null ? -1 : s.localAddress().port();
                }
                result.open.incrementAndGet();
                read(s, this::onMessage);
                s.closeHandler(v -> onClosed(s));
                s.writeTextMessage(hello("participant", secret));
            }).onFailure(e -> {
                synchronized (this) {
                    if (!welcomed) {
                        result.joinFailures.increment();
                    }
                }
                result.fail("connect", e);
            });
        }

        private void onClosed(WebSocket s) {
            result.open.decrementAndGet();
            if (finished) {
                return;
            }
            boolean reconnect;
            synchronized (this) {
                if (s != socket) {
                    return;
                }
                if (pausedAt == 0) {
                    if (!welcomed) {
                        result.joinFailures.increment();
                    }
                    unexpectedClose(s, "participant " + index);
                    return;
                }
                if (resumedAt == 0) {
                    // Not noticed while not reading, as a rule; if it is: reconnect when resuming.
                    closedWhilePaused = true;
                    return;
                }
                // A stalled client notices that the server closed it once it reads again: it reconnects, as a phone would.
                closedWhilePaused = true;
                reconnect = true;
            }
            if (reconnect) {
                reconnects();
            }
        }

        private void reconnects() {
            synchronized (this) {
                reconnects++;
            }
            result.stalledReconnects.increment();
            connect();
        }

        private void onMessage(Buffer message, long now) {
            if (startsWith(message, PARTICIPANT_VIEW)) {
                if (watchesViews()) {
                    long version = versionAfter(message, PARTICIPANT_VIEW.length);
                    synchronized (this) {
                        if (version > latestRoomVersion) {
                            latestRoomVersion = version;
                            latestRoomView = message.copy();
                        }
                        if (resumedAt != 0 && caughtUpAt == 0 && version >= catchUpTarget) {
                            caughtUpAt = now;
                        }
                    }
                    if (viewer) {
                        arrivals.add(version, now);
                    }
                }
                return;
            }
            // Personal frames and scoped views are only counted: parsing them would load the generator, not the server.
            if (startsWith(message, ANY_VIEW) || startsWith(message, YOU)) {
                return;
            }
            JsonNode frame = parse(message.toString(StandardCharsets.UTF_8));
            String type = frame.path("type").asText();
            synchronized (this) {
                if (type.equals("welcome")) {
                    if (!welcomed) {
                        welcomed = true;
                        welcomedAt = now;
                        result.join.add(now - joinStart);
                        result.joinSocket.add(now - joinAnsweredAt);
                        result.welcomed.incrementAndGet();
                        result.lastWelcomeAt.accumulateAndGet(now, Math::max);
                    }
                    if (!started) {
                        started = true;
                        startPicking();
                    }
                } else if (type.equals("ack") || type.equals("error")) {
                    answered(frame, now);
                }
            }
        }

        private void startPicking() {
            List<String> shuffled = new ArrayList<>(room.terms);
            Collections.shuffle(shuffled, ThreadLocalRandom.current());
            queue.add(command("pick", "MOST", shuffled.get(0)));
            queue.add(command("pick", "MOST", shuffled.get(1)));
            queue.add(command("pick", "LEAST", shuffled.get(2)));
            queue.add(command("pick", "LEAST", shuffled.get(3)));
            sendNext();
            if (stallFor == null) {
                long interval = settings.changeInterval().toMillis();
                vertx.setTimer(interval + ThreadLocalRandom.current().nextLong(interval), t -> change());
            }
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
                    List<String> free = new ArrayList<>(room.terms);
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
            if (pending != null) {
                return;
            }
            if (queue.isEmpty()) {
                if (stallFor != null && pausedAt == 0 && most.size() + least.size() > 0) {
                    stall();
                }
                return;
            }
            pending = queue.remove(0);
            pendingSince = System.nanoTime();
            result.sent.increment();
            socket.writeTextMessage(pending.toString());
        }

        /** Stops reading: the socket's inbound buffer fills, Vert.x stops reading from TCP, the server's writes back up. */
        private void stall() {
            pausedAt = System.nanoTime();
            socket.pause();
            result.stalled.increment();
            if (!stallFor.isZero()) {
                vertx.setTimer(stallFor.toMillis(), t -> resume());
            }
        }

        private void resume() {
            boolean reconnect;
            synchronized (this) {
                resumedAt = System.nanoTime();
                catchUpTarget = room.maxAckVersion.get();
                reconnect = closedWhilePaused;
                if (!reconnect) {
                    socket.resume();
                }
            }
            result.stalledResumed.increment();
            lastResumeAt.accumulateAndGet(System.nanoTime(), Math::max);
            if (reconnect) {
                reconnects();
            }
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
                room.maxAckVersion.accumulateAndGet(version, Math::max);
                result.acked.increment();
                if (done.path("type").asText().equals("pick")) {
                    result.picks.increment();
                    acked.add(new long[] {version, pendingSince, now - pendingSince});
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

        /** Whether this client's room views are checked: the sampled viewers and the stalled clients that read again. */
        synchronized boolean watchesViews() {
            return viewer || (stallFor != null && resumedAt != 0);
        }

        synchronized long latestRoomVersion() {
            return latestRoomVersion;
        }

        synchronized JsonNode latestRoomView() {
            return latestRoomView == null ? null : parse(latestRoomView.toString(StandardCharsets.UTF_8)).path("view");
        }

        synchronized boolean busy() {
            return pending != null || !queue.isEmpty();
        }

        synchronized boolean resumePending() {
            return stallFor != null && !stallFor.isZero() && pausedAt != 0 && resumedAt == 0;
        }

        synchronized boolean paused() {
            return pausedAt != 0 && resumedAt == 0;
        }

        synchronized long pausedAt() {
            return pausedAt;
        }

        int localPort() {
            return localPort;
        }

        synchronized String participantId() {
            return participantId;
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

        /** Pick → visible in this viewer's room views, for the other participants' picks made once it was there. */
        void visibility(List<Participant> pickers, Latency into, LongAdder neverSeen) {
            long since;
            synchronized (this) {
                since = welcomedAt == 0 ? Long.MAX_VALUE : welcomedAt;
            }
            arrivals.visibility(pickers, this, since, into, neverSeen);
        }

        /** Adds this participant's figures to the result. */
        void evaluate() {
            synchronized (this) {
                if (pending != null) {
                    result.unanswered.increment();
                }
                if (welcomed) {
                    result.joined.increment();
                }
                for (long[] pick : acked) {
                    if (stallFor != null) {
                        result.stalledPickAck.add(pick[2]);
                        continue;
                    }
                    result.pickAck.add(pick[1], pick[2]);
                }
                if (stallFor == null) {
                    return;
                }
                if (pausedAt == 0) {
                    return;
                }
                if (serverClosedAt != 0) {
                    result.stalledClosedByServer.increment();
                    result.closedAfterPause.add(serverClosedAt - pausedAt);
                } else if (closedWhilePaused) {
                    // closed, but the watch of the server's sockets did not see when: counted, time unknown
                    result.stalledClosedByServer.increment();
                }
                if (resumedAt != 0) {
                    if (caughtUpAt != 0) {
                        result.catchUp.add(caughtUpAt - resumedAt);
                    } else {
                        result.stalledNotCaughtUp.increment();
                    }
                }
            }
        }
    }

    /** A connection closed by the server (or the network) while the scenario still needed it. */
    private void unexpectedClose(WebSocket s, String who) {
        result.unexpectedCloses.increment();
        result.fail("closed " + who + " (" + s.closeStatusCode() + " " + s.closeReason() + ")", null);
    }

    // ---- transport -------------------------------------------------------------------------

    /** Counts every data frame (its payload is the UTF-8 text) and hands complete messages on, undecoded. */
    private void read(WebSocket socket, MessageHandler handler) {
        Buffer[] partial = {null};
        socket.frameHandler(frame -> {
            if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
                return;
            }
            long now = System.nanoTime();
            Buffer data = frame.binaryData();
            result.bytesReceived.add(data.length());
            if (!frame.isFinal()) {
                partial[0] = partial[0] == null ? data.copy() : partial[0].appendBuffer(data);
                return;
            }
            if (partial[0] != null) {
                data = partial[0].appendBuffer(data);
                partial[0] = null;
            }
            result.framesReceived.increment();
            try {
                handler.on(data, now);
            } catch (RuntimeException e) {
                result.fail("frame", e);
            }
        });
        socket.exceptionHandler(e -> {
            if (!finished) {
                result.fail("socket", e);
            }
        });
    }

    @FunctionalInterface
    private interface MessageHandler {
        void on(Buffer message, long receivedAt);
    }

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
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Both servers write a room view as {@code {"type":"view","audience":"<audience>","version":N,...}}; scoped views have "scope" there. */
    private static byte[] roomViewPrefix(String audience) {
        return bytes("{\"type\":\"view\",\"audience\":\"" + audience + "\",\"version\":");
    }

    static boolean startsWith(Buffer b, byte[] prefix) {
        if (b.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The non-negative integer starting at {@code at}. */
    static long versionAfter(Buffer b, int at) {
        long v = 0;
        for (int i = at; i < b.length(); i++) {
            byte c = b.getByte(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * One latency measure (pick → ack, pick → a screen's view), split by when the pick was sent: all of them,
     * the steady state (sent once everyone joined), and for stalled clients: sent while some were stalled, or
     * after the last one read again. The bounds are known only after the run, so samples are kept with their
     * send times and split when read.
     */
    final class Latency {
        final Samples all = new Samples();
        final Samples steady = new Samples();
        private final Samples stalled = new Samples();
        private final Samples free = new Samples();
        private long[] pairs = new long[1024];
        private int size;

        synchronized void add(long sentAt, long nanos) {
            all.add(nanos);
            if (size + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = sentAt;
            pairs[size++] = nanos;
        }

        /** Splits the samples once the run is over and the bounds are known. */
        synchronized void split() {
            long resumed = lastResumeAt.get();
            long freeFrom = resumed == 0 ? Long.MAX_VALUE : resumed + settings.changeInterval().toNanos();
            for (int i = 0; i < size; i += 2) {
                long sentAt = pairs[i];
                if (sentAt < steadyFrom) {
                    continue;
                }
                steady.add(pairs[i + 1]);
                if (resumed != 0 && sentAt < resumed) {
                    stalled.add(pairs[i + 1]);
                } else if (sentAt >= freeFrom) {
                    free.add(pairs[i + 1]);
                }
            }
        }

        /**
         * The steady state's p99 per window of send time, in ms, in order ("120 / 95 / 1530 / …"): whether a tail is
         * spread over the run or a few moments when everything waited (a pause, a burst of frames).
         */
        synchronized String steadyP99PerWindow(long windowNanos) {
            java.util.TreeMap<Long, Samples> windows = new java.util.TreeMap<>();
            for (int i = 0; i < size; i += 2) {
                if (pairs[i] >= steadyFrom) {
                    windows.computeIfAbsent((pairs[i] - steadyFrom) / windowNanos, k -> new Samples()).add(pairs[i + 1]);
                }
            }
            return windows.values().stream().map(w -> String.valueOf(Math.round(w.percentileMillis(99))))
                    .collect(java.util.stream.Collectors.joining(" / "));
        }

        String stalledVersusFree() {
            return Samples.round(stalled.percentileMillis(99)) + " (n=" + stalled.count() + ") / "
                    + Samples.round(free.percentileMillis(99)) + " (n=" + free.count() + ")";
        }
    }

    /** What one run measured. Latencies in nanoseconds; message counts over all clients. */
    public final class Result {
        final Samples join = new Samples();
        /** The two halves of a join: REST join → 201, then WebSocket open + hello → welcome. */
        final Samples joinRest = new Samples();
        final Samples joinSocket = new Samples();
        final Latency pickAck = new Latency();
        final AtomicInteger welcomed = new AtomicInteger();
        final AtomicLong lastWelcomeAt = new AtomicLong();
        final LongAdder joinFailures = new LongAdder();
        double joinStormSeconds;
        final Samples stalledPickAck = new Samples();
        /** How late a 10 ms timer ran on the generator's own event loops, steady state only. */
        final Samples generatorLoopLag = new Samples();
        final Latency facilitatorVisible = new Latency();
        volatile String steadyFromUtc;
        final Latency projectorVisible = new Latency();
        final Latency participantVisible = new Latency();
        final Samples closedAfterPause = new Samples();
        final Samples catchUp = new Samples();
        final LongAdder notVisibleFacilitator = new LongAdder();
        final LongAdder notVisibleProjector = new LongAdder();
        final LongAdder notVisibleParticipants = new LongAdder();
        final LongAdder framesReceived = new LongAdder();
        final LongAdder bytesReceived = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder picks = new LongAdder();
        final LongAdder unanswered = new LongAdder();
        final LongAdder unexpectedAnswers = new LongAdder();
        final LongAdder joined = new LongAdder();
        final LongAdder unexpectedCloses = new LongAdder();
        final LongAdder screensBehind = new LongAdder();
        final LongAdder viewersConverged = new LongAdder();
        final LongAdder stalledConverged = new LongAdder();
        final LongAdder stalled = new LongAdder();
        final LongAdder stalledResumed = new LongAdder();
        final LongAdder stalledReconnects = new LongAdder();
        final LongAdder stalledClosedByServer = new LongAdder();
        final LongAdder stalledNotCaughtUp = new LongAdder();
        final AtomicInteger open = new AtomicInteger();
        final LongAdder failureCount = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int viewers;
        int openAtPeak;
        long stallTxQueueMaxBytes;
        /** Bytes in the kernel between server and generator in the steady state ({@link SocketBacklog}). */
        Map<String, Object> socketBacklog = Map.of();
        String stallTxQueueTimeline;
        Map<String, Object> atPeak = Map.of();
        double loadSeconds;
        double wallSeconds;
        long viewLost;
        long viewDuplicated;
        long viewsNotConverged;
        long expectedPicks;
        long csvLost;
        long csvDuplicated;

        void fail(String what, Throwable e) {
            failureCount.increment();
            if (failures.size() < 20) {
                failures.add(e == null ? what : what + ": " + e.getMessage());
            }
        }

        public long picksAcked() {
            return picks.sum();
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

        /** Every session's final facilitator view holds every believed pick and is at the last acked version. */
        public boolean viewConverged() {
            return viewsNotConverged == 0 && screensBehind.sum() == 0;
        }

        public long unexpectedCloses() {
            return unexpectedCloses.sum();
        }

        /** Sampled participants whose last room view shows the same totals as the facilitator's; of how many. */
        public long viewersConverged() {
            return viewersConverged.sum();
        }

        public int viewers() {
            return viewers;
        }

        public long stalledConverged() {
            return stalledConverged.sum();
        }

        public long stalledResumed() {
            return stalledResumed.sum();
        }

        public long stalled() {
            return stalled.sum();
        }

        public long stalledNotCaughtUp() {
            return stalledNotCaughtUp.sum();
        }

        public long participantViewSamples() {
            return participantVisible.all.count();
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
            m.put("joinRestMs", joinRest.summary());
            m.put("joinSocketMs", joinSocket.summary());
            m.put("pickToAckMs", pickAck.all.summary());
            m.put("pickToFacilitatorViewMs", facilitatorVisible.all.summary());
            m.put("pickToProjectorViewMs", projectorVisible.all.summary());
            m.put("pickToParticipantViewMs", participantVisible.all.summary());
            // The same for the picks sent once everyone had joined (plus one change interval): no join storm in them.
            m.put("steadyPickToAckMs", pickAck.steady.summary());
            m.put("steadyPickToFacilitatorViewMs", facilitatorVisible.steady.summary());
            m.put("steadyPickToFacilitatorViewP99Per5sMs", facilitatorVisible.steadyP99PerWindow(TimeUnit.SECONDS.toNanos(5)));
            m.put("steadyFromUtc", steadyFromUtc);
            m.put("steadyPickToProjectorViewMs", projectorVisible.steady.summary());
            m.put("steadyPickToParticipantViewMs", participantVisible.steady.summary());
            m.put("generatorLoopLagMs", generatorLoopLag.summary());
            m.put("socketBacklog", socketBacklog);
            m.put("joinStormSeconds", Samples.round(joinStormSeconds));
            m.put("joinFailures", joinFailures.sum());
            m.put("participantViewers", viewers);
            m.put("picksNeverVisibleFacilitator", notVisibleFacilitator.sum());
            m.put("picksNeverVisibleProjector", notVisibleProjector.sum());
            m.put("picksNeverVisibleParticipants", notVisibleParticipants.sum());
            m.put("commandsSent", commandsSent());
            m.put("commandsAcked", commandsAcked());
            m.put("picksAcked", picksAcked());
            m.put("commandsUnanswered", unanswered());
            m.put("unexpectedAnswers", unexpectedAnswers.sum());
            m.put("errors", errors.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
            m.put("framesReceived", framesReceived.sum());
            m.put("bytesReceived", bytesReceived.sum());
            // Everything every client received (acks, views, welcomes) divided by the picks: a change is an
            // unpick plus a pick, so the unpick's traffic is included in "per pick". Bytes are the UTF-8 payloads.
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
            m.put("participantViewsConverged", viewersConverged.sum() + " of " + viewers);
            m.put("connectionsAtPeak", openAtPeak);
            m.put("connectionsClosedUnexpectedly", unexpectedCloses());
            if (stalled.sum() > 0) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("stalledClients", stalled.sum());
                s.put("initialPickToAckMs", stalledPickAck.summary());
                s.put("closedByServer", stalledClosedByServer.sum());
                s.put("closedAfterPauseMs", closedAfterPause.summary());
                s.put("serverSendQueueMaxBytes", stallTxQueueMaxBytes);
                s.put("serverSendQueueTimelineKiB", stallTxQueueTimeline);
                s.put("resumed", stalledResumed.sum());
                s.put("reconnected", stalledReconnects.sum());
                s.put("caughtUp", catchUp.count());
                s.put("notCaughtUp", stalledNotCaughtUp.sum());
                s.put("resumeToCaughtUpMs", catchUp.summary());
                s.put("lastViewConverged", stalledConverged.sum() + " of " + stalledResumed.sum());
                // The same run split in time: honest picks sent while clients were stalled, and after the last one read
                // again (plus one change interval). A comparison within one server process, so the box's drift matters less.
                for (var e : List.of(Map.entry("pickToAck", pickAck), Map.entry("pickToFacilitatorView", facilitatorVisible),
                        Map.entry("pickToParticipantView", participantVisible))) {
                    s.put("honest " + e.getKey() + " p99 while stalled / after (ms)", e.getValue().stalledVersusFree());
                }
                m.put("stalled", s);
            }
            m.put("failureCount", failureCount.sum());
            m.put("failures", failures);
            if (!atPeak.isEmpty()) {
                m.put("atPeak", atPeak);
            }
            return m;
        }
    }
}
