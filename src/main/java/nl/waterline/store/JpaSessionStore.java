package nl.waterline.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;

import java.time.Instant;
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

    @Override
    public void append(String sessionId, long firstSequence, List<Stored> events) {
        if (events.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> persistEvents(sessionId, firstSequence, events));
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
