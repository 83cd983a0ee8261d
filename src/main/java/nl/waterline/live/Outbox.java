package nl.waterline.live;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * What one connection still has to receive. A slow phone must not hold up the session or grow memory
 * without bound: frames that must arrive (welcome, acks, errors, personal state) queue up to a limit,
 * while views keep only the newest one per kind, because an older view is worthless once a newer exists.
 * One frame is in flight at a time. A connection whose queue overflows, or whose frame in flight has not
 * been written for {@link #STALL_TIMEOUT_NANOS}, is closed; the client resyncs from a snapshot when it
 * reconnects.
 *
 * <p>The session's writer only queues here; the sending itself (turning the text into bytes, handing it
 * to the socket) runs on {@code sendOn}, the connection's own event loop, so a fan-out to a thousand
 * screens does not hold up the session.
 */
public final class Outbox {

    static final int MAX_QUEUED = 256;
    static final long STALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Function<String, CompletionStage<?>> sender;
    private final Runnable closer;
    private final Executor sendOn;
    private final LongSupplier clock;
    private final LongConsumer sendWaits;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** Newest view per kind (room, subgroup, harvest…): a newer one replaces an unsent older one of its kind. */
    private final LinkedHashMap<String, String> latestViews = new LinkedHashMap<>();
    private boolean inFlight;
    private long inFlightSince;
    private boolean pumpScheduled;
    private long pumpScheduledAt;
    private boolean closed;

    /** An outbox that sends on the caller's thread (tests, and callers already on the right thread). */
    public Outbox(Function<String, CompletionStage<?>> sender, Runnable closer) {
        this(sender, closer, Runnable::run, System::nanoTime, waited -> { });
    }

    /**
     * @param sender sends one text frame and completes when it is written
     * @param closer closes the connection (called at most once)
     * @param sendOn where sending runs: the connection's event loop
     * @param clock     nanoseconds, for the stall timeout
     * @param sendWaits told how long each hand-over to {@code sendOn} waited before it ran, in nanoseconds: how far
     *                  behind the event loop is ({@link PhonePacing})
     */
    public Outbox(Function<String, CompletionStage<?>> sender, Runnable closer, Executor sendOn, LongSupplier clock,
                  LongConsumer sendWaits) {
        this.sender = sender;
        this.closer = closer;
        this.sendOn = sendOn;
        this.clock = clock;
        this.sendWaits = sendWaits;
    }

    public void send(String frame) {
        boolean refused;
        synchronized (this) {
            if (closed) {
                return;
            }
            refused = queue.size() >= MAX_QUEUED || stalled();
            if (!refused) {
                queue.add(frame);
            }
        }
        if (refused) {
            close();
        } else {
            schedulePump();
        }
    }

    public void sendView(String frame) {
        sendView("view", frame);
    }

    public void sendView(String kind, String frame) {
        boolean stalled;
        synchronized (this) {
            if (closed) {
                return;
            }
            stalled = stalled();
            latestViews.remove(kind);
            latestViews.put(kind, frame);
        }
        if (stalled) {
            close();
        } else {
            schedulePump();
        }
    }

    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            latestViews.clear();
        }
        closer.run();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Frames waiting, views included; for tests and diagnostics. */
    synchronized int waiting() {
        return queue.size() + latestViews.size();
    }

    private boolean stalled() {
        return inFlight && clock.getAsLong() - inFlightSince > STALL_TIMEOUT_NANOS;
    }

    private void schedulePump() {
        synchronized (this) {
            if (pumpScheduled || inFlight || closed) {
                return;
            }
            pumpScheduled = true;
            pumpScheduledAt = clock.getAsLong();
        }
        sendOn.execute(this::handedOver);
    }

    private void handedOver() {
        long waited;
        synchronized (this) {
            waited = clock.getAsLong() - pumpScheduledAt;
        }
        sendWaits.accept(waited);
        pump();
    }

    private void pump() {
        String next;
        synchronized (this) {
            pumpScheduled = false;
            if (inFlight || closed) {
                return;
            }
            next = queue.poll();
            if (next == null && !latestViews.isEmpty()) {
                String kind = latestViews.keySet().iterator().next();
                next = latestViews.remove(kind);
            }
            if (next == null) {
                return;
            }
            inFlight = true;
            inFlightSince = clock.getAsLong();
        }
        CompletionStage<?> sent;
        try {
            sent = sender.apply(next);
        } catch (RuntimeException e) {
            close();
            return;
        }
        sent.whenComplete((ok, failure) -> {
            synchronized (this) {
                inFlight = false;
            }
            if (failure != null) {
                close();
            } else {
                pump();
            }
        });
    }
}
