package nl.waterline.live;

import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store for core tests: same contract as the database one, with a switch to make writes fail. */
final class InMemorySessionStore implements SessionStore {

    private final Map<String, String> idByCode = new HashMap<>();
    private final Map<String, List<Stored>> events = new HashMap<>();
    volatile boolean failWrites;
    /** When set, appends are committed later on this executor, as the database store does on its own thread. */
    volatile java.util.concurrent.Executor commitLater;
    int appends;

    @Override
    public synchronized void create(SessionEvent.SessionCreated created) {
        idByCode.put(created.joinCode(), created.sessionId());
        events.put(created.sessionId(), new ArrayList<>(List.of(new Stored(created, null))));
    }

    @Override
    public synchronized void append(String sessionId, long firstSequence, List<Stored> batch) {
        if (failWrites) {
            throw new IllegalStateException("disk full");
        }
        List<Stored> log = events.get(sessionId);
        if (log.size() + 1 != firstSequence) {
            throw new IllegalStateException("sequence gap: have " + log.size() + ", got " + firstSequence);
        }
        log.addAll(batch);
        appends++;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> appendWhenDurable(String sessionId, long firstSequence,
                                                                         List<Stored> batch) {
        java.util.concurrent.Executor later = commitLater;
        if (later == null) {
            return SessionStore.super.appendWhenDurable(sessionId, firstSequence, batch);
        }
        return java.util.concurrent.CompletableFuture.runAsync(() -> append(sessionId, firstSequence, batch), later);
    }

    @Override
    public synchronized Optional<List<Stored>> load(String joinCode) {
        return Optional.ofNullable(idByCode.get(joinCode)).map(id -> List.copyOf(events.get(id)));
    }

    @Override
    public synchronized boolean joinCodeTaken(String joinCode) {
        return idByCode.containsKey(joinCode);
    }

    @Override
    public synchronized List<String> joinCodes() {
        return List.copyOf(idByCode.keySet());
    }

    @Override
    public synchronized List<String> joinCodesCreatedBefore(java.time.Instant moment) {
        return idByCode.entrySet().stream()
                .filter(e -> ((SessionEvent.SessionCreated) events.get(e.getValue()).get(0).event()).at().isBefore(moment))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void delete(String joinCode) {
        String id = idByCode.remove(joinCode);
        if (id != null) {
            events.remove(id);
        }
    }
}
