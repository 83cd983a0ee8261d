package nl.waterline.live;

import java.util.function.LongSupplier;

/**
 * A token bucket per connection: people tap a few times a second at most, so a connection sending far
 * more is a script, and its frames are refused before they reach the session.
 */
final class MessageRate {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    MessageRate(double perSecond, double burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
