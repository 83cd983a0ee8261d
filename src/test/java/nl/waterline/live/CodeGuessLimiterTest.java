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

    @Test
    void theRefusalSaysHowLongIsLeftOfTheMinute() {
        now.set(60_000 * 100 + 45_500);
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("10.0.0.1");
        }
        Refusal refusal = assertThrows(Refusal.class, () -> limiter.check("10.0.0.1"));
        assertEquals(15, refusal.retryAfterSeconds());
    }

    @Test
    void refusedJoinsAreCountedPerAddressOnly() {
        CodeGuessLimiter joins = new CodeGuessLimiter(100, Integer.MAX_VALUE, now::get, "too many refused joins");
        for (int address = 0; address < 50; address++) {
            for (int i = 0; i < 99; i++) {
                joins.recordFailure("10.0.2." + address);
            }
        }
        assertDoesNotThrow(() -> joins.check("10.0.2.7"), "a venue behind one address gets a generous allowance");
        assertDoesNotThrow(() -> joins.check("10.0.3.1"), "no global cap: others are never held back by one address");
        joins.recordFailure("10.0.2.7");
        Refusal refusal = assertThrows(Refusal.class, () -> joins.check("10.0.2.7"));
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refusal.code());
        assertEquals("too many refused joins", refusal.getMessage());
        assertDoesNotThrow(() -> joins.check("10.0.2.8"));
    }
}
