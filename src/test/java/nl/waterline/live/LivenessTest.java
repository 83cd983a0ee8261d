package nl.waterline.live;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LivenessTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aConnectionThatKeepsAnsweringIsNeverSilent() {
        Liveness liveness = new Liveness(50 * SECOND);
        liveness.heard("phone", 0);
        for (long t = 20; t <= 200; t += 20) {
            liveness.heard("phone", t * SECOND);
            assertEquals(List.of(), liveness.silent(t * SECOND + SECOND));
        }
    }

    @Test
    void aConnectionSilentForLongerThanTheLimitIsReportedOnceAndForgotten() {
        Liveness liveness = new Liveness(50 * SECOND);
        liveness.heard("locked phone", 0);
        liveness.heard("laptop", 0);
        liveness.heard("laptop", 40 * SECOND);
        assertEquals(List.of(), liveness.silent(50 * SECOND), "exactly the limit is still patience");
        assertEquals(List.of("locked phone"), liveness.silent(51 * SECOND));
        assertEquals(List.of(), liveness.silent(60 * SECOND), "reported once");
        assertEquals(1, liveness.watched());
    }

    @Test
    void aClosedConnectionIsNotWatched() {
        Liveness liveness = new Liveness(50 * SECOND);
        liveness.heard("phone", 0);
        liveness.forget("phone");
        assertEquals(List.of(), liveness.silent(100 * SECOND));
    }
}
