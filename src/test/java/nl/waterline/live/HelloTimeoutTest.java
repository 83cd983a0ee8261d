package nl.waterline.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.web.TestSessions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A live connection that never proves who it is does not stay: after the hello timeout it is closed (1008). */
@QuarkusTest
class HelloTimeoutTest {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "waterline.live.hello-timeout")
    Duration helloTimeout;

    @Test
    void aConnectionThatSaysNothingIsClosed() throws Exception {
        var s = TestSessions.create();
        try (LiveClient silent = LiveClient.connect(base, s.code())) {
            assertEquals("HELLO_REQUIRED", silent.await("error").path("code").asText());
            assertEquals(1008, silent.awaitClose());
        }
    }

    @Test
    void aConnectionThatTalksButNeverSaysAValidHelloIsClosedToo() throws Exception {
        var s = TestSessions.create();
        try (LiveClient chatty = LiveClient.connect(base, s.code())) {
            assertEquals("HELLO_REQUIRED", chatty.pick("MOST", "Reflecteren").path("code").asText());
            chatty.sendRaw("{\"type\":\"hello\",\"role\":\"participant\"}");
            assertEquals("MISSING_FIELD", chatty.await("error").path("code").asText());
            assertEquals(1008, chatty.awaitClose());
        }
    }

    @Test
    void aConnectionThatSaidHelloStaysOpenPastTheTimeout() throws Exception {
        var s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient phone = LiveClient.hello(base, s.code(), "participant", p.secret())) {
            Thread.sleep(helloTimeout.plusMillis(1000).toMillis());
            assertEquals("ack", phone.pick("MOST", "Reflecteren").path("type").asText());
            assertFalse(phone.closed.isDone(), "still open");
        }
    }
}
