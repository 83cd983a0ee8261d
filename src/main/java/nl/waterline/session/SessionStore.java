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
     * An event with the key of the client command that caused it ({@code actor:commandId}), so that a
     * command re-sent after a lost acknowledgement is recognised, also after a restart. Null for events
     * of commands without a client id (REST joins).
     */
    record Stored(SessionEvent event, String commandKey) {
    }

    /**
     * Appends events of one session in one transaction (group commit of a batch of commands).
     *
     * @param firstSequence the sequence number of the first event; the session's version after applying it
     */
    void append(String sessionId, long firstSequence, List<Stored> events);

    /**
     * {@link #append}, completing once the events are durable (or failing, with nothing stored) instead of
     * holding the caller's thread meanwhile; a database that can share one commit among many sessions'
     * appends does so here. The default appends on the caller's thread.
     */
    default java.util.concurrent.CompletableFuture<Void> appendWhenDurable(String sessionId, long firstSequence,
                                                                          List<Stored> events) {
        try {
            append(sessionId, firstSequence, events);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** The whole history of the session with this join code, oldest first. */
    Optional<List<Stored>> load(String joinCode);

    boolean joinCodeTaken(String joinCode);

    /** Every session's join code, oldest session first: for reports across sessions. */
    List<String> joinCodes();

    /** Join codes of the sessions created before this moment: for the retention period. */
    List<String> joinCodesCreatedBefore(java.time.Instant moment);

    /** Removes a session with all its history; nothing of it remains in the store. */
    void delete(String joinCode);
}
