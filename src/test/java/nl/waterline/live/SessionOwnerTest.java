package nl.waterline.live;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.PickResults;
import nl.waterline.session.Actor;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Fixtures;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import nl.waterline.session.Session;
import nl.waterline.session.SessionCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionOwnerTest {

    private final InMemorySessionStore store = new InMemorySessionStore();
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private SessionOwner owner;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(4);
        timer = Executors.newSingleThreadScheduledExecutor();
        var created = Fixtures.created();
        store.create(created);
        owner = newOwner();
    }

    private SessionOwner newOwner() {
        return newOwner(20);
    }

    private SessionOwner newOwner(long phoneViewIntervalMillis) {
        return new SessionOwner(store.load("K7PMQ2XD").orElseThrow(), store, pool, timer, 20,
                PhonePacing.fixed(phoneViewIntervalMillis, TimeUnit.MILLISECONDS), "http://x/j/K7PMQ2XD");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private String join(int i) throws Exception {
        String id = "p" + i;
        owner.submit(Actor.NEWCOMER, new SessionCommand.Join(id, Secrets.hash(id), null,
                i % 2 == 0 ? "gemeente" : "uwv", "uitvoering", Instant.EPOCH)).get(5, TimeUnit.SECONDS);
        return id;
    }

    @Test
    void concurrentPicksFromManyParticipantsAreAllKeptAndStored() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(join(i));
        }
        List<String> terms = Fixtures.stakeholderTemplate().terms();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            int n = i;
            sent.add(clients.submit(() -> {
                synchronized (acks) {
                    acks.add(owner.submit(new Actor.Participant(id), new SessionCommand.Pick(PickKind.MOST, terms.get(n % 19), false)));
                    acks.add(owner.submit(new Actor.Participant(id), new SessionCommand.Pick(PickKind.LEAST, terms.get((n + 1) % 19), false)));
                }
            }));
        }
        for (var f : sent) {
            f.get(5, TimeUnit.SECONDS);
        }
        clients.shutdown();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        int picks = owner.read(s -> s.participants().stream().mapToInt(p -> p.picks(PickKind.MOST).size() + p.picks(PickKind.LEAST).size()).sum())
                .get(5, TimeUnit.SECONDS);
        assertEquals(400, picks);
        String live = owner.read(Session::describe).get(5, TimeUnit.SECONDS);
        assertEquals(live, Session.replay(store.load("K7PMQ2XD").orElseThrow().stream().map(x -> x.event()).toList()).describe(),
                "the store holds exactly what was acknowledged");
        assertTrue(store.appends < 600, "commands that arrive together are stored together (" + store.appends + " writes)");
    }

    @Test
    void aReSentCommandIsAcknowledgedAgainButAppliedOnceAlsoAfterARestart() throws Exception {
        String id = join(1);
        Actor who = new Actor.Participant(id);
        owner.submit(who, new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false), id + ":c1").get(5, TimeUnit.SECONDS);
        owner.submit(who, new SessionCommand.Unpick(PickKind.MOST, "Verantwoorden"), id + ":c2").get(5, TimeUnit.SECONDS);
        long again = owner.submit(who, new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false), id + ":c1").get(5, TimeUnit.SECONDS);
        assertTrue(again > 0);
        assertEquals(0, owner.read(s -> s.participant(id).orElseThrow().picks(PickKind.MOST).size()).get(5, TimeUnit.SECONDS),
                "the re-sent pick did not undo the later unpick");
        SessionOwner restarted = newOwner();
        restarted.submit(who, new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false), id + ":c1").get(5, TimeUnit.SECONDS);
        assertEquals(0, restarted.read(s -> s.participant(id).orElseThrow().picks(PickKind.MOST).size()).get(5, TimeUnit.SECONDS),
                "a restart remembers which commands were applied");
    }

    @Test
    void aRefusedCommandInABatchDoesNotHoldBackTheOthers() throws Exception {
        String id = join(1);
        Actor who = new Actor.Participant(id);
        var a = owner.submit(who, new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false));
        var b = owner.submit(who, new SessionCommand.Pick(PickKind.MOST, "nope", false));
        var c = owner.submit(who, new SessionCommand.Pick(PickKind.MOST, "Reflecteren", false));
        a.get(5, TimeUnit.SECONDS);
        c.get(5, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> b.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.UNKNOWN_TERM, ((Refusal) e.getCause()).code());
    }

    @Test
    void aFailedWriteIsNotAcknowledgedAndLeavesNoTrace() throws Exception {
        String id = join(1);
        String before = owner.read(Session::describe).get(5, TimeUnit.SECONDS);
        store.failWrites = true;
        var pick = owner.submit(new Actor.Participant(id), new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false));
        ExecutionException e = assertThrows(ExecutionException.class, () -> pick.get(5, TimeUnit.SECONDS));
        assertInstanceOf(Refusal.class, e.getCause());
        assertEquals(before, owner.read(Session::describe).get(5, TimeUnit.SECONDS),
                "memory never runs ahead of the store");
    }

    @Test
    void screensGetCoalescedViewsNotOnePerPick() throws Exception {
        List<String> facilitatorFrames = new ArrayList<>();
        Outbox outbox = new Outbox(frame -> {
            synchronized (facilitatorFrames) {
                facilitatorFrames.add(frame);
            }
            return CompletableFuture.completedFuture(null);
        }, () -> { });
        owner.attach(Audience.FACILITATOR, Secrets.hash("facilitator-secret"), outbox).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acks.add(owner.submit(Actor.NEWCOMER, new SessionCommand.Join("p" + i, Secrets.hash("p" + i), null,
                    "gemeente", "bestuur", Instant.EPOCH)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (facilitatorFrames) {
                String last = facilitatorFrames.get(facilitatorFrames.size() - 1);
                if (last.contains("\"total\":100")) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        synchronized (facilitatorFrames) {
            assertTrue(facilitatorFrames.get(facilitatorFrames.size() - 1).contains("\"total\":100"));
            long views = facilitatorFrames.stream().filter(f -> f.startsWith("{\"type\":\"view\"")).count();
            assertTrue(views < 50, "100 joins gave " + views + " views");
        }
    }

    @Test
    void aWrongSecretIsRefusedOnAttach() {
        Outbox outbox = new Outbox(f -> CompletableFuture.completedFuture(null), () -> { });
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> owner.attach(Audience.PROJECTOR, Secrets.hash("guess"), outbox).get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.WRONG_SECRET, ((Refusal) e.getCause()).code());
        assertEquals(0, owner.subscriberCount());
    }

    @Test
    void resultsOnAScreenAreAFreshTallyAfterPicksUnpicksJoinsAndARemoval() throws Exception {
        List<String> terms = Fixtures.stakeholderTemplate().terms();
        for (int i = 0; i < 12; i++) {
            Actor who = new Actor.Participant(join(i));
            owner.submit(who, new SessionCommand.Pick(PickKind.MOST, terms.get(i % 5), false)).get(5, TimeUnit.SECONDS);
            owner.submit(who, new SessionCommand.Pick(PickKind.LEAST, terms.get(5 + i % 3), false)).get(5, TimeUnit.SECONDS);
            if (i % 4 == 0) {
                owner.submit(who, new SessionCommand.Unpick(PickKind.MOST, terms.get(i % 5))).get(5, TimeUnit.SECONDS);
            }
        }
        Outbox earlier = new Outbox(frame -> CompletableFuture.completedFuture(null), () -> { });
        owner.attach(Audience.PROJECTOR, Secrets.hash("facilitator-secret"), earlier).get(5, TimeUnit.SECONDS);
        owner.submit(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p3")).get(5, TimeUnit.SECONDS);
        join(99);
        List<String> frames = new ArrayList<>();
        Outbox outbox = new Outbox(frame -> {
            frames.add(frame);
            return CompletableFuture.completedFuture(null);
        }, () -> { });
        owner.attach(Audience.FACILITATOR, Secrets.hash("facilitator-secret"), outbox).get(5, TimeUnit.SECONDS);
        String view = frames.stream().filter(f -> f.startsWith("{\"type\":\"view\"")).findFirst().orElseThrow();
        Session rebuilt = Session.replay(store.load("K7PMQ2XD").orElseThrow().stream().map(x -> x.event()).toList());
        PickResults counted = PickResults.tally(terms, rebuilt.ownWords(), rebuilt.participants(),
                rebuilt.template().groups().stream().map(g -> g.id()).toList());
        assertEquals(Frames.JSON.valueToTree(counted), Frames.JSON.readTree(view).path("view").path("results"),
                "the tally kept pick by pick is what counting everything again gives");
    }

    @Test
    void aJoinIsAnsweredWithWhoJoinedAndARetryWithTheSameSecretWithTheFirstParticipant() throws Exception {
        java.util.function.Function<Session, String> whoHasTheSecret =
                s -> s.participantBySecretHash(Secrets.hash("phone-secret")).map(p -> p.id()).orElse(null);
        String first = owner.submitThenRead(Actor.NEWCOMER, new SessionCommand.Join("p-first", Secrets.hash("phone-secret"),
                null, "gemeente", "uitvoering", Instant.EPOCH), whoHasTheSecret).get(5, TimeUnit.SECONDS);
        String retry = owner.submitThenRead(Actor.NEWCOMER, new SessionCommand.Join("p-retry", Secrets.hash("phone-secret"),
                null, "gemeente", "uitvoering", Instant.EPOCH), whoHasTheSecret).get(5, TimeUnit.SECONDS);
        assertEquals("p-first", first);
        assertEquals("p-first", retry);
        long joinedEvents = store.load("K7PMQ2XD").orElseThrow().stream()
                .filter(e -> e.event() instanceof nl.waterline.session.SessionEvent.ParticipantJoined).count();
        assertEquals(1, joinedEvents, "a retried join is stored once");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> owner.submitThenRead(Actor.NEWCOMER,
                new SessionCommand.Join("p-x", Secrets.hash("other"), null, "nobody", "uitvoering", Instant.EPOCH),
                whoHasTheSecret).get(5, TimeUnit.SECONDS));
        assertInstanceOf(Refusal.class, refused.getCause(), "a refused join is not read");
    }

    @Test
    void withCommitsOnTheirOwnThreadEveryAcknowledgedPickIsAlreadyStoredAndAFailedOneLeavesNoTrace() throws Exception {
        ExecutorService storeThread = Executors.newSingleThreadExecutor();
        try {
            store.commitLater = storeThread;
            owner = newOwner();
            List<String> terms = Fixtures.stakeholderTemplate().terms();
            List<String> notStoredWhenAcked = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = join(i);
                String term = terms.get(i % 5);
                acks.add(owner.submit(new Actor.Participant(id), new SessionCommand.Pick(PickKind.MOST, term, false))
                        .thenAccept(version -> {
                            boolean stored = store.load("K7PMQ2XD").orElseThrow().stream().anyMatch(e ->
                                    e.event() instanceof nl.waterline.session.SessionEvent.PickAdded added
                                            && added.participantId().equals(id));
                            if (!stored) {
                                notStoredWhenAcked.add(id);
                            }
                        }));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), notStoredWhenAcked, "acknowledged before it was durable");

            store.failWrites = true;
            ExecutionException failed = assertThrows(ExecutionException.class, () -> owner.submit(
                    new Actor.Participant("p0"), new SessionCommand.Pick(PickKind.LEAST, terms.get(7), false))
                    .get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.INTERNAL, ((Refusal) failed.getCause()).code());
            store.failWrites = false;
            List<String> least = owner.read(s -> List.copyOf(s.participant("p0").orElseThrow()
                    .picks(PickKind.LEAST))).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(), least, "the session in memory was reloaded: the failed pick left no trace");
        } finally {
            storeThread.shutdownNow();
        }
    }

    /** Collects what a phone receives, for checking which room views reached it. */
    private static final class Phone {
        final List<String> frames = new ArrayList<>();
        final Outbox outbox = new Outbox(frame -> {
            synchronized (frames) {
                frames.add(frame);
            }
            return CompletableFuture.completedFuture(null);
        }, () -> { });

        boolean sawViewAtLeast(long version) {
            String start = "{\"type\":\"view\",\"audience\":\"facilitator\",\"version\":";
            synchronized (frames) {
                return frames.stream().filter(f -> f.startsWith(start))
                        .anyMatch(f -> Long.parseLong(f.substring(start.length(), f.indexOf(',', start.length()))) >= version);
            }
        }

        boolean sawHeadCount(int total) {
            return saw("{\"type\":\"view\",\"audience\":\"participant\"", "\"attendance\":{\"total\":" + total + "}");
        }

        boolean saw(String start, String part) {
            synchronized (frames) {
                return frames.stream().anyMatch(f -> f.startsWith(start) && f.contains(part));
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A screen of {@code audience} attached to {@link #owner} with {@code secret}. */
    private Phone attached(Audience audience, String secret) throws Exception {
        Phone screen = new Phone();
        owner.attach(audience, Secrets.hash(secret), screen.outbox).get(5, TimeUnit.SECONDS);
        return screen;
    }

    @Test
    void aRoomViewHeldBackForThePhonesStillArrivesWithoutAFurtherChange() throws Exception {
        owner = newOwner(300);
        Phone phone = new Phone();
        owner.attach(Audience.PARTICIPANT, Secrets.hash(join(0)), phone.outbox).get(5, TimeUnit.SECONDS);
        for (int i = 1; i < 6; i++) {
            join(i);
        }
        await(() -> phone.sawHeadCount(6), "the phones get the latest head count once their interval has passed");
    }

    @Test
    void phonesGetCountsAtTheirOwnPaceWhileScreensKeepUpAndANewStepAtOnce() throws Exception {
        owner = newOwner(3_600_000);
        Phone phone = attached(Audience.PARTICIPANT, join(0));
        Phone facilitator = attached(Audience.FACILITATOR, "facilitator-secret");
        owner.submit(Actor.FACILITATOR, new SessionCommand.SetPhase("picks")).get(5, TimeUnit.SECONDS);
        await(() -> phone.saw(ROOM_VIEW, "\"phase\":\"picks\""), "the phones move to the next step at once");
        int before = roomViews(phone);
        for (int i = 1; i < 6; i++) {
            join(i);
        }
        await(() -> facilitator.saw("{\"type\":\"view\",\"audience\":\"facilitator\"", "\"attendance\":{\"total\":6"),
                "the facilitator sees everyone who joined");
        owner.info().get(5, TimeUnit.SECONDS); // the flush that reached the facilitator has finished
        assertFalse(phone.sawHeadCount(6), "a new head count alone waits for the phones' pace (an hour here)");
        assertEquals(before, roomViews(phone), "no room view for the joins");
        owner.submit(Actor.FACILITATOR, new SessionCommand.SetPhase("results")).get(5, TimeUnit.SECONDS);
        await(() -> phone.saw(ROOM_VIEW, "\"phase\":\"results\""),
                "the phones move to the next step within the screens' interval, not the phones' hour");
        assertTrue(phone.sawHeadCount(6), "the view that carries the new step carries the head count of that moment too");
        assertEquals(before + 1, roomViews(phone), "one room view for the step");
    }

    @Test
    void picksLeaveTheSubgroupViewsAloneAndAHostSetAmongPicksStillReachesTheSubgroup() throws Exception {
        owner = newOwner();
        List<String> terms = Fixtures.stakeholderTemplate().terms();
        List<Phone> phones = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            phones.add(attached(Audience.PARTICIPANT, join(i)));
        }
        owner.submit(Actor.FACILITATOR, new SessionCommand.FormSubgroups(null, 2, 1)).get(5, TimeUnit.SECONDS);
        String subgroup = owner.read(s -> s.subgroupOf("p0").orElseThrow().id()).get(5, TimeUnit.SECONDS);
        Phone p0 = phones.get(0);
        await(() -> p0.saw(SUBGROUP_VIEW, "\"id\":\"" + subgroup + "\""), "p0 sees its subgroup");

        Phone facilitator = attached(Audience.FACILITATOR, "facilitator-secret");
        for (int i = 0; i < 4; i++) {
            owner.submit(new Actor.Participant("p" + i), new SessionCommand.Pick(PickKind.MOST, terms.get(i), false))
                    .get(5, TimeUnit.SECONDS);
        }
        await(() -> facilitator.saw("{\"type\":\"view\",\"audience\":\"facilitator\"", "\"participantsWithPicks\":4"),
                "the picks are on the facilitator's screen");
        owner.info().get(5, TimeUnit.SECONDS); // the flush that showed them has finished
        int subgroupViews = subgroupViews(p0);

        // A change to the subgroup in the same flush as picks: the picks must not hide it.
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            acks.add(owner.submit(new Actor.Participant("p" + i), new SessionCommand.Pick(PickKind.LEAST, terms.get(10 + i), false)));
        }
        acks.add(owner.submit(Actor.FACILITATOR, new SessionCommand.SetHost(subgroup, "p0")));
        for (CompletableFuture<Long> ack : acks) {
            ack.get(5, TimeUnit.SECONDS);
        }
        await(() -> p0.saw(SUBGROUP_VIEW, "\"host\":\"p0\""), "the subgroup sees its new host");
        assertEquals(subgroupViews + 1, subgroupViews(p0), "one subgroup view: for the host, none for the picks");
    }

    private static final String SUBGROUP_VIEW = "{\"type\":\"view\",\"audience\":\"subgroup\"";

    private static int subgroupViews(Phone phone) {
        synchronized (phone.frames) {
            return (int) phone.frames.stream().filter(f -> f.startsWith(SUBGROUP_VIEW)).count();
        }
    }

    @Test
    void theFacilitatorGetsTheWholeParticipantListOnceAndThenOnlyTheRowsThatChanged() throws Exception {
        owner = newOwner();
        Phone projector = attached(Audience.PROJECTOR, "facilitator-secret");
        for (int i = 0; i < 20; i++) {
            join(i);
        }
        await(() -> projector.saw("{\"type\":\"view\",\"audience\":\"projector\"", "\"total\":20"), "the joins are on screen");
        owner.info().get(5, TimeUnit.SECONDS); // the flush that showed them has finished: the joins are reported
        Phone facilitator = attached(Audience.FACILITATOR, "facilitator-secret");
        List<com.fasterxml.jackson.databind.JsonNode> lists = participantFrames(facilitator);
        assertEquals(1, lists.size());
        assertTrue(lists.get(0).path("full").asBoolean());
        assertEquals(20, lists.get(0).path("rows").size(), "on connecting: everyone");

        owner.submit(new Actor.Participant("p7"), new SessionCommand.Pick(PickKind.MOST, "Verantwoorden", false))
                .get(5, TimeUnit.SECONDS);
        await(() -> participantFrames(facilitator).stream().anyMatch(f -> f.toString().contains("Verantwoorden")),
                "the facilitator hears of the pick");
        com.fasterxml.jackson.databind.JsonNode change = participantFrames(facilitator).stream()
                .filter(f -> f.toString().contains("Verantwoorden")).findFirst().orElseThrow();
        assertFalse(change.path("full").asBoolean());
        assertEquals(1, change.path("rows").size(), "one tap, one row: " + change);
        assertEquals("p7", change.path("rows").get(0).path("id").asText());

        owner.submit(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p3")).get(5, TimeUnit.SECONDS);
        await(() -> participantFrames(facilitator).stream().anyMatch(f -> f.path("removed").toString().equals("[\"p3\"]")),
                "the facilitator hears who left");
        synchronized (facilitator.frames) {
            assertTrue(facilitator.frames.stream().filter(f -> f.startsWith("{\"type\":\"view\"")).noneMatch(f -> f.contains("\"participants\"")),
                    "the views leave the list out");
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> participantFrames(Phone screen) {
        List<com.fasterxml.jackson.databind.JsonNode> lists = new ArrayList<>();
        synchronized (screen.frames) {
            for (String f : screen.frames) {
                if (f.startsWith("{\"type\":\"participants\"")) {
                    try {
                        lists.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(f));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return lists;
    }

    private static final String ROOM_VIEW = "{\"type\":\"view\",\"audience\":\"participant\"";

    private static int roomViews(Phone phone) {
        synchronized (phone.frames) {
            return (int) phone.frames.stream().filter(f -> f.startsWith(ROOM_VIEW)).count();
        }
    }

    /** Runs its scheduled tasks only when the test says so. */
    private static final class ManualTimer extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final java.util.Deque<Runnable> due = new java.util.concurrent.ConcurrentLinkedDeque<>();

        ManualTimer() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            due.add(task);
            return null;
        }

        void runDue() {
            Runnable task;
            while ((task = due.poll()) != null) {
                task.run();
            }
        }
    }

    @Test
    void aViewFlushWaitsForTheBatchBeingStoredNotForEveryCommandQueuedBeforeIt() throws Exception {
        ManualTimer manual = new ManualTimer();
        timer.shutdownNow();
        timer = manual;
        owner = new SessionOwner(store.load("K7PMQ2XD").orElseThrow(), store, pool, manual, 20,
                PhonePacing.fixed(20, TimeUnit.MILLISECONDS), "http://x/j/K7PMQ2XD");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(join(i));
        }
        Phone facilitator = attached(Audience.FACILITATOR, "facilitator-secret");
        manual.runDue();
        owner.info().get(5, TimeUnit.SECONDS);

        java.util.Deque<Runnable> commits = new java.util.concurrent.ConcurrentLinkedDeque<>();
        store.commitLater = commits::add;
        List<String> terms = Fixtures.stakeholderTemplate().terms();
        java.util.function.IntFunction<CompletableFuture<Long>> pick = i ->
                owner.submit(new Actor.Participant(ids.get(i)), new SessionCommand.Pick(PickKind.MOST, terms.get(i), false));

        CompletableFuture<Long> a = pick.apply(0);
        await(() -> commits.size() == 1, "A's batch is being stored");
        CompletableFuture<Long> b = pick.apply(1);
        CompletableFuture<Long> c = pick.apply(2);
        commits.poll().run();
        a.get(5, TimeUnit.SECONDS);
        await(() -> commits.size() == 1, "B and C, queued meanwhile, are being stored as the next batch");
        await(() -> !manual.due.isEmpty(), "A's views are due");
        manual.runDue(); // the flush is queued now, behind the batch of B and C
        CompletableFuture<Long> d = pick.apply(3); // after the flush
        commits.poll().run();
        long versionOfC = c.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        await(() -> facilitator.sawViewAtLeast(versionOfC),
                "the facilitator gets B and C while D is still being stored, not after D");
        assertFalse(d.isDone(), "D's batch is still being stored");
        await(() -> commits.size() == 1, "D is being stored");
        commits.poll().run();
        d.get(5, TimeUnit.SECONDS);
    }
}
