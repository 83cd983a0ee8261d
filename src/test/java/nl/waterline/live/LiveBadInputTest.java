package nl.waterline.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.session.Session;
import nl.waterline.web.TestSessions;
import nl.waterline.web.TestSessions.NewSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class LiveBadInputTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private String state(NewSession s) throws Exception {
        return registry.owner(s.code()).read(Session::describe).get(5, TimeUnit.SECONDS);
    }

    private static JsonNode error(LiveClient client) {
        return client.await("error");
    }

    @Test
    void malformedAndUnknownFramesGetClearErrorsAndTheConnectionStaysUsable() throws Exception {
        NewSession s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient anne = LiveClient.hello(base, s.code(), "participant", p.secret())) {
            String before = state(s);
            anne.sendRaw("{not json");
            assertEquals("MALFORMED_JSON", error(anne).path("code").asText());
            anne.sendRaw("[1,2,3]");
            assertEquals("MALFORMED_JSON", error(anne).path("code").asText());
            anne.sendRaw("{\"type\":\"vote\",\"id\":\"c1\"}");
            JsonNode unknown = error(anne);
            assertEquals("UNKNOWN_MESSAGE_TYPE", unknown.path("code").asText());
            assertEquals("c1", unknown.path("id").asText(), "errors carry the command id when there is one");
            anne.sendRaw("{\"type\":\"pick\",\"term\":\"Reflecteren\",\"kind\":\"MOST\"}");
            assertEquals("MISSING_FIELD", error(anne).path("code").asText());
            anne.sendRaw("{\"type\":\"pick\",\"id\":\"c2\",\"term\":42,\"kind\":\"MOST\"}");
            assertEquals("MALFORMED_JSON", error(anne).path("code").asText());
            anne.sendRaw("{\"type\":\"pick\",\"id\":\"c3\",\"term\":\"Reflecteren\",\"kind\":\"BEST\"}");
            assertEquals("INVALID_VALUE", error(anne).path("code").asText());
            assertEquals("ALREADY_GREETED", anne.call("hello", "role", "participant", "secret", p.secret()).path("code").asText());
            assertEquals(before, state(s), "refused frames change nothing");
            assertEquals("ack", anne.pick("MOST", "Reflecteren").path("type").asText(), "the connection still works");
        }
    }

    @Test
    void participantsCannotSendFacilitatorCommands() throws Exception {
        NewSession s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient anne = LiveClient.hello(base, s.code(), "participant", p.secret());
             LiveClient projector = LiveClient.hello(base, s.code(), "projector", s.facilitatorSecret())) {
            String before = state(s);
            assertEquals("FORBIDDEN", anne.call("lockPicking", "locked", "true").path("code").asText());
            assertEquals("FORBIDDEN", anne.call("setResultsMode", "mode", "LIVE").path("code").asText());
            assertEquals("FORBIDDEN", projector.call("lockPicking", "locked", "true").path("code").asText());
            assertEquals("FORBIDDEN", projector.pick("MOST", "Reflecteren").path("code").asText());
            assertEquals(before, state(s));
        }
    }

    @Test
    void commandsBeforeHelloAreRefused() throws Exception {
        NewSession s = TestSessions.create();
        try (LiveClient stranger = LiveClient.connect(base, s.code())) {
            String before = state(s);
            assertEquals("HELLO_REQUIRED", stranger.pick("MOST", "Reflecteren").path("code").asText());
            assertEquals(before, state(s));
        }
    }

    @Test
    void aWrongSecretIsRefusedAndTheConnectionClosed() throws Exception {
        NewSession s = TestSessions.create();
        NewSession other = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient wrong = LiveClient.connect(base, s.code())) {
            wrong.sendRaw("{\"type\":\"hello\",\"role\":\"facilitator\",\"secret\":\"" + p.secret() + "\"}");
            assertEquals("WRONG_SECRET", error(wrong).path("code").asText(), "a participant secret does not open the facilitator view");
            assertEquals(1008, wrong.awaitClose());
        }
        try (LiveClient crossed = LiveClient.connect(base, s.code())) {
            crossed.sendRaw("{\"type\":\"hello\",\"role\":\"facilitator\",\"secret\":\"" + other.facilitatorSecret() + "\"}");
            assertEquals("WRONG_SECRET", error(crossed).path("code").asText(), "another session's secret does not fit");
        }
        try (LiveClient unknown = LiveClient.connect(base, "ZZZZZZZZ")) {
            unknown.sendRaw("{\"type\":\"hello\",\"role\":\"participant\",\"secret\":\"x\"}");
            assertEquals("UNKNOWN_SESSION", error(unknown).path("code").asText());
        }
    }

    @Test
    void anOversizedFrameClosesOnlyThatConnection() throws Exception {
        NewSession s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient flooder = LiveClient.hello(base, s.code(), "participant", p.secret());
             LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            String before = state(s);
            flooder.sendRaw("{\"type\":\"pick\",\"id\":\"big\",\"kind\":\"MOST\",\"term\":\"" + "x".repeat(10_000) + "\"}");
            int code = flooder.awaitClose();
            assertNotEquals(1000, code, "closed as an error, not a normal goodbye");
            assertEquals(before, state(s));
            assertEquals("ack", facilitator.call("lockPicking", "locked", "true").path("type").asText(),
                    "other connections are unaffected");
        }
    }
}
