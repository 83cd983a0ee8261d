package nl.waterline.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.session.Session;
import nl.waterline.web.TestSessions;
import nl.waterline.web.TestSessions.NewParticipant;
import nl.waterline.web.TestSessions.NewSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole session through every phase, over real WebSockets: a facilitator, a note-taker and nine phones. */
@QuarkusTest
class LiveDialogueTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private static final String[][] ROOM = {
            {"gemeente", "uitvoering"}, {"gemeente", "management"}, {"gemeente", "bestuur"},
            {"uwv", "uitvoering"}, {"uwv", "management"}, {"szw", "beleid"}, {"szw", "beleid"},
            {"sociale-werkvoorziening", "uitvoering"}, {"kennisinstelling", "onderzoek"}};

    private static void ack(JsonNode answer) {
        assertEquals("ack", answer.path("type").asText(), answer.toString());
    }

    private static void refused(String code, JsonNode answer) {
        assertEquals("error", answer.path("type").asText(), answer.toString());
        assertEquals(code, answer.path("code").asText(), answer.toString());
        assertFalse(answer.path("message").asText().isBlank());
    }

    @Test
    void aWholeSessionThroughEveryPhase() throws Exception {
        NewSession s = TestSessions.create();
        Map<String, LiveClient> phones = new LinkedHashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        List<LiveClient> all = new ArrayList<>();
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret());
             LiveClient projector = LiveClient.hello(base, s.code(), "projector", s.facilitatorSecret())) {
            for (int i = 0; i < ROOM.length; i++) {
                NewParticipant p = TestSessions.join(s, "Persoon " + i, ROOM[i][0], ROOM[i][1]);
                LiveClient phone = LiveClient.hello(base, s.code(), "participant", p.secret());
                phones.put(p.participantId(), phone);
                groupOf.put(p.participantId(), ROOM[i][0]);
                all.add(phone);
            }
            LiveClient someone = phones.values().iterator().next();
            refused("FORBIDDEN", someone.call("setPhase", "phase", "subgroups"));

            // Word cloud, then subgroups.
            ack(facilitator.call("setPhase", "phase", "picks"));
            ack(someone.pick("MOST", "Reflecteren"));
            ack(facilitator.call("setPhase", "phase", "subgroups"));
            refused("WRONG_PHASE", someone.pick("MOST", "Verantwoorden"));
            someone.sendRaw("{\"type\":\"formSubgroups\",\"id\":\"f0\",\"count\":2}");
            refused("FORBIDDEN", someone.awaitMatching(f -> "f0".equals(f.path("id").asText()), "refusal of formSubgroups"));
            facilitator.sendRaw("{\"type\":\"formSubgroups\",\"id\":\"f1\",\"count\":2}");
            ack(facilitator.awaitMatching(f -> "f1".equals(f.path("id").asText()), "ack of formSubgroups"));
            JsonNode view = facilitator.awaitView(v -> v.path("subgroups").size() == 2);
            Map<String, String> subgroupOf = new HashMap<>();
            for (JsonNode sg : view.path("subgroups")) {
                Map<String, Integer> perGroup = new HashMap<>();
                for (JsonNode m : sg.path("members")) {
                    subgroupOf.put(m.asText(), sg.path("id").asText());
                    perGroup.merge(groupOf.get(m.asText()), 1, Integer::sum);
                }
                assertTrue(sg.path("members").size() == 4 || sg.path("members").size() == 5);
                assertTrue(perGroup.getOrDefault("gemeente", 0) >= 1 && perGroup.getOrDefault("gemeente", 0) <= 2,
                        "three of gemeente over two subgroups: " + perGroup);
                assertEquals(1, perGroup.getOrDefault("szw", 0), "two of SZW, one in each subgroup: " + perGroup);
                assertEquals(sg.path("mix").path("size").asInt(), sg.path("members").size());
            }
            for (Map.Entry<String, LiveClient> phone : phones.entrySet()) {
                JsonNode you = phone.getValue().awaitMatching(f -> f.path("type").asText().equals("you")
                        && !f.path("participant").path("subgroup").isNull(), "subgroup in you");
                assertEquals(subgroupOf.get(phone.getKey()), you.path("participant").path("subgroup").asText());
                JsonNode mine = phone.getValue().awaitView("subgroup", v -> v.path("members").size() >= 4);
                assertEquals(subgroupOf.get(phone.getKey()), mine.path("id").asText());
                assertTrue(mine.path("members").get(0).path("name").isMissingNode()
                        || mine.path("members").get(0).path("name").isNull(), "names stay private by default");
            }

            // Perspective round in subgroup g-A.
            JsonNode a = view.path("subgroups").get(0);
            String subgroupA = a.path("id").asText();
            List<String> order = new ArrayList<>();
            a.path("order").forEach(o -> order.add(o.asText()));
            LiveClient speaker = phones.get(order.get(0));
            LiveClient listener = phones.get(order.get(1));
            LiveClient host = phones.get(order.get(2));
            String outsider = subgroupOf.entrySet().stream().filter(e -> !e.getValue().equals(subgroupA)).findFirst().orElseThrow().getKey();

            refused("WRONG_PHASE", facilitator.call("nextSpeaker", "subgroup", subgroupA));
            facilitator.sendRaw("{\"type\":\"setTurnSeconds\",\"id\":\"t1\",\"seconds\":120}");
            ack(facilitator.awaitMatching(f -> "t1".equals(f.path("id").asText()), "ack of setTurnSeconds"));
            ack(facilitator.call("setPhase", "phase", "perspective-round"));
            ack(facilitator.call("setHost", "subgroup", subgroupA, "participantId", order.get(2)));
            ack(facilitator.call("nextSpeaker", "subgroup", subgroupA));
            listener.awaitView("subgroup", v -> order.get(0).equals(v.path("speaker").asText()));

            refused("NOT_A_QUESTION", listener.call("ask", "text", "Dat klopt gewoon niet."));
            refused("SPEAKER_CANNOT_ASK", speaker.call("ask", "text", "Zal ik iets vragen?"));
            refused("NO_SPEAKER", phones.get(outsider).call("ask", "text", "Wie begint?"));
            ack(listener.call("ask", "text", "Wat versta je onder praktijkkennis?"));
            ack(host.call("ask", "text", "Is het niet gewoon zo dat de regels alles bepalen?"));
            JsonNode incoming = speaker.awaitView("subgroup", v -> v.path("questions").size() == 2);
            String clarifying = incoming.path("questions").get(0).path("id").asText();
            String opinion = incoming.path("questions").get(1).path("id").asText();
            assertFalse(incoming.path("questions").get(0).has("askerId"), "questions are anonymous");
            assertFalse(incoming.toString().contains("asker"));
            refused("NOT_THE_SPEAKER", listener.call("markAnswered", "question", clarifying));
            ack(speaker.call("markAnswered", "question", clarifying));
            refused("FORBIDDEN", listener.call("park", "question", opinion));
            ack(host.call("park", "question", opinion));
            JsonNode parked = facilitator.awaitView(v -> v.path("parked").size() == 1);
            assertEquals(opinion, parked.path("parked").get(0).path("id").asText());
            refused("FORBIDDEN", listener.call("nextSpeaker"));
            ack(speaker.call("nextSpeaker"));
            JsonNode onScreen = projector.awaitView(v -> v.path("subgroups").size() == 2
                    && v.path("subgroups").path(0).path("speakerLabel").path("group").asText().equals(groupOf.get(order.get(1))));
            assertFalse(onScreen.toString().contains("Persoon"), "the projector shows group and role, never names");
            assertEquals(120, onScreen.path("turnSeconds").asInt());

            // Discussion: the parked question is picked up as a difference.
            ack(facilitator.call("setPhase", "phase", "discussion"));
            refused("WRONG_PHASE", listener.call("ask", "text", "Nog een vraag?"));
            listener.sendRaw("{\"type\":\"addDiscussionNote\",\"id\":\"d1\",\"kind\":\"DIFFERENCE\",\"text\":\"Regels versus ruimte\","
                    + "\"groups\":[\"gemeente\",\"szw\"],\"parkedQuestion\":\"" + opinion + "\"}");
            ack(listener.awaitMatching(f -> "d1".equals(f.path("id").asText()), "ack of the discussion note"));
            refused("FORBIDDEN", listener.call("addDiscussionNote", "kind", "SIMILARITY", "text", "x",
                    "subgroup", subgroupOf.get(outsider)));
            JsonNode differences = projector.awaitView(v -> v.path("subgroups").path(0).path("discussion").size() == 1);
            assertEquals("DIFFERENCE", differences.path("subgroups").get(0).path("discussion").get(0).path("kind").asText());
            facilitator.awaitView(v -> v.path("parked").path(0).path("pickedUp").asBoolean());

            // Harvest per stakeholder group.
            ack(facilitator.call("setPhase", "phase", "harvest"));
            String gemeenteMember = groupOf.entrySet().stream().filter(e -> e.getValue().equals("gemeente")).findFirst().orElseThrow().getKey();
            LiveClient gemeente = phones.get(gemeenteMember);
            ack(gemeente.call("addHarvest", "kind", "HEARD", "text", "UWV stuurt op uitstroom"));
            refused("FORBIDDEN", gemeente.call("addHarvest", "kind", "CONTINUE", "text", "x", "group", "uwv"));
            JsonNode harvest = gemeente.awaitView("harvest", v -> v.path("entries").size() == 1);
            assertEquals("gemeente", harvest.path("group").asText());
            facilitator.awaitView(v -> v.path("harvest").size() == 1);

            // A note-taker captures a quote below the waterline.
            String noteSecret = given().header("Authorization", "Bearer " + s.facilitatorSecret())
                    .post("/api/sessions/" + s.code() + "/note-takers").then().statusCode(201).extract().path("secret");
            given().header("Authorization", "Bearer " + noteSecret)
                    .post("/api/sessions/" + s.code() + "/note-takers").then().statusCode(401);
            try (LiveClient notes = LiveClient.hello(base, s.code(), "note-taker", noteSecret)) {
                notes.sendRaw("{\"type\":\"addNote\",\"id\":\"n1\",\"kind\":\"QUOTE\",\"text\":\"Doelen op papier leven niet\","
                        + "\"group\":\"gemeente\",\"role\":\"uitvoering\",\"waterline\":\"BELOW\",\"issue\":\"doelen-van-re-integratie\"}");
                ack(notes.awaitMatching(f -> "n1".equals(f.path("id").asText()), "ack of the note"));
                JsonNode noteView = notes.awaitView(v -> v.path("notes").size() == 1);
                assertEquals(0, noteView.path("participants").size(), "the note-taker sees no names");
                assertEquals("BELOW", noteView.path("notes").get(0).path("waterline").asText());
                refused("FORBIDDEN", notes.call("setPhase", "phase", "close"));
            }
            ack(facilitator.call("setPhase", "phase", "close"));
        } finally {
            all.forEach(LiveClient::close);
        }
        String live = registry.owner(s.code()).read(Session::describe).get(5, TimeUnit.SECONDS);
        assertEquals(live, registry.rebuildFromStore(s.compactCode()).orElseThrow().describe(),
                "phase, subgroups, turns, questions, notes: a restart brings all of it back");
    }
}
