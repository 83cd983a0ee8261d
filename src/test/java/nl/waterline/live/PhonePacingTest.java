package nl.waterline.live;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The phones' pace under load: a fake clock and recorded waits, no sleeping. */
class PhonePacingTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now = 1_000 * SECOND;
    private final PhonePacing pacing = new PhonePacing(500, 5000, 1000, TimeUnit.MILLISECONDS, now);

    /** One period in which every frame waited {@code waitMs} for its event loop; returns the interval in ms after it. */
    private long periodWithWaits(long waitMs) {
        for (int i = 0; i < 100; i++) {
            pacing.recordSendWait(waitMs * MS);
        }
        now += SECOND;
        return pacing.intervalNanos(now) / MS;
    }

    @Test
    void framesThatGoOutPromptlyKeepThePhonesAtTheirNormalPace() {
        assertEquals(500, pacing.intervalNanos(now) / MS);
        assertEquals(500, periodWithWaits(0));
        assertEquals(500, periodWithWaits(4));
        now += 10 * SECOND;
        assertEquals(500, pacing.intervalNanos(now) / MS, "a quiet node (nothing sent) stays at the normal pace");
    }

    @Test
    void whileFramesWaitForTheirLoopThePaceHalvesUpToTheSlowest() {
        assertEquals(1000, periodWithWaits(25));
        assertEquals(2000, periodWithWaits(300));
        assertEquals(4000, periodWithWaits(300));
        assertEquals(5000, periodWithWaits(300), "never slower than the configured slowest pace");
        assertEquals(5000, periodWithWaits(300));
    }

    @Test
    void onceFramesGoOutPromptlyAgainThePaceComesBackGraduallyAndNoFurther() {
        periodWithWaits(300);
        periodWithWaits(300);
        periodWithWaits(300);
        assertEquals(4000, pacing.intervalNanos(now) / MS);
        assertEquals(4000, periodWithWaits(10), "between caught up and behind: held");
        assertEquals(3000, periodWithWaits(1));
        assertEquals(2250, periodWithWaits(1));
        long last = 0;
        for (int i = 0; i < 20; i++) {
            last = periodWithWaits(0);
        }
        assertEquals(500, last, "back at the normal pace, not below it");
    }

    @Test
    void afterFallingBehindThePaceComesBackQuicklyToHalfAgainWhereThatHappenedAndThenOnlySlowly() {
        assertEquals(1000, periodWithWaits(300));
        assertEquals(2000, periodWithWaits(300));
        assertEquals(2000, periodWithWaits(10), "caught up partly: held");
        assertEquals(4000, periodWithWaits(300), "behind at 2 s");
        assertEquals(5000, periodWithWaits(300), "still behind: the rounds sent at 2 s are still going out");
        assertEquals(3750, periodWithWaits(0));
        assertEquals(3000, periodWithWaits(0), "half again the 2 s at which it fell behind, not 2,812");
        assertEquals(2850, periodWithWaits(0), "then a twentieth at a time");
        assertEquals(2707, periodWithWaits(0));
        long last = 0;
        for (int i = 0; i < 60; i++) {
            last = periodWithWaits(0);
        }
        assertEquals(500, last, "without load it still gets back to the normal pace");
    }

    @Test
    void thePaceIsDecidedOncePerPeriodFromTheWholePeriodsWaits() {
        pacing.recordSendWait(300 * MS);
        now += SECOND / 2;
        assertEquals(500, pacing.intervalNanos(now) / MS, "half a period: not decided yet");
        for (int i = 0; i < 99; i++) {
            pacing.recordSendWait(0);
        }
        now += SECOND / 2;
        assertEquals(500, pacing.intervalNanos(now) / MS, "one long wait among a hundred prompt ones (3 ms mean) is not being behind");
    }

    @Test
    void aFixedPaceNeverMovesAndNonsenseIsRefused() {
        PhonePacing fixed = PhonePacing.fixed(500, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 10; i++) {
            fixed.recordSendWait(SECOND);
        }
        assertEquals(500, fixed.intervalNanos(TimeUnit.DAYS.toNanos(3)) / MS);
        assertThrows(IllegalArgumentException.class, () -> new PhonePacing(500, 100, 1000, TimeUnit.MILLISECONDS, 0));
        assertThrows(IllegalArgumentException.class, () -> new PhonePacing(0, 100, 1000, TimeUnit.MILLISECONDS, 0));
    }
}
