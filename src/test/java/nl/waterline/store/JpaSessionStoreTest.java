package nl.waterline.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.picks.PickKind;
import nl.waterline.session.Fixtures;
import nl.waterline.session.JoinCodes;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore.Stored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session store on the real database: what a restart reads back is what was acknowledged, nothing more. */
@QuarkusTest
class JpaSessionStoreTest {

    @Inject
    JpaSessionStore store;

    @Inject
    DataSource dataSource;

    /** The sessions a test made, deleted after it: the database is shared with the other tests of this run. */
    private final List<String> made = new ArrayList<>();

    @AfterEach
    void deleteTheSessionsMade() {
        made.forEach(store::delete);
    }

    private SessionEvent.SessionCreated newSession() {
        SessionEvent.SessionCreated template = Fixtures.created();
        String code = JoinCodes.newCode();
        made.add(code);
        return new SessionEvent.SessionCreated(UUID.randomUUID().toString(), code, template.title(), template.language(),
                template.template(), template.facilitatorSecretHash(), Instant.now());
    }

    private static Stored joined(String participant, String key) {
        return new Stored(new SessionEvent.ParticipantJoined(participant, "hash-" + participant, participant, "gemeente",
                "uitvoering", Instant.parse("2026-11-29T10:00:00Z")), key);
    }

    private static Stored picked(String participant, String term, String key) {
        return new Stored(new SessionEvent.PickAdded(participant, PickKind.MOST, term, false), key);
    }

    private List<Stored> load(SessionEvent.SessionCreated session) {
        return store.load(session.joinCode()).orElseThrow();
    }

    @Test
    void aSessionComesBackAsItsEventsInOrderWithTheKeysOfTheCommandsThatCausedThem() {
        SessionEvent.SessionCreated session = newSession();
        store.create(session);
        List<Stored> first = List.of(joined("p1", null), picked("p1", "veiligheid", "p1:c1"));
        List<Stored> second = List.of(picked("p1", "natuur", "p1:c2"));
        store.appendWhenDurable(session.sessionId(), 2, first).join();
        store.appendWhenDurable(session.sessionId(), 4, second).join();

        List<Stored> expected = new ArrayList<>();
        expected.add(new Stored(session, null));
        expected.addAll(first);
        expected.addAll(second);
        assertEquals(expected, load(session));
        assertEquals(3, rows("wl_session_batch", session), "one row per append, and one for the creation");
    }

    @Test
    void aSessionStoredOneEventPerRowBeforeBatchesStillLoadsAndGrowsInBatches() throws Exception {
        SessionEvent.SessionCreated session = newSession();
        Stored join = joined("p1", null);
        EventCodec codec = new EventCodec();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into wl_session (id, join_code, template_id, title, created_at) values (?, ?, ?, ?, ?)")) {
                s.setString(1, session.sessionId());
                s.setString(2, session.joinCode());
                s.setString(3, session.template().id());
                s.setString(4, session.title());
                s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
            }
            long seq = 1;
            for (Stored old : List.of(new Stored(session, null), join)) {
                try (PreparedStatement s = c.prepareStatement("insert into wl_session_event"
                        + " (session_id, seq, event_type, payload, command_key, recorded_at) values (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, session.sessionId());
                    s.setLong(2, seq++);
                    s.setString(3, codec.typeOf(old.event()));
                    s.setString(4, codec.encode(old.event()));
                    s.setString(5, old.commandKey());
                    s.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
        }
        Stored pick = picked("p1", "veiligheid", "p1:c1");
        store.appendWhenDurable(session.sessionId(), 3, List.of(pick)).join();

        assertEquals(List.of(new Stored(session, null), join, pick), load(session));

        store.delete(session.joinCode());
        assertEquals(0, rows("wl_session_event", session));
        assertEquals(0, rows("wl_session_batch", session));
        assertTrue(store.load(session.joinCode()).isEmpty());
    }

    @Test
    void eventsTooLongForOneRowTogetherAreSpreadOverRowsAndReadBackWhole() {
        SessionEvent.SessionCreated session = newSession();
        store.create(session);
        List<Stored> longOnes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            longOnes.add(picked("p" + i, String.valueOf((char) ('a' + i)).repeat(300_000), "p" + i + ":c1"));
        }
        store.appendWhenDurable(session.sessionId(), 2, longOnes).join();

        List<Stored> loaded = load(session);
        assertEquals(longOnes, loaded.subList(1, loaded.size()));
        assertTrue(rows("wl_session_batch", session) >= 1 + 2, "five events of 300,000 characters need at least two rows");
    }

    @Test
    void anEventThatCannotBeStoredFailsItsAppendAndLeavesNothingBehind() {
        SessionEvent.SessionCreated session = newSession();
        store.create(session);
        List<Stored> batch = List.of(picked("p1", "kort", "p1:c1"), picked("p1", "x".repeat(BatchRow.MAX_EVENTS_CHARS), "p1:c2"));

        assertThrows(CompletionException.class, () -> store.appendWhenDurable(session.sessionId(), 2, batch).join());
        assertEquals(List.of(new Stored(session, null)), load(session));
    }

    @Test
    void theSameEventsAppendedTwiceAreRefusedTheSecondTime() {
        SessionEvent.SessionCreated session = newSession();
        store.create(session);
        List<Stored> batch = List.of(joined("p1", null));
        store.appendWhenDurable(session.sessionId(), 2, batch).join();

        assertThrows(CompletionException.class, () -> store.appendWhenDurable(session.sessionId(), 2, batch).join());
        assertEquals(2, load(session).size());
    }

    @Test
    void aHistoryWithAGapOrAnOverlapIsNotLoaded() {
        SessionEvent.SessionCreated gap = newSession();
        store.create(gap);
        store.appendWhenDurable(gap.sessionId(), 3, List.of(joined("p1", null))).join();
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> store.load(gap.joinCode()));
        assertTrue(missing.getMessage().contains("do not follow"), missing.getMessage());

        SessionEvent.SessionCreated overlap = newSession();
        store.create(overlap);
        store.appendWhenDurable(overlap.sessionId(), 2, List.of(joined("p1", null), joined("p2", null))).join();
        store.appendWhenDurable(overlap.sessionId(), 3, List.of(joined("p3", null))).join();
        assertThrows(IllegalStateException.class, () -> store.load(overlap.joinCode()));
    }

    private long rows(String table, SessionEvent.SessionCreated session) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where session_id = ?")) {
            s.setString(1, session.sessionId());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
