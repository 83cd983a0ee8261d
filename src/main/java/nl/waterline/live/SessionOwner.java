package nl.waterline.live;

import nl.waterline.picks.PickResults;
import nl.waterline.session.Actor;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Participant;
import nl.waterline.session.Refusal;
import nl.waterline.session.Session;
import nl.waterline.session.SessionCommand;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one owner of a live session on this node. Commands from every connection are queued and applied
 * in order on the session's serial executor; each drained batch is stored in one transaction (group
 * commit) and only then acknowledged. Screens get coalesced views: at most one per audience per
 * {@code viewInterval}, each encoded once, never one broadcast per pick.
 *
 * <p>Ownership is explicit so that on several nodes a session is owned by exactly one of them and
 * other nodes forward to it; here the {@link SessionRegistry} is the only one creating owners.
 */
public final class SessionOwner {

    private static final Logger LOG = Logger.getLogger(SessionOwner.class);
    static final int MAX_QUEUE = 5_000;
    static final int MAX_BATCH = 500;

    private final SessionStore store;
    private final SerialExecutor serial;
    private final ScheduledExecutorService timer;
    private final long viewIntervalMillis;
    private final PhonePacing phonePacing;
    private final String joinUrl;
    private final ConcurrentLinkedQueue<Pending> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** A drain task waits in {@link #serial}; see {@link #scheduleDrain}. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** The facilitator's, projector's and note-takers' screens: they get every view as it changes. */
    private final Map<Outbox, Subscriber> screens = new ConcurrentHashMap<>();
    /** The participants' screens: room views at the phones' pace, their subgroup's and group's views when those change. */
    private final Map<Outbox, Subscriber> phones = new ConcurrentHashMap<>();
    /** The screens of each participant, so their own frames reach them without looking at everyone's. */
    private final Map<String, Set<Outbox>> screensOf = new ConcurrentHashMap<>();

    // Only touched on the serial executor:
    private Session session;
    private boolean flushScheduled;
    private boolean viewsDirty;
    private boolean phoneRoomDirty;
    /**
     * Whether the phones' subgroup and harvest views may have changed. Most events in a busy room are picks and joins,
     * which change neither; without this flag every flush would look up the subgroup and harvest view of every phone
     * in the session (ten times a second each) only to find them unchanged.
     */
    private boolean phoneScopesDirty;
    /**
     * When the phones' next room view is due: set at each one from the pace of that moment, ±10 %. A change of
     * pace takes effect at each session's next round instead of making every session of the node due at once
     * (bursts of thousands of frames that hold up everyone's acks), and the jitter keeps sessions that started
     * together from sending together.
     */
    private long phoneRoomDueAt;
    /** The room's shape in the last room view the phones got; a new shape is sent without waiting for the pace. */
    private Views.RoomShape phoneRoomShape;
    /** Encoded view frames of {@link #framesVersion}, by key. */
    private final Map<String, String> frames = new java.util.HashMap<>();
    private long framesVersion = -1;
    private long framesBuiltAt;
    private static final long MAX_FRAME_REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Bodies of the participants' views last sent, per key (room, subgroup:id, harvest:group). */
    private final Map<String, String> lastSent = new java.util.HashMap<>();
    private final ParticipantRows participantRows = new ParticipantRows();

    private record Pending(Actor actor, SessionCommand command, String commandKey, Outbox origin,
                           CompletableFuture<Acknowledged> result) {
    }

    /**
     * A stored command's answer: the version it reached and, when it changed the sender's own state, that
     * state as JSON ({@code {"version":…,"participant":…}}), so the screen that sent it gets its new state
     * in the acknowledgement instead of in a second frame.
     */
    public record Acknowledged(long version, String you) {
    }

    /** Keys of client commands already applied, so a re-sent command is acknowledged again but applied once. */
    private final Map<String, Boolean> appliedCommands = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_COMMANDS;
        }
    };
    static final int MAX_REMEMBERED_COMMANDS = 100_000;

    record Subscriber(Audience audience, String participantId) {
    }

    /** The actor a connection proved to be, with its participant id when it is one. */
    public record Attachment(Audience audience, Actor actor, String participantId) {
        /** Who sent a command, for recognising a re-sent one: the participant, or the role. */
        public String key() {
            return participantId != null ? participantId : audience.wireName();
        }
    }

    /**
     * @param history                   the session's stored events, oldest first, as the store returns them
     * @param viewIntervalMillis        the most often a screen gets a new view
     * @param phonePacing               how often the phones get a new room view (results, head count); shared by the node's sessions
     */
    public SessionOwner(List<SessionStore.Stored> history, SessionStore store, Executor pool, ScheduledExecutorService timer,
                        long viewIntervalMillis, PhonePacing phonePacing, String joinUrl) {
        this.store = store;
        this.serial = new SerialExecutor(pool);
        this.timer = timer;
        this.viewIntervalMillis = viewIntervalMillis;
        this.phonePacing = phonePacing;
        this.phoneRoomDueAt = System.nanoTime();
        this.joinUrl = joinUrl;
        restore(history);
    }

    private void restore(List<SessionStore.Stored> history) {
        session = Session.replay(history.stream().map(SessionStore.Stored::event).toList());
        participantRows.rebuilt();
        phoneScopesDirty = true;
        frames.clear();
        framesVersion = -1;
        appliedCommands.clear();
        history.stream().map(SessionStore.Stored::commandKey).filter(java.util.Objects::nonNull)
                .forEach(k -> appliedCommands.put(k, Boolean.TRUE));
    }

    /** Queues a command; the future completes with the new version once stored, or fails with a {@link Refusal}. */
    public CompletableFuture<Long> submit(Actor actor, SessionCommand command) {
        return submit(actor, command, null);
    }

    /**
     * Queues a client command with its key ({@code who:clientId}); a command whose key was applied before
     * is acknowledged with the current version and not applied again.
     */
    public CompletableFuture<Long> submit(Actor actor, SessionCommand command, String commandKey) {
        return submitFrom(null, actor, command, commandKey).thenApply(Acknowledged::version);
    }

    /**
     * Queues a command sent from a screen; once stored, the answer carries the sender's new personal state
     * if the command changed it, and that screen gets no separate {@code you} frame for it.
     */
    public CompletableFuture<Acknowledged> submitFrom(Outbox origin, Actor actor, SessionCommand command, String commandKey) {
        CompletableFuture<Acknowledged> result = new CompletableFuture<>();
        enqueue(actor, command, commandKey, origin, result);
        return result;
    }

    /**
     * Queues a command and, once it is stored, reads the session in the same turn of the writer: the answer
     * to a join (who joined) costs no second trip through the session's queue, which in a join storm would
     * wait behind everyone else's commands and their commit.
     */
    public <T> CompletableFuture<T> submitThenRead(Actor actor, SessionCommand command, Function<Session, T> reader) {
        CompletableFuture<Acknowledged> stored = new CompletableFuture<>();
        // Registered before the command is queued, so the reader runs on the writer as it completes `stored`.
        CompletableFuture<T> answer = stored.thenApply(ack -> reader.apply(session));
        enqueue(actor, command, null, null, stored);
        return answer;
    }

    private void enqueue(Actor actor, SessionCommand command, String commandKey, Outbox origin,
                         CompletableFuture<Acknowledged> result) {
        if (closed) {
            result.completeExceptionally(new Refusal(ErrorCode.UNKNOWN_SESSION, "this session was deleted"));
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUE) {
            queued.decrementAndGet();
            result.completeExceptionally(new Refusal(ErrorCode.SESSION_BUSY, "the session is busy; try again"));
            return;
        }
        inbox.add(new Pending(actor, command, commandKey, origin, result));
        scheduleDrain();
    }

    /**
     * At most one drain waits in the session's queue. With one per command, a view flush queued behind them
     * waited for as many commits as there were drains ahead of it, each taking commands that came in after the
     * flush was queued; now it waits for at most one batch.
     */
    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            serial.execute(this::drainOnce);
        }
    }

    /** Reads the session on its own executor, so the reader sees a state between two batches. */
    public <T> CompletableFuture<T> read(Function<Session, T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        serial.execute(() -> {
            try {
                result.complete(reader.apply(session));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Checks a connection's secret and, if it fits, subscribes its outbox and sends it a welcome and a
     * full snapshot of everything it may see. Fails with {@link Refusal} WRONG_SECRET otherwise.
     */
    public CompletableFuture<Attachment> attach(Audience audience, String secretHash, Outbox outbox) {
        CompletableFuture<Attachment> result = new CompletableFuture<>();
        serial.execute(() -> {
            try {
                Attachment attachment = authenticate(audience, secretHash);
                (audience == Audience.PARTICIPANT ? phones : screens).put(outbox, new Subscriber(audience, attachment.participantId()));
                if (attachment.participantId() != null) {
                    screensOf.computeIfAbsent(attachment.participantId(), id -> ConcurrentHashMap.newKeySet()).add(outbox);
                }
                outbox.send(Frames.welcome(audience.wireName(), attachment.participantId(), session.version(),
                        Views.info(session, joinUrl)));
                if (audience == Audience.FACILITATOR) {
                    outbox.send(currentFrame(PARTICIPANTS, () -> Frames.participants(session.version(), true,
                            participantRows.all(session.participants()), List.of())));
                }
                outbox.sendView(currentRoomFrame(audience));
                if (attachment.participantId() != null) {
                    session.participant(attachment.participantId()).ifPresent(p -> {
                        outbox.send(Frames.you(session.version(), Views.you(session, p)));
                        session.subgroupOf(p.id()).ifPresent(sg -> outbox.sendView(SUBGROUP, subgroupFrame(sg)));
                        outbox.sendView(HARVEST, harvestFrame(p.group()));
                    });
                }
                result.complete(attachment);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private Attachment authenticate(Audience audience, String secretHash) {
        switch (audience) {
            case FACILITATOR:
            case PROJECTOR:
                if (session.isFacilitatorSecretHash(secretHash)) {
                    return new Attachment(audience, audience == Audience.FACILITATOR ? Actor.FACILITATOR : Actor.PROJECTOR, null);
                }
                break;
            case NOTE_TAKER:
                if (session.isNoteTakerSecretHash(secretHash)) {
                    return new Attachment(audience, Actor.NOTE_TAKER, null);
                }
                break;
            case PARTICIPANT:
                var participant = session.participantBySecretHash(secretHash);
                if (participant.isPresent()) {
                    String id = participant.get().id();
                    return new Attachment(audience, new Actor.Participant(id), id);
                }
                break;
            default:
                break;
        }
        throw new Refusal(ErrorCode.WRONG_SECRET, "this secret does not open this session as " + audience.wireName());
    }

    private volatile boolean closed;

    /** The session was deleted: refuse everything from now on and close every screen's connection. */
    public void close() {
        closed = true;
        screens.keySet().forEach(Outbox::close);
        phones.keySet().forEach(Outbox::close);
        screens.clear();
        phones.clear();
        screensOf.clear();
    }

    public void detach(Outbox outbox) {
        Subscriber gone = phones.remove(outbox);
        if (gone == null) {
            screens.remove(outbox);
        }
        if (gone != null && gone.participantId() != null) {
            screensOf.computeIfPresent(gone.participantId(), (id, screens) -> {
                screens.remove(outbox);
                return screens.isEmpty() ? null : screens;
            });
        }
    }

    public int subscriberCount() {
        return screens.size() + phones.size();
    }

    // ---- the writer ---------------------------------------------------------------------------

    private void drainOnce() {
        drainScheduled.set(false); // before polling: a command queued from here on schedules the next drain
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = inbox.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (!inbox.isEmpty()) {
            scheduleDrain(); // more than one batch waiting: the rest goes after whatever queued meanwhile
        }
        queued.addAndGet(-batch.size());
        long firstSequence = session.version() + 1;
        List<SessionEvent> events = new ArrayList<>();
        List<SessionStore.Stored> stored = new ArrayList<>();
        List<Long> versions = new ArrayList<>(batch.size());
        List<Refusal> refusals = new ArrayList<>(batch.size());
        Set<String> changedParticipants = new LinkedHashSet<>();
        for (Pending pending : batch) {
            if (pending.commandKey() != null && appliedCommands.containsKey(pending.commandKey())) {
                versions.add(session.version());
                refusals.add(null);
                continue;
            }
            try {
                List<SessionEvent> decided = session.decide(pending.actor(), pending.command());
                for (SessionEvent event : decided) {
                    session.apply(event);
                    participantRows.applied(event);
                    events.add(event);
                    stored.add(new SessionStore.Stored(event, pending.commandKey()));
                    changedParticipants.addAll(participantsAffected(event));
                }
                if (pending.commandKey() != null && !decided.isEmpty()) {
                    appliedCommands.put(pending.commandKey(), Boolean.TRUE);
                }
                versions.add(session.version());
                refusals.add(null);
            } catch (Refusal refusal) {
                versions.add(null);
                refusals.add(refusal);
            } catch (RuntimeException bug) {
                LOG.error("command failed unexpectedly in session " + session.joinCode(), bug);
                versions.add(null);
                refusals.add(new Refusal(ErrorCode.INTERNAL, "the server could not handle this command"));
            }
        }
        if (events.isEmpty()) {
            answer(batch, versions, refusals, Map.of(), new java.util.HashSet<>());
            return;
        }
        // Durable before anyone hears of it: nothing else of this session runs until the commit is done
        // (the screens' views included), and no writer thread waits for it meanwhile.
        CompletableFuture<Void> durable = store.appendWhenDurable(session.id(), firstSequence, stored);
        serial.pauseUntil(durable, () -> afterStored(durable, batch, versions, refusals, events, changedParticipants));
    }

    private void afterStored(CompletableFuture<Void> durable, List<Pending> batch, List<Long> versions,
                             List<Refusal> refusals, List<SessionEvent> events, Set<String> changedParticipants) {
        if (durable.isCompletedExceptionally()) {
            Throwable cause = durable.handle((ok, failure) -> failure).join();
            LOG.error("could not store " + events.size() + " events of session " + session.joinCode()
                    + "; reloading it from the store", cause instanceof java.util.concurrent.CompletionException
                    && cause.getCause() != null ? cause.getCause() : cause);
            store.load(session.joinCode()).ifPresent(this::restore);
            Refusal failed = new Refusal(ErrorCode.INTERNAL, "the change could not be saved; please try again");
            batch.forEach(p -> p.result().completeExceptionally(failed));
            return;
        }
        Map<String, String> personal = personalStates(changedParticipants);
        Set<Outbox> toldInAck = new java.util.HashSet<>();
        answer(batch, versions, refusals, personal, toldInAck);
        disconnectRemoved(events);
        sendPersonalFrames(personal, toldInAck);
        if (!phoneScopesDirty) {
            phoneScopesDirty = events.stream().anyMatch(SessionOwner::mayChangePhoneScopes);
        }
        scheduleViews();
    }

    /**
     * Completes each command's future; a command from one of a participant's own screens that changed that
     * participant carries their new state, and that screen is noted in {@code toldInAck}.
     */
    private static void answer(List<Pending> batch, List<Long> versions, List<Refusal> refusals,
                               Map<String, String> personal, Set<Outbox> toldInAck) {
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (refusals.get(i) != null) {
                pending.result().completeExceptionally(refusals.get(i));
                continue;
            }
            String you = null;
            if (pending.origin() != null && pending.actor() instanceof Actor.Participant sender) {
                you = personal.get(sender.participantId());
                if (you != null) {
                    toldInAck.add(pending.origin());
                }
            }
            pending.result().complete(new Acknowledged(versions.get(i), you));
        }
    }

    /** The new personal state of each changed participant who has a screen open, encoded once. */
    private Map<String, String> personalStates(Set<String> participantIds) {
        Map<String, String> states = new java.util.HashMap<>();
        for (String id : participantIds) {
            Set<Outbox> screens = screensOf.get(id);
            if (screens == null || screens.isEmpty()) {
                continue;
            }
            session.participant(id).ifPresent(p -> states.put(id, Frames.personal(session.version(), Views.you(session, p))));
        }
        return states;
    }

    /** Participants whose personal frame changes with this event: their picks or their subgroup. */
    private static List<String> participantsAffected(SessionEvent event) {
        if (event instanceof SessionEvent.PickAdded e) {
            return List.of(e.participantId());
        }
        if (event instanceof SessionEvent.PickRemoved e) {
            return List.of(e.participantId());
        }
        if (event instanceof SessionEvent.ParticipantPlaced e) {
            return List.of(e.participantId());
        }
        if (event instanceof SessionEvent.SubgroupsFormed e) {
            return e.subgroups().stream().flatMap(sg -> sg.members().stream()).toList();
        }
        return List.of();
    }

    /** Only a pick, an unpick or a join leaves every subgroup view and every group's harvest view as it was. */
    static boolean mayChangePhoneScopes(SessionEvent event) {
        return !(event instanceof SessionEvent.PickAdded || event instanceof SessionEvent.PickRemoved
                || event instanceof SessionEvent.ParticipantJoined);
    }

    /** A removed participant's screens are closed; their secret no longer opens the session. */
    private void disconnectRemoved(List<SessionEvent> events) {
        for (SessionEvent event : events) {
            if (event instanceof SessionEvent.ParticipantRemoved removed) {
                for (Outbox outbox : screensOf.getOrDefault(removed.participantId(), Set.of())) {
                    outbox.send(Frames.error(null, ErrorCode.WRONG_SECRET, "you were removed from this session"));
                    detach(outbox);
                    outbox.close();
                }
            }
        }
    }

    /**
     * A participant's own state goes at once to their other screens (another tab, a second phone) and to the
     * screens of participants changed by someone else (placed in a subgroup): O(1) frames per pick.
     */
    private void sendPersonalFrames(Map<String, String> personal, Set<Outbox> toldInAck) {
        personal.forEach((id, state) -> {
            String frame = null;
            for (Outbox outbox : screensOf.getOrDefault(id, Set.of())) {
                if (!toldInAck.contains(outbox)) {
                    if (frame == null) {
                        frame = Frames.you(state);
                    }
                    outbox.send(frame);
                }
            }
        });
    }

    // ---- coalesced views ----------------------------------------------------------------------

    static final String SUBGROUP = "subgroup";
    static final String HARVEST = "harvest";
    private static final String PARTICIPANTS = "participants";

    private void scheduleViews() {
        viewsDirty = true;
        phoneRoomDirty = true;
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        flushScheduled = true;
        timer.schedule(() -> serial.execute(this::flushViews), viewIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Builds each view once per audience (and once per subgroup and per stakeholder group for the
     * participants' scoped views) and sends it to the screens that see it. Participants' views are sent
     * only when their content changed: most changes concern one subgroup, or the facilitator only.
     * The phones' room view (phase, head count, results) follows at its own slower pace, because it goes
     * to everyone in the room over the venue's Wi-Fi: at ten updates a second a room of a thousand
     * would need ~100 Mbit/s for counts nobody reads that fast; while the node is behind on sending, slower
     * still ({@link PhonePacing}). A new step, lock or reveal goes out at once.
     */
    private void flushViews() {
        flushScheduled = false;
        long now = System.nanoTime();
        boolean screensDue = viewsDirty;
        boolean scopesDue = phoneScopesDirty && viewsDirty;
        Views.RoomShape shape = phoneRoomDirty ? Views.roomShape(session) : null;
        boolean phonesRoom = phoneRoomDirty
                && (now - phoneRoomDueAt >= 0 || !shape.equals(phoneRoomShape));
        viewsDirty = false;
        if (scopesDue) {
            phoneScopesDirty = false;
        }
        if (phonesRoom) {
            phoneRoomDirty = false;
        } else if (phoneRoomDirty) {
            scheduleFlush();
        }
        if ((!screensDue && !phonesRoom) || (screens.isEmpty() && phones.isEmpty())) {
            return;
        }
        if (screensDue) {
            String participantChanges = participantChanges();
            screens.forEach((outbox, sub) -> {
                // Queued, never coalesced: each one carries only its own changes. Before the view of the same
                // version, so a screen that has a view has the rows it counts.
                if (participantChanges != null && sub.audience() == Audience.FACILITATOR) {
                    outbox.send(participantChanges);
                }
                outbox.sendView(currentRoomFrame(sub.audience()));
            });
        }
        if (!phonesRoom && !scopesDue) {
            return;
        }
        Map<String, Boolean> decided = new java.util.HashMap<>();
        phones.forEach((outbox, sub) -> {
            if (phonesRoom) {
                String room = currentRoomFrame(Audience.PARTICIPANT);
                if (changed("room", room, decided)) {
                    outbox.sendView(room);
                }
            }
            if (!scopesDue) {
                return;
            }
            session.participant(sub.participantId()).ifPresent(p -> {
                session.subgroupOf(p.id()).ifPresent(sg -> {
                    String frame = subgroupFrame(sg);
                    if (changed(SUBGROUP + ":" + sg.id(), frame, decided)) {
                        outbox.sendView(SUBGROUP, frame);
                    }
                });
                String harvest = harvestFrame(p.group());
                if (changed(HARVEST + ":" + p.group(), harvest, decided)) {
                    outbox.sendView(HARVEST, harvest);
                }
            });
        });
        if (Boolean.TRUE.equals(decided.get("room"))) {
            long interval = phonePacing.intervalNanos(now);
            phoneRoomDueAt = now + interval - interval / 10 + ThreadLocalRandom.current().nextLong(interval / 5 + 1);
            phoneRoomShape = shape;
        }
    }

    /**
     * Whether a participants' frame differs from what was last sent under this key, ignoring version and
     * time; decided once per key and flush, so every screen of that key gets the same answer.
     */
    private boolean changed(String key, String frame, Map<String, Boolean> decided) {
        return decided.computeIfAbsent(key, k -> {
            String body = bodyOf(frame);
            boolean differs = !body.equals(lastSent.get(k));
            if (differs) {
                lastSent.put(k, body);
            }
            return differs;
        });
    }

    /** The facilitator's rows changed since the last flush, as a frame; null when none did. */
    private String participantChanges() {
        ParticipantRows.Changes changes = participantRows.changes(session.participants(), session::participant);
        return changes.isEmpty() ? null : Frames.participants(session.version(), changes.full(), changes.rows(), changes.removed());
    }

    private static String bodyOf(String frame) {
        int at = frame.indexOf(",\"view\":");
        return at < 0 ? frame : frame.substring(at);
    }

    /**
     * The room view of an audience at the current version, built and encoded once however many screens
     * (and attaches during a join storm) ask for it.
     */
    private String currentRoomFrame(Audience audience) {
        return currentFrame(audience.wireName(), () -> roomView(audience, session.results()));
    }

    /** A view frame (room per audience, subgroup:id, harvest:group) at the current version, encoded once. */
    private String currentFrame(String key, java.util.function.Supplier<String> build) {
        long now = System.nanoTime();
        // A frame carries serverTime for the turn countdowns, so an old one is not reused even when nothing changed.
        if (framesVersion != session.version() || now - framesBuiltAt > MAX_FRAME_REUSE_NANOS) {
            frames.clear();
            framesVersion = session.version();
            framesBuiltAt = now;
        }
        String frame = frames.get(key);
        if (frame == null) {
            frame = build.get();
            frames.put(key, frame);
        }
        return frame;
    }

    private String roomView(Audience audience, PickResults results) {
        long version = session.version();
        return switch (audience) {
            case FACILITATOR -> Frames.view("facilitator", version, Views.facilitatorWithoutParticipants(session, joinUrl, results));
            case NOTE_TAKER -> Frames.view("note-taker", version, Views.facilitator(session, joinUrl, results, false));
            case PROJECTOR -> Frames.view("projector", version, Views.projector(session, joinUrl, results));
            case PARTICIPANT -> Frames.view("participant", version, Views.participant(session, results));
        };
    }

    private String subgroupFrame(nl.waterline.subgroups.Subgroup sg) {
        return currentFrame(SUBGROUP + ":" + sg.id(), () -> Frames.view("subgroup", sg.id(), session.version(), Views.subgroup(session, sg)));
    }

    private String harvestFrame(String group) {
        return currentFrame(HARVEST + ":" + group, () -> Frames.view("harvest", group, session.version(), Views.harvestOf(session, group)));
    }

    /** What anyone with the code may know about the session. */
    public CompletableFuture<Views.SessionInfo> info() {
        return read(s -> Views.info(s, joinUrl));
    }

}
