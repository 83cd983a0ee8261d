package nl.waterline.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.live.LiveClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser-facing defences: security headers on every page, same-origin WebSockets, no floods. */
@QuarkusTest
class SecurityHeadersTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        for (String path : new String[]{"/ui/index.html", "/ui/join.html", "/api/templates"}) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
    }

    @Test
    void aPageFromAnotherOriginCannotOpenALiveConnection() throws Exception {
        var session = TestSessions.create();
        String ws = base.toString().replaceFirst("^http", "ws") + "live/" + session.compactCode();
        CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(URI.create(ws), new WebSocket.Listener() { }).join());
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        String own = "http://" + base.getHost() + ":" + base.getPort();
        WebSocket accepted = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", own)
                .buildAsync(URI.create(ws), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        accepted.abort();
    }

    @Test
    void aFloodOfFramesIsRefusedWithoutHurtingTheSession() throws Exception {
        var session = TestSessions.create();
        var p = TestSessions.join(session, "Flood", "gemeente", "uitvoering");
        try (LiveClient flooder = LiveClient.hello(base, session.code(), "participant", p.secret())) {
            for (int i = 0; i < 80; i++) {
                flooder.sendRaw("{\"type\":\"unpick\",\"id\":\"f" + i + "\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}");
            }
            assertEquals("TOO_MANY_MESSAGES", flooder.awaitMatching(f -> "TOO_MANY_MESSAGES".equals(f.path("code").asText()),
                    "a refusal of the flood").path("code").asText());
        }
        try (LiveClient facilitator = LiveClient.hello(base, session.code(), "facilitator", session.facilitatorSecret())) {
            assertEquals("ack", facilitator.call("lockPicking", "locked", "true").path("type").asText(), "the session still answers");
        }
    }
}
