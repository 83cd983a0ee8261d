package nl.waterline.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The facilitator decides who is in the room: close joining, cap the size, remove someone. */
@QuarkusTest
class RoomControlTest {

    @TestHTTPResource("/")
    URI base;

    private static void join(TestSessions.NewSession s, int status, String code) {
        var answer = given().contentType(ContentType.JSON).body(Map.of("group", "uwv", "role", "management"))
                .post("/api/sessions/" + s.code() + "/participants").then().statusCode(status);
        if (code != null) {
            answer.body("code", equalTo(code));
        }
    }

    @Test
    void joiningCanBeClosedAndASessionCapped() throws Exception {
        var s = TestSessions.create();
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            assertEquals("ack", facilitator.call("lockJoining", "locked", "true").path("type").asText());
            join(s, 409, "JOINING_LOCKED");
            assertEquals("ack", facilitator.call("lockJoining", "locked", "false").path("type").asText());
            facilitator.sendRaw("{\"type\":\"setCapacity\",\"id\":\"cap\",\"capacity\":2}");
            assertEquals("ack", facilitator.awaitMatching(f -> "cap".equals(f.path("id").asText()), "cap ack").path("type").asText());
            join(s, 201, null);
            join(s, 201, null);
            join(s, 409, "SESSION_FULL");
            facilitator.awaitView(v -> v.path("joining").path("capacity").asInt() == 2 && v.path("attendance").path("total").asInt() == 2);
        }
    }

    @Test
    void aRemovedParticipantIsDisconnectedAndTheirSecretNoLongerWorks() throws Exception {
        var s = TestSessions.create();
        var p = TestSessions.join(s, "Bot", "gemeente", "uitvoering");
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret());
             LiveClient bot = LiveClient.hello(base, s.code(), "participant", p.secret())) {
            assertEquals("ack", bot.pick("MOST", "Reflecteren").path("type").asText());
            assertEquals("FORBIDDEN", bot.call("removeParticipant", "participantId", p.participantId()).path("code").asText());
            assertEquals("ack", facilitator.call("removeParticipant", "participantId", p.participantId()).path("type").asText());
            bot.awaitClose();
            facilitator.awaitView(v -> v.path("attendance").path("total").asInt() == 0
                    && v.path("results").path("participantsWithPicks").asInt() == 0);
        }
        try (LiveClient again = LiveClient.connect(base, s.code())) {
            again.sendRaw("{\"type\":\"hello\",\"role\":\"participant\",\"secret\":\"" + p.secret() + "\"}");
            assertEquals("WRONG_SECRET", again.await("error").path("code").asText());
        }
    }
}
