package nl.waterline.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-connection backpressure: deterministic, with a socket the test writes by hand and a fake clock. */
class OutboxTest {

    /** A socket whose writes complete only when the test says the client read them. */
    private final List<String> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final ArrayDeque<Runnable> eventLoop = new ArrayDeque<>();
    private int closes;
    private long now;
    private final List<Long> sendWaits = new ArrayList<>();

    private Outbox outbox(boolean ownLoop) {
        return new Outbox(frame -> {
            CompletableFuture<Void> write = new CompletableFuture<>();
            sent.add(frame);
            writes.add(write);
            return (CompletionStage<?>) write;
        }, () -> closes++, ownLoop ? eventLoop::add : Runnable::run, () -> now, sendWaits::add);
    }

    private void clientReads() {
        writes.get(writes.size() - 1).complete(null);
    }

    @Test
    void framesThatMustArriveAreSentInOrderOneAtATime() {
        Outbox outbox = outbox(false);
        outbox.send("welcome");
        outbox.send("ack-1");
        outbox.send("ack-2");
        assertEquals(List.of("welcome"), sent, "one frame in flight");
        clientReads();
        clientReads();
        clientReads();
        assertEquals(List.of("welcome", "ack-1", "ack-2"), sent);
    }

    @Test
    void aSlowReaderGetsOnlyTheNewestViewOfEachKindAndNothingStale() {
        Outbox outbox = outbox(false);
        outbox.sendView("room v1");
        outbox.sendView("room v2");
        outbox.sendView("subgroup", "subgroup v2");
        outbox.sendView("room v3");
        outbox.sendView("subgroup", "subgroup v3");
        clientReads();
        clientReads();
        clientReads();
        assertEquals(List.of("room v1", "room v3", "subgroup v3"), sent, "v2 of each kind was stale before it could be sent");
    }

    @Test
    void acknowledgementsGoBeforeWaitingViews() {
        Outbox outbox = outbox(false);
        outbox.sendView("room v1");
        outbox.sendView("room v2");
        outbox.send("ack-1");
        clientReads();
        clientReads();
        assertEquals(List.of("room v1", "ack-1", "room v2"), sent);
    }

    @Test
    void aClientThatStopsReadingIsClosedWhenItsQueueOverflowsAndItsMemoryIsFreed() {
        Outbox outbox = outbox(false);
        for (int i = 0; i < Outbox.MAX_QUEUED + 1; i++) {
            outbox.send("ack-" + i);
            outbox.sendView("room v" + i);
        }
        assertEquals(0, closes, "the first frame is in flight, " + Outbox.MAX_QUEUED + " wait");
        assertEquals(Outbox.MAX_QUEUED + 1, outbox.waiting(), "views never pile up: one per kind");
        outbox.send("one too many");
        assertEquals(1, closes);
        assertTrue(outbox.isClosed());
        assertEquals(0, outbox.waiting());
        outbox.send("after close");
        outbox.close();
        assertEquals(1, closes, "closed once");
    }

    @Test
    void aWriteThatHangsLongerThanTheStallTimeoutClosesTheConnectionAtTheNextFrame() {
        Outbox outbox = outbox(false);
        outbox.sendView("room v1");
        now += Outbox.STALL_TIMEOUT_NANOS;
        outbox.sendView("room v2");
        assertEquals(0, closes, "exactly the timeout is still patience");
        now += TimeUnit.MILLISECONDS.toNanos(1);
        outbox.sendView("room v3");
        assertEquals(1, closes);
    }

    @Test
    void aClientThatReadsAgainCatchesUpWithTheNewestView() {
        Outbox outbox = outbox(false);
        outbox.sendView("room v1");
        for (int v = 2; v <= 50; v++) {
            outbox.sendView("room v" + v);
        }
        clientReads();
        assertEquals(List.of("room v1", "room v50"), sent);
        clientReads();
        assertEquals(2, sent.size(), "nothing more to send");
        outbox.sendView("room v51");
        assertEquals("room v51", sent.get(2), "a reader that is idle gets the next view at once");
    }

    @Test
    void aFailedWriteClosesTheConnection() {
        Outbox outbox = outbox(false);
        outbox.send("welcome");
        writes.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        assertEquals(1, closes);
        assertTrue(outbox.isClosed());
    }

    @Test
    void sendingHappensOnTheConnectionsLoopNotOnTheCallersThread() {
        Outbox outbox = outbox(true);
        outbox.send("ack-1");
        outbox.sendView("room v1");
        outbox.sendView("room v2");
        assertTrue(sent.isEmpty(), "the session's writer only queued");
        assertEquals(1, eventLoop.size(), "one pump scheduled, not one per frame");
        eventLoop.poll().run();
        assertEquals(List.of("ack-1"), sent);
        clientReads();
        assertEquals(List.of("ack-1", "room v2"), sent);
        assertFalse(outbox.isClosed());
    }

    @Test
    void howLongEachHandOverWaitedForTheEventLoopIsReported() {
        Outbox outbox = outbox(true);
        outbox.send("ack-1");
        now += 7_000_000;
        outbox.sendView("room v1");
        now += 30_000_000;
        eventLoop.poll().run();
        assertEquals(List.of(37_000_000L), sendWaits, "from the first frame's hand-over until the loop ran it");
        clientReads();
        assertEquals(List.of("ack-1", "room v1"), sent);
        assertEquals(List.of(37_000_000L), sendWaits, "the next frame is sent from the loop itself: no hand-over, no wait");
        clientReads();
        outbox.send("ack-2");
        now += 2_000_000;
        eventLoop.poll().run();
        assertEquals(List.of(37_000_000L, 2_000_000L), sendWaits);
        assertEquals(List.of("ack-1", "room v1", "ack-2"), sent);
    }
}
