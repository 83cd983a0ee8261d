package nl.waterline.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import nl.waterline.live.LiveClient;
import nl.waterline.live.SessionRegistry;
import nl.waterline.session.Session;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A join retried after its answer got lost is the same join: the phone's own secret says who it is. */
@QuarkusTest
class JoinIdempotencyTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private static final String SECRET = "Zm9uZS1jaG9zZW4tc2VjcmV0LTEyOA";

    private static Response join(TestSessions.NewSession s, String secret, String name, String group, String role) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "group", group, "role", role));
        if (secret != null) {
            body.put("secret", secret);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/sessions/" + s.code() + "/participants");
    }

    private String describe(TestSessions.NewSession s) throws Exception {
        return registry.owner(s.code()).read(Session::describe).get(5, TimeUnit.SECONDS);
    }

    private int participants(TestSessions.NewSession s) throws Exception {
        return registry.owner(s.code()).read(session -> session.participants().size()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRetriedJoinWithTheSameSecretAnswersTheSameParticipantAndChangesNothing() throws Exception {
        var s = TestSessions.create();
        String id = join(s, SECRET, "Anne", "gemeente", "uitvoering").then().statusCode(201)
                .body("secret", equalTo(SECRET)).extract().path("participantId");
        String before = describe(s);
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            facilitator.awaitView(v -> v.path("attendance").path("total").asInt() == 1);
            long version = facilitator.call("lockPicking", "locked", "false").path("version").asLong();

            join(s, SECRET, "Anne", "gemeente", "uitvoering").then().statusCode(200)
                    .body("participantId", equalTo(id)).body("secret", equalTo(SECRET));
            // A retry carrying different answers still gets the first join's participant: nothing changes.
            join(s, SECRET, "Someone else", "uwv", "management").then().statusCode(200).body("participantId", equalTo(id));
            assertEquals(before, describe(s), "no second participant, no event");
            assertEquals(version, facilitator.call("lockPicking", "locked", "false").path("version").asLong(),
                    "the session's version did not move");

            // Joining closed since the lost answer: the retry still gets in as who it was.
            assertEquals("ack", facilitator.call("lockJoining", "locked", "true").path("type").asText());
            join(s, SECRET, "Anne", "gemeente", "uitvoering").then().statusCode(200).body("participantId", equalTo(id));
            join(s, "QW5vdGhlci1waG9uZS1zZWNyZXQtMTI4", "Bert", "uwv", "management").then().statusCode(409)
                    .body("code", equalTo("JOINING_LOCKED"));
        }
        assertEquals(1, participants(s));
        try (LiveClient phone = LiveClient.hello(base, s.code(), "participant", SECRET)) {
            assertEquals(id, phone.await("you").path("participant").path("id").asText(), "the secret opens the same participant");
        }
    }

    @Test
    void twoCopiesOfTheSameJoinArrivingTogetherMakeOneParticipant() throws Exception {
        var s = TestSessions.create();
        var first = CompletableFuture.supplyAsync(() -> join(s, SECRET, "Anne", "gemeente", "uitvoering"));
        var second = CompletableFuture.supplyAsync(() -> join(s, SECRET, "Anne", "gemeente", "uitvoering"));
        Response a = first.get(20, TimeUnit.SECONDS);
        Response b = second.get(20, TimeUnit.SECONDS);
        assertEquals(List.of(200, 201), List.of(a.statusCode(), b.statusCode()).stream().sorted().toList());
        assertEquals(a.jsonPath().getString("participantId"), b.jsonPath().getString("participantId"));
        assertEquals(1, participants(s));
    }

    @Test
    void withoutASecretTheServerChoosesOneAndEveryJoinIsANewParticipant() throws Exception {
        var s = TestSessions.create();
        String one = join(s, null, "Anne", "gemeente", "uitvoering").then().statusCode(201)
                .body("secret", matchesPattern("[A-Za-z0-9_-]{22}")).extract().path("participantId");
        String two = join(s, null, "Anne", "gemeente", "uitvoering").then().statusCode(201).extract().path("participantId");
        assertEquals(2, participants(s));
        assertEquals(false, one.equals(two));
    }

    @Test
    void aSecretThatIsNotBase64UrlOfTheRightLengthIsRefused() throws Exception {
        var s = TestSessions.create();
        for (String bad : List.of("short", "A".repeat(65), "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAA AAAAAAAAAAA", "")) {
            join(s, bad, "Anne", "gemeente", "uitvoering").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("INVALID_VALUE"));
        }
        assertEquals(0, participants(s));
    }

    @Test
    void theSecretOfARemovedParticipantCannotJoinAgain() throws Exception {
        var s = TestSessions.create();
        String id = join(s, SECRET, "Bot", "gemeente", "uitvoering").then().statusCode(201).extract().path("participantId");
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            assertEquals("ack", facilitator.call("removeParticipant", "participantId", id).path("type").asText());
        }
        join(s, SECRET, "Bot", "gemeente", "uitvoering").then().statusCode(401).body("code", equalTo("WRONG_SECRET"));
        assertEquals(0, participants(s));
    }
}
