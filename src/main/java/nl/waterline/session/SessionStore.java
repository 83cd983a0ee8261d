package nl.waterline.session;

import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept. Every method returns only once the change is durable: callers acknowledge
 * to users after it returns, never before. One implementation per database; the rest of Waterline
 * sees only this interface.
 */
public interface SessionStore {

    /** Stores a new session; fails if the join code is taken. */
    void create(SessionEvent.SessionCreated created);

    /**
     * Appends events of one session in one transaction (group commit of a batch of commands).
     *
     * @param firstSequence the sequence number of the first event; the session's version after applying it
     */
    void append(String sessionId, long firstSequence, List<SessionEvent> events);

    /** The whole history of the session with this join code, oldest first. */
    Optional<List<SessionEvent>> load(String joinCode);

    boolean joinCodeTaken(String joinCode);
}
