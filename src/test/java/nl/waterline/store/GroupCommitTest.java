package nl.waterline.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupCommitTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final CountDownLatch firstCommitMayFinish = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** A database whose first commit takes until the test lets it finish, and which refuses "bad" appends. */
    private GroupCommit<String> database() {
        Consumer<List<String>> write = appends -> {
            if (first.getAndSet(false)) {
                firstCommitStarted.countDown();
                await(firstCommitMayFinish);
            }
            if (appends.contains("bad")) {
                throw new IllegalStateException("constraint violated by 'bad'");
            }
            transactions.add(appends);
        };
        return new GroupCommit<>(write);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the first commit");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQueued(GroupCommit<?> commits, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (commits.waiting() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never queued: " + count);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void appendsArrivingDuringACommitShareTheNextOne() throws Exception {
        GroupCommit<String> commits = database();
        Future<?> leader = writers.submit(() -> commits.commit("session A, batch 1"));
        awaitFirstCommitUnderWay();
        Future<?> b = writers.submit(() -> commits.commit("session B"));
        Future<?> c = writers.submit(() -> commits.commit("session C"));
        Future<?> d = writers.submit(() -> commits.commit("session D"));
        awaitQueued(commits, 3);
        firstCommitMayFinish.countDown();
        leader.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        c.get(10, TimeUnit.SECONDS);
        d.get(10, TimeUnit.SECONDS);
        assertEquals(2, transactions.size(), "one commit, then one for the three that waited: " + transactions);
        assertEquals(List.of("session A, batch 1"), transactions.get(0));
        assertEquals(Set.of("session B", "session C", "session D"), Set.copyOf(transactions.get(1)));
    }

    @Test
    void aBadAppendFailsItsOwnSessionOnly() throws Exception {
        GroupCommit<String> commits = database();
        Future<?> leader = writers.submit(() -> commits.commit("session A"));
        awaitFirstCommitUnderWay();
        Future<?> good = writers.submit(() -> commits.commit("session B"));
        Future<?> bad = writers.submit(() -> commits.commit("bad"));
        awaitQueued(commits, 2);
        firstCommitMayFinish.countDown();
        leader.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(List.of(List.of("session A"), List.of("session B")), transactions,
                "the shared commit failed, so each was tried alone; only the good one is stored");
    }

    @Test
    void aCommitThatBreaksDownFailsEveryoneInIt() {
        GroupCommit<String> commits = new GroupCommit<>(appends -> {
            throw new OutOfMemoryError("simulated");
        });
        RuntimeException failed = assertThrows(RuntimeException.class, () -> commits.commit("session A"));
        assertInstanceOf(OutOfMemoryError.class, failed.getCause());
    }

    /** The first caller is the leader and is now inside the (held) write. */
    private void awaitFirstCommitUnderWay() {
        await(firstCommitStarted);
    }
}
