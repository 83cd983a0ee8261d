package nl.waterline.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;

import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session store on Hibernate ORM (H2 by default; the schema in db/migration is portable to
 * PostgreSQL). Each call is its own transaction, committed before it returns; durability of a commit
 * on H2 comes from the JDBC URL settings in application.properties.
 */
@ApplicationScoped
public class JpaSessionStore implements SessionStore {

    private final EventCodec codec = new EventCodec();

    @Override
    public void create(SessionEvent.SessionCreated created) {
        QuarkusTransaction.requiringNew().run(() -> {
            SessionRow row = new SessionRow();
            row.id = created.sessionId();
            row.joinCode = created.joinCode();
            row.templateId = created.template().id();
            row.title = created.title();
            row.createdAt = created.at();
            row.persist();
            Instant now = Instant.now();
            for (Batch batch : batches(1, List.of(new Stored(created, null)))) {
                BatchRow batchRow = new BatchRow();
                batchRow.sessionId = created.sessionId();
                batchRow.firstSequence = batch.firstSequence();
                batchRow.lastSequence = batch.lastSequence();
                batchRow.events = batch.events();
                batchRow.recordedAt = now;
                batchRow.persist();
            }
        });
    }

    @Inject
    DataSource dataSource;

    private static final String INSERT_BATCH = "insert into wl_session_batch"
            + " (session_id, first_seq, last_seq, events, recorded_at) values (?, ?, ?, ?, ?)";

    /** Consecutive events as the JSON of one row. */
    private record Batch(long firstSequence, long lastSequence, String events) {
    }

    /** One session's events of one commit, already encoded. */
    private record Append(String sessionId, List<Batch> batches) {
    }

    /** Appends of sessions that arrive during a commit go into the next commit together, on one thread. */
    private final GroupCommit<Append> commits = new GroupCommit<>(this::insertInOneTransaction,
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "waterline-store");
                t.setDaemon(true);
                return t;
            }));

    @Override
    public void append(String sessionId, long firstSequence, List<Stored> events) {
        try {
            appendWhenDurable(sessionId, firstSequence, events).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The hot path of every live session (one call per group-committed batch), so it is one plain JDBC
     * batch and one commit, shared with the other sessions appending at the same moment, without the
     * entity and JTA machinery the rest of this store uses. The events are encoded here, on the session's
     * writer, so that the one thread that commits for all sessions only writes.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Void> appendWhenDurable(String sessionId, long firstSequence,
                                                                         List<Stored> events) {
        if (events.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        List<Batch> batches;
        try {
            batches = batches(firstSequence, events);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return commits.commit(new Append(sessionId, batches));
    }

    private void insertInOneTransaction(List<Append> appends) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
                for (Append append : appends) {
                    for (Batch batch : append.batches()) {
                        insert.setString(1, append.sessionId());
                        insert.setLong(2, batch.firstSequence());
                        insert.setLong(3, batch.lastSequence());
                        insert.setString(4, batch.events());
                        insert.setObject(5, now);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not append the events of " + appends.size() + " session(s)", e);
        }
    }

    /**
     * The events as rows of at most {@link BatchRow#MAX_EVENTS_CHARS} characters: all of them in one row unless
     * they would not fit (a batch of long notes), never an event split over two rows.
     */
    private List<Batch> batches(long firstSequence, List<Stored> events) {
        List<Batch> batches = new ArrayList<>(1);
        StringBuilder json = new StringBuilder("[");
        long first = firstSequence;
        long sequence = firstSequence;
        for (Stored stored : events) {
            String entry = codec.encodeEntry(stored);
            if (entry.length() + 2 > BatchRow.MAX_EVENTS_CHARS) {
                throw new IllegalArgumentException("a " + codec.typeOf(stored.event()) + " event is too large to store ("
                        + entry.length() + " characters)");
            }
            if (sequence > first && json.length() + 1 + entry.length() + 1 > BatchRow.MAX_EVENTS_CHARS) {
                batches.add(new Batch(first, sequence - 1, json.append(']').toString()));
                json = new StringBuilder("[");
                first = sequence;
            }
            if (sequence > first) {
                json.append(',');
            }
            json.append(entry);
            sequence++;
        }
        batches.add(new Batch(first, sequence - 1, json.append(']').toString()));
        return batches;
    }

    @Override
    public Optional<List<Stored>> load(String joinCode) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<SessionRow> session = SessionRow.find("joinCode", joinCode).firstResultOptional();
            if (session.isEmpty()) {
                return Optional.<List<Stored>>empty();
            }
            String id = session.get().id;
            List<Stored> history = new ArrayList<>();
            // Events stored one per row before batches (migration V3) come first; a session has either or both.
            for (EventRow row : EventRow.<EventRow>list("sessionId = ?1 order by sequence", id)) {
                requireNext(history, row.sequence, row.sequence, joinCode);
                history.add(new Stored(codec.decode(row.eventType, row.payload), row.commandKey));
            }
            for (BatchRow row : BatchRow.<BatchRow>list("sessionId = ?1 order by firstSequence", id)) {
                List<Stored> events = codec.decodeBatch(row.events);
                requireNext(history, row.firstSequence, row.firstSequence + events.size() - 1, joinCode);
                if (row.lastSequence != row.firstSequence + events.size() - 1) {
                    throw new IllegalStateException("session " + joinCode + ": the batch stored at " + row.firstSequence
                            + " says it ends at " + row.lastSequence + " but holds " + events.size() + " events");
                }
                history.addAll(events);
            }
            return Optional.of(history);
        });
    }

    /**
     * A session's history is its events 1, 2, 3, … without gap or repetition: the one writer of a session appends
     * from its version on. Anything else means two writers or a damaged store, and replaying it would build a state
     * nobody acknowledged, so the session is not loaded.
     */
    private static void requireNext(List<Stored> history, long first, long last, String joinCode) {
        if (first != history.size() + 1 || last < first) {
            throw new IllegalStateException("session " + joinCode + ": stored events " + first + "–" + last
                    + " do not follow the " + history.size() + " before them");
        }
    }

    @Override
    public boolean joinCodeTaken(String joinCode) {
        return QuarkusTransaction.requiringNew().call(() -> SessionRow.count("joinCode", joinCode) > 0);
    }

    @Override
    public List<String> joinCodes() {
        return QuarkusTransaction.requiringNew().call(() ->
                SessionRow.<SessionRow>list("order by createdAt").stream().map(r -> r.joinCode).toList());
    }

    @Override
    public List<String> joinCodesCreatedBefore(Instant moment) {
        return QuarkusTransaction.requiringNew().call(() ->
                SessionRow.<SessionRow>list("createdAt < ?1 order by createdAt", moment).stream().map(r -> r.joinCode).toList());
    }

    @Override
    public void delete(String joinCode) {
        QuarkusTransaction.requiringNew().run(() -> SessionRow.<SessionRow>find("joinCode", joinCode).firstResultOptional()
                .ifPresent(row -> {
                    EventRow.delete("sessionId", row.id);
                    BatchRow.delete("sessionId", row.id);
                    row.delete();
                }));
    }
}
