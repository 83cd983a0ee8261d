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
            persistEvents(created.sessionId(), 1, List.of(new Stored(created, null)));
        });
    }

    @Inject
    DataSource dataSource;

    private static final String INSERT_EVENT = "insert into wl_session_event"
            + " (session_id, seq, event_type, payload, command_key, recorded_at) values (?, ?, ?, ?, ?, ?)";

    private record Append(String sessionId, long firstSequence, List<Stored> events) {
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
     * entity and JTA machinery the rest of this store uses.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Void> appendWhenDurable(String sessionId, long firstSequence,
                                                                         List<Stored> events) {
        if (events.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return commits.commit(new Append(sessionId, firstSequence, List.copyOf(events)));
    }

    private void insertInOneTransaction(List<Append> appends) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
                for (Append append : appends) {
                    long sequence = append.firstSequence();
                    for (Stored stored : append.events()) {
                        insert.setString(1, append.sessionId());
                        insert.setLong(2, sequence++);
                        insert.setString(3, codec.typeOf(stored.event()));
                        insert.setString(4, codec.encode(stored.event()));
                        insert.setString(5, stored.commandKey());
                        insert.setObject(6, now);
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

    private void persistEvents(String sessionId, long firstSequence, List<Stored> events) {
        Instant now = Instant.now();
        long sequence = firstSequence;
        for (Stored stored : events) {
            EventRow row = new EventRow();
            row.sessionId = sessionId;
            row.sequence = sequence++;
            row.eventType = codec.typeOf(stored.event());
            row.payload = codec.encode(stored.event());
            row.commandKey = stored.commandKey();
            row.recordedAt = now;
            row.persist();
        }
    }

    @Override
    public Optional<List<Stored>> load(String joinCode) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<SessionRow> session = SessionRow.find("joinCode", joinCode).firstResultOptional();
            if (session.isEmpty()) {
                return Optional.<List<Stored>>empty();
            }
            List<EventRow> rows = EventRow.list("sessionId = ?1 order by sequence", session.get().id);
            return Optional.of(rows.stream().map(r -> new Stored(codec.decode(r.eventType, r.payload), r.commandKey)).toList());
        });
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
                    row.delete();
                }));
    }
}
