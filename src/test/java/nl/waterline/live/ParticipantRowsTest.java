package nl.waterline.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.waterline.session.Actor;
import nl.waterline.session.Fixtures;
import nl.waterline.session.Secrets;
import nl.waterline.session.Session;
import nl.waterline.session.SessionCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static nl.waterline.picks.PickKind.LEAST;
import static nl.waterline.picks.PickKind.MOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A facilitator screen that applies the full participant list and then the changes holds what a list built from scratch shows. */
class ParticipantRowsTest {

    private Session session;
    private final ParticipantRows rows = new ParticipantRows();

    @BeforeEach
    void start() {
        session = Session.start(Fixtures.created());
    }

    private void run(Actor actor, SessionCommand command) {
        session.decide(actor, command).forEach(event -> {
            session.apply(event);
            rows.applied(event);
        });
    }

    private Actor join(String id) {
        run(Actor.NEWCOMER, new SessionCommand.Join(id, Secrets.hash(id + "-secret"), "Name " + id, "gemeente", "uitvoering", Instant.EPOCH));
        return new Actor.Participant(id);
    }

    /** The list as a facilitator's screen holds it: applying the full list once, then every change, as the page does. */
    private final java.util.LinkedHashMap<String, JsonNode> screen = new java.util.LinkedHashMap<>();

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode apply(String frame) {
        JsonNode f = parse(frame);
        if (f.path("full").asBoolean()) {
            screen.clear();
        }
        f.path("rows").forEach(row -> screen.put(row.path("id").asText(), row));
        f.path("removed").forEach(id -> screen.remove(id.asText()));
        return f;
    }

    private JsonNode fromScratch() {
        return parse(Frames.encode(Views.facilitator(session, "http://x/join", session.results(), true))).path("participants");
    }

    private String onScreen() {
        return new ObjectMapper().valueToTree(screen.values()).toString();
    }

    /** The frame of the changes since the last one, applied to the screen. */
    private JsonNode changes() {
        ParticipantRows.Changes changes = rows.changes(session.participants(), session::participant);
        return apply(Frames.participants(session.version(), changes.full(), changes.rows(), changes.removed()));
    }

    @Test
    void aScreenThatAppliesTheFullListAndThenEveryChangeHoldsTheListAsBuiltFromScratch() {
        Actor anne = join("p-anne");
        Actor bram = join("p-bram");
        apply(Frames.participants(session.version(), true, rows.all(session.participants()), java.util.List.of()));
        assertEquals(fromScratch().toString(), onScreen());
        changes(); // the first report after the full list repeats rows the screen already has: harmless

        run(anne, new SessionCommand.Pick(MOST, "Verantwoorden", false));
        JsonNode afterPick = changes();
        assertEquals(1, afterPick.path("rows").size(), "only the row that changed");
        assertEquals("[\"Verantwoorden\"]", afterPick.path("rows").get(0).path("most").toString());
        assertEquals(fromScratch().toString(), onScreen());

        assertEquals(0, changes().path("rows").size(), "nothing changed, nothing to send");

        run(bram, new SessionCommand.Pick(LEAST, "Praktijkkennis benutten", false));
        run(anne, new SessionCommand.Unpick(MOST, "Verantwoorden"));
        assertEquals(2, changes().path("rows").size());
        assertEquals(fromScratch().toString(), onScreen());

        rows.rebuilt();
        JsonNode afterReload = changes();
        assertTrue(afterReload.path("full").asBoolean(), "after the session was reloaded from the store: the whole list");
        assertEquals(fromScratch().toString(), onScreen());

        join("p-cato");
        JsonNode afterJoin = changes();
        assertEquals("p-cato", afterJoin.path("rows").get(0).path("id").asText());
        assertEquals(fromScratch().toString(), onScreen());

        run(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p-bram"));
        JsonNode afterRemoval = changes();
        assertEquals("[\"p-bram\"]", afterRemoval.path("removed").toString());
        assertEquals(fromScratch().toString(), onScreen());
        assertNull(screen.get("p-bram"));
        assertNotNull(screen.get("p-cato"));
    }

    @Test
    void aScreenThatConnectsBetweenTwoReportsMissesNothing() {
        Actor anne = join("p-anne");
        changes();
        run(anne, new SessionCommand.Pick(MOST, "Verantwoorden", false));
        join("p-bram");
        // connects now: the full list already has the pick and Bram; the next report repeats them
        apply(Frames.participants(session.version(), true, rows.all(session.participants()), java.util.List.of()));
        run(anne, new SessionCommand.Pick(LEAST, "Praktijkkennis benutten", false));
        changes();
        assertEquals(fromScratch().toString(), onScreen());
    }
}
