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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LiveSessionTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private static JsonNode term(JsonNode view, String term) {
        return StreamSupport.stream(view.path("results").path("terms").spliterator(), false)
                .filter(t -> t.path("term").asText().equals(term)).findFirst().orElseThrow();
    }

    private static int groupMost(JsonNode term, String group) {
        return StreamSupport.stream(term.path("byGroup").spliterator(), false)
                .filter(g -> g.path("group").asText().equals(group)).mapToInt(g -> g.path("most").asInt()).sum();
    }

    private LiveClient participant(NewSession s, NewParticipant p) throws Exception {
        return LiveClient.hello(base, s.compactCode(), "participant", p.secret());
    }

    private String state(NewSession s) throws Exception {
        return registry.owner(s.code()).read(Session::describe).get(5, TimeUnit.SECONDS);
    }

    @Test
    void facilitatorSeesAttendanceAndCountsPerGroupAsParticipantsPick() throws Exception {
        NewSession s = TestSessions.create();
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret());
             LiveClient anne = participant(s, TestSessions.join(s, "Anne", "gemeente", "uitvoering"));
             LiveClient bert = participant(s, TestSessions.join(s, "Bert", "uwv", "management"));
             LiveClient carla = participant(s, TestSessions.join(s, "Carla", "gemeente", "bestuur"))) {
            JsonNode annesAck = anne.pick("MOST", "Praktijkkennis benutten");
            assertEquals("ack", annesAck.path("type").asText());
            assertEquals("ack", carla.pick("MOST", "Praktijkkennis benutten").path("type").asText());
            assertEquals("ack", bert.pick("LEAST", "Praktijkkennis benutten").path("type").asText());
            assertEquals("ack", bert.pick("MOST", "Verantwoorden").path("type").asText());

            JsonNode view = facilitator.awaitView(v -> v.path("results").path("participantsWithPicks").asInt() == 3
                    && term(v, "Verantwoorden").path("most").asInt() == 1);
            JsonNode praktijk = term(view, "Praktijkkennis benutten");
            assertEquals(2, praktijk.path("most").asInt());
            assertEquals(1, praktijk.path("least").asInt());
            assertEquals(2, groupMost(praktijk, "gemeente"));
            assertEquals(2.0, praktijk.path("divergence").asDouble(), "gemeente all MOST, UWV all LEAST");
            assertEquals(3, view.path("attendance").path("total").asInt());
            assertTrue(view.path("attendance").path("missingExpected").toString().contains("clienten-werkzoekenden"));
            assertTrue(view.path("participants").toString().contains("Carla"), "the facilitator sees who is who");

            JsonNode you = annesAck.path("you");
            assertEquals("Praktijkkennis benutten", you.path("participant").path("most").get(0).asText(),
                    "the ack brings Anne's own picks along: " + annesAck);
            assertTrue(you.path("version").asLong() >= annesAck.path("version").asLong());
        }
    }

    @Test
    void ownPicksComeWithTheAckOnTheSendingScreenAndAsAYouFrameOnTheOtherScreens() throws Exception {
        NewSession s = TestSessions.create();
        NewParticipant p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient phone = participant(s, p); LiveClient laptop = participant(s, p)) {
            phone.await("you");
            laptop.await("you");

            JsonNode first = phone.pick("MOST", "Reflecteren");
            JsonNode second = phone.pick("LEAST", "Verantwoorden");

            assertEquals(List.of("Reflecteren"), texts(first.path("you").path("participant").path("most")));
            assertEquals(List.of("Verantwoorden"), texts(second.path("you").path("participant").path("least")));
            JsonNode onLaptop = laptop.awaitMatching(f -> f.path("type").asText().equals("you")
                    && f.path("participant").path("least").size() == 1, "the other screen's you frame");
            assertEquals(List.of("Reflecteren"), texts(onLaptop.path("participant").path("most")));
            // Frames of one connection arrive in order, and each ack goes out before any you frame of its batch:
            // once the second ack is here, a separate you frame for the first pick would have arrived too.
            assertTrue(phone.received().stream().noneMatch(f -> f.path("type").asText().equals("you")),
                    "the sending screen gets its state once, in the ack: " + phone.received());
            // A refused command changes nothing and brings no state.
            JsonNode refused = phone.pick("MOST", "Verantwoorden");
            assertEquals("PICK_CONFLICT", refused.path("code").asText());
            assertFalse(refused.has("you"));
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void aThirdMostPickIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
        NewSession s = TestSessions.create();
        try (LiveClient anne = participant(s, TestSessions.join(s, "Anne", "gemeente", "uitvoering"))) {
            anne.pick("MOST", "Reflecteren");
            anne.pick("MOST", "Verantwoorden");
            String before = state(s);
            JsonNode error = anne.pick("MOST", "Integraal werken");
            assertEquals("error", error.path("type").asText());
            assertEquals("TOO_MANY_PICKS", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("2"), error.toString());
            assertEquals(before, state(s));
            assertEquals("PICK_CONFLICT", anne.pick("LEAST", "Reflecteren").path("code").asText());
        }
    }

    @Test
    void aReconnectResumesTheSameParticipantWithTheirPicks() throws Exception {
        NewSession s = TestSessions.create();
        NewParticipant p = TestSessions.join(s, "Anne", "szw", "beleid");
        try (LiveClient first = participant(s, p)) {
            first.pick("MOST", "Verantwoorden");
            first.call("pick", "kind", "LEAST", "term", "Eigen   woord", "own", "true");
        }
        try (LiveClient again = LiveClient.connect(base, s.code())) {
            again.sendRaw("{\"type\":\"hello\",\"role\":\"participant\",\"secret\":\"" + p.secret() + "\",\"version\":3}");
            JsonNode welcome = again.await("welcome");
            assertEquals(p.participantId(), welcome.path("participantId").asText());
            JsonNode you = again.await("you").path("participant");
            assertEquals("Verantwoorden", you.path("most").get(0).asText());
            assertEquals("Eigen woord", you.path("least").get(0).asText());
            assertFalse(welcome.toString().contains(s.facilitatorSecret()));
        }
    }

    @Test
    void concurrentPicksFromManyPhonesLoseNothing() throws Exception {
        NewSession s = TestSessions.create();
        List<String> terms = List.of("Professioneel handelen", "Reflecteren", "Verantwoorden", "Integraal werken",
                "Methodisch werken", "Continu verbeteren");
        int phones = 24;
        List<NewParticipant> people = new ArrayList<>();
        String[] groups = {"gemeente", "uwv", "szw"};
        String[] roles = {"uitvoering", "management", "beleid"};
        for (int i = 0; i < phones; i++) {
            people.add(TestSessions.join(s, "P" + i, groups[i % 3], roles[i % 3]));
        }
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < phones; i++) {
                NewParticipant p = people.get(i);
                int n = i;
                answers.add(pool.submit(() -> {
                    try (LiveClient phone = participant(s, p)) {
                        List<String> types = new ArrayList<>();
                        types.add(phone.pick("MOST", terms.get(n % 6)).path("type").asText());
                        types.add(phone.pick("MOST", terms.get((n + 1) % 6)).path("type").asText());
                        types.add(phone.pick("LEAST", terms.get((n + 2) % 6)).path("type").asText());
                        types.add(phone.pick("LEAST", terms.get((n + 3) % 6)).path("type").asText());
                        return types;
                    }
                }));
            }
            for (Future<List<String>> answer : answers) {
                assertEquals(List.of("ack", "ack", "ack", "ack"), answer.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            JsonNode view = facilitator.awaitView(v -> {
                int total = 0;
                for (JsonNode t : v.path("results").path("terms")) {
                    total += t.path("most").asInt() + t.path("least").asInt();
                }
                return total == phones * 4;
            });
            assertEquals(phones, view.path("results").path("participantsWithPicks").asInt());
        }
        assertEquals(state(s), registry.rebuildFromStore(s.compactCode()).orElseThrow().describe(),
                "what a restart brings back is exactly what was acknowledged");
    }

    @Test
    void aRestartBringsBackEverySessionParticipantAndPickAsAcknowledged() throws Exception {
        NewSession s = TestSessions.create();
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret());
             LiveClient anne = participant(s, TestSessions.join(s, "Anne", "gemeente", "management"));
             LiveClient bert = participant(s, TestSessions.join(s, "Bert", "kennisinstelling", "onderzoek"))) {
            anne.pick("MOST", "Kennis implementeren");
            anne.call("unpick", "kind", "MOST", "term", "Kennis implementeren");
            anne.pick("LEAST", "Beleidsdoelen halen");
            bert.call("pick", "kind", "MOST", "term", "klantperspectief", "own", "true");
            facilitator.call("lockPicking", "locked", "true");
            facilitator.call("setResultsMode", "mode", "LIVE");
        }
        Session rebuilt = registry.rebuildFromStore(s.compactCode()).orElseThrow();
        assertEquals(state(s), rebuilt.describe());
        assertTrue(rebuilt.picksLocked());
        assertEquals(List.of("klantperspectief"), rebuilt.ownWords());
    }

    @Test
    void eachScreenSeesOnlyItsOwnProjection() throws Exception {
        NewSession s = TestSessions.create();
        try (LiveClient projector = LiveClient.hello(base, s.code(), "projector", s.facilitatorSecret());
             LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret());
             LiveClient anne = participant(s, TestSessions.join(s, "Anne Private", "gemeente", "uitvoering"));
             LiveClient bert = participant(s, TestSessions.join(s, "Bert Private", "uwv", "uitvoering"))) {
            anne.pick("MOST", "Reflecteren");
            JsonNode hidden = projector.awaitView(v -> v.path("attendance").path("total").asInt() == 2);
            assertTrue(hidden.path("results").isNull(), "results stay hidden until reveal");
            assertFalse(hidden.has("participants"));
            assertFalse(hidden.toString().contains("Private"), "the projector never shows names");

            assertEquals("FORBIDDEN", anne.call("revealResults", "revealed", "true").path("code").asText());
            assertEquals("ack", facilitator.call("revealResults", "revealed", "true").path("type").asText());
            JsonNode shown = projector.awaitView(v -> !v.path("results").isNull());
            assertEquals(1, term(shown, "Reflecteren").path("most").asInt());
            JsonNode bertsView = bert.awaitView(v -> !v.path("results").isNull());
            assertFalse(bertsView.toString().contains("Anne Private"), "participants never see each other's names");
            assertEquals(1, term(bertsView, "Reflecteren").path("most").asInt());
            assertFalse(term(bertsView, "Reflecteren").has("byGroup"), "phones get counts per term, not who picked what");
            assertTrue(term(shown, "Reflecteren").path("byGroup").size() > 0, "the projector shows the split per group");
        }
    }
}
