package nl.waterline.live;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What one connection still has to receive. A slow phone must not hold up the session or grow memory
 * without bound: frames that must arrive (welcome, acks, errors, personal state) queue up to a limit,
 * while views keep only the newest one, because an older view is worthless once a newer exists. One
 * frame is in flight at a time; when the queue overflows the connection is closed and the client
 * resyncs from a snapshot when it reconnects.
 */
public final class Outbox {

    static final int MAX_QUEUED = 256;

    private final Function<String, CompletionStage<?>> sender;
    private final Runnable closer;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** Newest view per kind (room, subgroup, harvest…): a newer one replaces an unsent older one of its kind. */
    private final java.util.LinkedHashMap<String, String> latestViews = new java.util.LinkedHashMap<>();
    private boolean inFlight;
    private boolean closed;

    /**
     * @param sender sends one text frame and completes when it is written
     * @param closer closes the connection (called at most once)
     */
    public Outbox(Function<String, CompletionStage<?>> sender, Runnable closer) {
        this.sender = sender;
        this.closer = closer;
    }

    public void send(String frame) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = queue.size() >= MAX_QUEUED;
            if (!overflow) {
                queue.add(frame);
            }
        }
        if (overflow) {
            close();
        } else {
            pump();
        }
    }

    public void sendView(String frame) {
        sendView("view", frame);
    }

    public void sendView(String kind, String frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            latestViews.remove(kind);
            latestViews.put(kind, frame);
        }
        pump();
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

    private void pump() {
        String next;
        synchronized (this) {
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
