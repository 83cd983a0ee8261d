package nl.waterline.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often the phones get the room view (head count, live results): normally every {@code minInterval},
 * stretched up to {@code maxInterval} while this node is behind on sending.
 *
 * <p>Why: the room view to every phone is by far the largest part of what the server sends (10,000 phones at
 * two views a second are 20,000 frames a second, each a socket write), and on a saturated machine those writes
 * crowd out what matters more: the answer to what a phone just sent, and the facilitator's and projector's
 * views. Measured at 10,000 phones on 2 cores (docs/benchmarks.md, sixth round): with the phones' view every
 * 5 s instead of 0.5 s the facilitator's view p99 went from 2.5 s to 0.45 s (one change per phone per 8 s).
 * So under load the counts on the phones lag, while acks, personal state, the screens' views and any change
 * of step stay prompt.
 *
 * <p>The signal is how long frames wait for their event loop ({@link #recordSendWait}, from every
 * {@link Outbox}): it rises when the node is behind, whatever the cause, and falls as soon as it catches up.
 * Once per {@code adjustEvery} the mean wait of that period decides: above {@link #BEHIND_NANOS} the interval
 * doubles, below {@link #CAUGHT_UP_NANOS} it shrinks, in between it stays. It shrinks by a quarter down to half
 * again the interval at which the node last fell behind, and from there by a twentieth: measured at 10,000
 * phones (docs/benchmarks.md, ninth round), shrinking by a quarter all the way took the pace from 5 s down past
 * the point where it had just been too fast, every 14–21 s, and each time the event loops fell a few hundred
 * milliseconds behind: the facilitator's view p99 in those moments was 2–5× that of the seconds between. One
 * instance per node: the event loops are shared by all its sessions.
 */
public final class PhonePacing {

    static final long BEHIND_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long CAUGHT_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long minNanos;
    private final long maxNanos;
    private final long adjustEveryNanos;
    private final LongAdder waitedNanos = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private volatile long intervalNanos;
    private volatile long periodStart;
    /** The interval at which the node last fell behind (0: not yet); the first period of a run of them counts. */
    private long behindAtNanos;
    private boolean behindLastPeriod;

    /**
     * @param minInterval the pace when frames go out promptly (configuration: waterline.live.phone-view-interval-ms)
     * @param maxInterval the slowest pace (waterline.live.phone-view-max-interval-ms); equal to the minimum: fixed
     * @param adjustEvery how often the pace is reconsidered
     * @param now         the clock's current reading, in nanoseconds
     */
    public PhonePacing(long minInterval, long maxInterval, long adjustEvery, TimeUnit unit, long now) {
        if (minInterval <= 0 || maxInterval < minInterval || adjustEvery <= 0) {
            throw new IllegalArgumentException("need 0 < min interval <= max interval and a positive adjustment period");
        }
        this.minNanos = unit.toNanos(minInterval);
        this.maxNanos = unit.toNanos(maxInterval);
        this.adjustEveryNanos = unit.toNanos(adjustEvery);
        this.intervalNanos = minNanos;
        this.periodStart = now;
    }

    /** A pace that never changes (tests, and nodes configured without stretching). */
    public static PhonePacing fixed(long interval, TimeUnit unit) {
        long nanos = unit.toNanos(interval);
        return new PhonePacing(nanos, nanos, Long.MAX_VALUE, TimeUnit.NANOSECONDS, 0);
    }

    /** How long one frame waited between being handed to its event loop and being sent from there. */
    public void recordSendWait(long nanos) {
        waitedNanos.add(Math.max(0, nanos));
        waits.increment();
    }

    /** The phones' room view interval at {@code now} (nanoseconds, same clock as the constructor's). */
    public long intervalNanos(long now) {
        if (now - periodStart >= adjustEveryNanos) {
            adjust(now);
        }
        return intervalNanos;
    }

    private synchronized void adjust(long now) {
        if (now - periodStart < adjustEveryNanos) {
            return; // another session's writer adjusted it meanwhile
        }
        long count = waits.sumThenReset();
        long total = waitedNanos.sumThenReset();
        long meanWait = count == 0 ? 0 : total / count;
        boolean behind = meanWait > BEHIND_NANOS;
        if (behind) {
            if (!behindLastPeriod) {
                // Later periods of the same run still feel the rounds sent at this pace, whatever it has become since.
                behindAtNanos = intervalNanos;
            }
            intervalNanos = Math.min(maxNanos, intervalNanos * 2);
        } else if (meanWait < CAUGHT_UP_NANOS) {
            long probeBelow = behindAtNanos + behindAtNanos / 2;
            long next = intervalNanos > probeBelow
                    ? Math.max(probeBelow, intervalNanos - intervalNanos / 4)
                    : intervalNanos - intervalNanos / 20;
            intervalNanos = Math.max(minNanos, next);
        }
        behindLastPeriod = behind;
        periodStart = now;
    }
}
