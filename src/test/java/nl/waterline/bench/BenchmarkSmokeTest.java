package nl.waterline.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the load benchmark from rotting: small versions of its scenarios against the test app. Asserts
 * correctness only; timing on a shared machine is measured, never asserted.
 */
@QuarkusTest
class BenchmarkSmokeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyPickIsAckedStoredOnceAndShownInTheFacilitatorView() throws Exception {
        Scenario.Result result = Scenario.run(base, Scenario.Settings.of(50, 3, TestSessions.ORGANISER_KEY));
        System.out.println("benchmark smoke: " + result.toMap());

        assertCorrect(result, 50);
    }

    /** L10k-shaped: several sessions at once, each with its own screens, views and CSV. */
    @Test
    void severalSessionsAtOnceKeepTheirPicksApart() throws Exception {
        Scenario.Result result = Scenario.run(base, Scenario.Settings.sessions(3, 10, Duration.ofSeconds(1), 3, TestSessions.ORGANISER_KEY));
        System.out.println("benchmark smoke, 3 sessions: " + result.toMap());

        assertCorrect(result, 30);
        assertTrue(result.viewers() >= 3, "at least one timed viewer per session");
    }

    /** Two participants stop reading after their picks and read again later: they catch up, the others lose nothing. */
    @Test
    void stalledClientsCatchUpAndTheOthersLoseNothing() throws Exception {
        Scenario.Settings settings = Scenario.Settings.of(20, 4, TestSessions.ORGANISER_KEY)
                .withStalled(0.1, List.of(Duration.ofSeconds(2)));
        Scenario.Result result = Scenario.run(base, settings);
        System.out.println("benchmark smoke, stalled clients: " + result.toMap());

        assertCorrect(result, 20);
        assertEquals(2, result.stalled(), "stalled clients");
        assertEquals(2, result.stalledResumed(), "stalled clients that read again");
        assertEquals(0, result.stalledNotCaughtUp(), () -> "stalled clients never caught up " + result.toMap());
        assertEquals(2, result.stalledConverged(), () -> "stalled clients' last view differs from the facilitator's " + result.toMap());
    }

    private static void assertCorrect(Scenario.Result result, int participants) {
        assertEquals(participants, result.joined(), () -> "joined; failures " + result.failures());
        assertTrue(result.failures().isEmpty(), () -> "failures " + result.failures());
        assertEquals(0, result.errorCount(), () -> "errors " + result.toMap().get("errors"));
        assertEquals(0, result.unanswered(), "commands without ack");
        assertEquals(result.commandsSent(), result.commandsAcked(), "every command acked");
        assertEquals(0L, result.toMap().get("unexpectedAnswers"), "answers to commands nobody sent");
        assertTrue(result.picksAcked() >= participants * 4L, "at least the 4 initial picks per participant");
        assertEquals(0, result.lost(), () -> "lost picks " + result.toMap());
        assertEquals(0, result.duplicated(), () -> "duplicated picks " + result.toMap());
        assertTrue(result.viewConverged(), () -> "facilitator view did not converge " + result.toMap());
        assertEquals(0, result.unexpectedCloses(), () -> "connections closed " + result.failures());
        assertEquals(result.viewers(), result.viewersConverged(), () -> "participants' last views differ from the facilitator's " + result.toMap());
        assertTrue(result.participantViewSamples() > 0, "pick → visible to other participants was measured");
    }
}
