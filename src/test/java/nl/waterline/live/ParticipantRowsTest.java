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

/** The facilitator's view built from kept rows must read exactly as one built from scratch, after every change. */
class ParticipantRowsTest {

    private Session session;
    private final ParticipantRows rows = new ParticipantRows();

    @BeforeEach
    void start() {
        session = Session.start(Fixtures.created());
    }

    private void run(Actor actor, SessionCommand command) {
        session.decide(actor, command).forEach(session::apply);
    }

    private Actor join(String id) {
        run(Actor.NEWCOMER, new SessionCommand.Join(id, Secrets.hash(id + "-secret"), "Name " + id, "gemeente", "uitvoering", Instant.EPOCH));
        return new Actor.Participant(id);
    }

    private String fromScratch() {
        return Frames.encode(Views.facilitator(session, "http://x/join", session.results(), true));
    }

    private String withKeptRows() {
        rows.keepAtMost(session.participants().size(), id -> session.participant(id).isPresent());
        return Frames.encode(Views.facilitator(session, "http://x/join", session.results(), true, rows::of));
    }

    /** A participant's row in an encoded facilitator view, or null. */
    private static JsonNode row(String frame, String participantId) {
        try {
            for (JsonNode row : new ObjectMapper().readTree(frame).path("participants")) {
                if (row.path("id").asText().equals(participantId)) {
                    return row;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keptRowsFollowEveryPickUnpickJoinAndRemoval() {
        Actor anne = join("p-anne");
        Actor bram = join("p-bram");
        assertEquals(fromScratch(), withKeptRows());

        run(anne, new SessionCommand.Pick(MOST, "Verantwoorden", false));
        String afterPick = withKeptRows();
        assertEquals(fromScratch(), afterPick);
        assertEquals("[\"Verantwoorden\"]", row(afterPick, "p-anne").get("most").toString());

        run(bram, new SessionCommand.Pick(LEAST, "Praktijkkennis benutten", false));
        assertEquals(fromScratch(), withKeptRows());

        run(anne, new SessionCommand.Unpick(MOST, "Verantwoorden"));
        String afterUnpick = withKeptRows();
        assertEquals(fromScratch(), afterUnpick);
        assertEquals("[]", row(afterUnpick, "p-anne").get("most").toString());

        join("p-cato");
        assertEquals(fromScratch(), withKeptRows());

        run(Actor.FACILITATOR, new SessionCommand.RemoveParticipant("p-bram"));
        String afterRemoval = withKeptRows();
        assertEquals(fromScratch(), afterRemoval);
        assertNull(row(afterRemoval, "p-bram"));
        assertNotNull(row(afterRemoval, "p-cato"));
    }
}
