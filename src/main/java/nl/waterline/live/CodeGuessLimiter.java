package nl.waterline.live;

import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits how often anyone may try a join code that does not exist. A code has 40 random bits; with at
 * most {@code globalPerMinute} wrong guesses a minute from everyone together, finding one of a hundred
 * live sessions by guessing takes on the order of ten thousand days. The per-address limit is generous
 * because a whole venue may share one address, and people mistype. Past the global limit only
 * addresses that guessed wrong this minute are refused, so a distributed guesser cannot lock out a room.
 */
public final class CodeGuessLimiter {

    private final int perAddressPerMinute;
    private final int globalPerMinute;
    private final LongSupplier clock;
    private final String refusal;
    private final Map<String, long[]> perAddress = new ConcurrentHashMap<>();
    private final long[] global = new long[2];

    public CodeGuessLimiter(int perAddressPerMinute, int globalPerMinute, LongSupplier clockMillis) {
        this(perAddressPerMinute, globalPerMinute, clockMillis, "too many wrong codes; wait a minute and check the code");
    }

    /** The same limits for another kind of failure (refused joins of a known code), with its own explanation. */
    public CodeGuessLimiter(int perAddressPerMinute, int globalPerMinute, LongSupplier clockMillis, String refusal) {
        this.perAddressPerMinute = perAddressPerMinute;
        this.globalPerMinute = globalPerMinute;
        this.clock = clockMillis;
        this.refusal = refusal;
    }

    /**
     * Refuses with TOO_MANY_ATTEMPTS while this address, or everyone together, used up the minute's wrong
     * guesses; the refusal says how many seconds are left of the minute.
     */
    public void check(String address) {
        long now = clock.getAsLong();
        long minute = now / 60_000;
        long[] mine = perAddress.get(address);
        long mineThisMinute = mine == null ? 0 : countIn(mine, minute);
        boolean addressFull = mineThisMinute >= perAddressPerMinute;
        // Once everyone together guessed too much, only addresses that guessed wrong this minute are held
        // back: an attacker on many addresses is stopped without locking every honest phone out.
        boolean globalFull = mineThisMinute > 0 && countIn(global, minute) >= globalPerMinute;
        if (addressFull || globalFull) {
            int secondsLeft = (int) Math.max(1, (60_000 - now % 60_000 + 999) / 1000);
            throw new Refusal(ErrorCode.TOO_MANY_ATTEMPTS, refusal, secondsLeft);
        }
    }

    public void recordFailure(String address) {
        long minute = clock.getAsLong() / 60_000;
        if (perAddress.size() > 100_000) {
            perAddress.entrySet().removeIf(e -> e.getValue()[0] < minute);
        }
        long[] mine = perAddress.computeIfAbsent(address, a -> new long[2]);
        synchronized (mine) {
            bump(mine, minute);
        }
        synchronized (global) {
            bump(global, minute);
        }
    }

    private static long countIn(long[] window, long minute) {
        synchronized (window) {
            return window[0] == minute ? window[1] : 0;
        }
    }

    private static void bump(long[] window, long minute) {
        if (window[0] != minute) {
            window[0] = minute;
            window[1] = 0;
        }
        window[1]++;
    }
}
