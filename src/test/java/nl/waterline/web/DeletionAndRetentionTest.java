package nl.waterline.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.live.LiveClient;
import nl.waterline.live.Retention;
import nl.waterline.live.SessionRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What people said is not kept forever: the facilitator can delete a session, and old sessions expire. */
@QuarkusTest
class DeletionAndRetentionTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    @Inject
    Retention retention;

    @Test
    void theFacilitatorDeletesASessionWithAllItsData() throws Exception {
        var s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            given().delete("/api/sessions/" + s.code()).then().statusCode(401);
            given().header("Authorization", "Bearer " + p.secret()).delete("/api/sessions/" + s.code()).then().statusCode(401);
            given().header("Authorization", "Bearer " + s.facilitatorSecret()).delete("/api/sessions/" + s.code())
                    .then().statusCode(204);
            facilitator.awaitClose();
        }
        given().get("/api/sessions/" + s.code()).then().statusCode(404);
        assertTrue(registry.rebuildFromStore(s.compactCode()).isEmpty(), "nothing of it is left in the store");
        try (LiveClient again = LiveClient.connect(base, s.code())) {
            again.sendRaw("{\"type\":\"hello\",\"role\":\"participant\",\"secret\":\"" + p.secret() + "\"}");
            assertEquals("UNKNOWN_SESSION", again.await("error").path("code").asText());
        }
    }

    @Test
    void sessionsOlderThanTheRetentionPeriodAreDeleted() {
        var s = TestSessions.create();
        assertEquals(0, retention.deleteExpired(Instant.now().plus(Duration.ofDays(89))), "within 90 days nothing goes");
        given().get("/api/sessions/" + s.code()).then().statusCode(200);
        assertTrue(retention.deleteExpired(Instant.now().plus(Duration.ofDays(91))) >= 1);
        given().get("/api/sessions/" + s.code()).then().statusCode(404);
    }
}
