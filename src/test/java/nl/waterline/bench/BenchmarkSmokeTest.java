package nl.waterline.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the load benchmark from rotting: the L1k scenario with 50 participants for a few seconds
 * against the test app. Asserts correctness only; timing on a shared machine is measured, never asserted.
 */
@QuarkusTest
class BenchmarkSmokeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyPickIsAckedStoredOnceAndShownInTheFacilitatorView() throws Exception {
        Scenario.Result result = Scenario.run(base, Scenario.Settings.of(50, 3, TestSessions.ORGANISER_KEY));
        System.out.println("benchmark smoke: " + result.toMap());

        assertEquals(50, result.joined(), () -> "joined; failures " + result.failures());
        assertTrue(result.failures().isEmpty(), () -> "failures " + result.failures());
        assertEquals(0, result.errorCount(), () -> "errors " + result.toMap().get("errors"));
        assertEquals(0, result.unanswered(), "commands without ack");
        assertEquals(result.commandsSent(), result.commandsAcked(), "every command acked");
        assertEquals(0L, result.toMap().get("unexpectedAnswers"), "answers to commands nobody sent");
        assertTrue(result.picksAcked() >= 50 * 4, "at least the 4 initial picks per participant");
        assertEquals(0, result.lost(), () -> "lost picks " + result.toMap());
        assertEquals(0, result.duplicated(), () -> "duplicated picks " + result.toMap());
        assertTrue(result.viewConverged(), () -> "facilitator view did not converge " + result.toMap());
    }
}
