package nl.waterline.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.waterline.live.LiveClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refused joins of a known code count against the client's address; past the limit the address waits
 * (429 with Retry-After). Run with a limit of 3 so the test stays short; production allows 100 a minute.
 */
@QuarkusTest
@TestProfile(FailedJoinLimitTest.LowLimit.class)
class FailedJoinLimitTest {

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("waterline.join.failed-joins-per-address-per-minute", "3");
        }
    }

    @TestHTTPResource("/")
    URI base;

    private static ValidatableResponse join(TestSessions.NewSession s, String group, String role) {
        return given().contentType(ContentType.JSON).body(Map.of("group", group, "role", role))
                .post("/api/sessions/" + s.code() + "/participants").then();
    }

    @Test
    void refusedJoinsOfAKnownCodeAreLimitedPerAddress() throws Exception {
        var s = TestSessions.create();
        // Joins that succeed, and wrong codes (counted by their own limiter), do not count.
        for (int i = 0; i < 5; i++) {
            join(s, "gemeente", "uitvoering").statusCode(201);
        }
        given().contentType(ContentType.JSON).body(Map.of("group", "gemeente", "role", "uitvoering"))
                .post("/api/sessions/ZZZZZZZZ/participants").then().statusCode(404);

        // Attempts are counted per clock minute: start the refusals well inside one.
        while (System.currentTimeMillis() % 60_000 > 45_000) {
            Thread.sleep(250);
        }
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            join(s, "no-such-group", "uitvoering").statusCode(400).body("code", equalTo("UNKNOWN_GROUP"));
            assertEquals("ack", facilitator.call("lockJoining", "locked", "true").path("type").asText());
            join(s, "gemeente", "uitvoering").statusCode(409).body("code", equalTo("JOINING_LOCKED"));
            assertEquals("ack", facilitator.call("lockJoining", "locked", "false").path("type").asText());
            facilitator.sendRaw("{\"type\":\"setCapacity\",\"id\":\"cap\",\"capacity\":5}");
            facilitator.awaitMatching(f -> "cap".equals(f.path("id").asText()), "capacity set");
            join(s, "gemeente", "uitvoering").statusCode(409).body("code", equalTo("SESSION_FULL"));

            // Three refusals this minute: now even a join that would succeed waits, and is told how long.
            facilitator.sendRaw("{\"type\":\"setCapacity\",\"id\":\"cap2\",\"capacity\":null}");
            facilitator.awaitMatching(f -> "cap2".equals(f.path("id").asText()), "capacity lifted");
            String retryAfter = join(s, "gemeente", "uitvoering").statusCode(429)
                    .contentType("application/problem+json").body("code", equalTo("TOO_MANY_ATTEMPTS"))
                    .extract().header("Retry-After");
            int seconds = Integer.parseInt(retryAfter);
            assertTrue(seconds >= 1 && seconds <= 60, "Retry-After: " + retryAfter);
            facilitator.awaitView(v -> v.path("attendance").path("total").asInt() == 5);
        }
        // Only joining is held back: the session's public information still answers.
        given().get("/api/sessions/" + s.code()).then().statusCode(200);
    }
}
