package nl.waterline.live;

import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodeGuessLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CodeGuessLimiter limiter = new CodeGuessLimiter(3, 5, now::get);

    @Test
    void anAddressThatGuessesTooOftenWaitsAMinuteOthersDoNot() {
        for (int i = 0; i < 3; i++) {
            limiter.check("10.0.0.1");
            limiter.recordFailure("10.0.0.1");
        }
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, assertThrows(Refusal.class, () -> limiter.check("10.0.0.1")).code());
        assertDoesNotThrow(() -> limiter.check("10.0.0.2"));
        now.addAndGet(60_000);
        assertDoesNotThrow(() -> limiter.check("10.0.0.1"));
    }

    @Test
    void guessesFromManyAddressesTogetherAreCappedToo() {
        for (int i = 0; i < 5; i++) {
            limiter.recordFailure("10.0.1." + i);
        }
        assertThrows(Refusal.class, () -> limiter.check("10.0.1.1"));
        assertDoesNotThrow(() -> limiter.check("10.0.9.9"), "a phone that never guessed wrong still gets in");
    }
}
