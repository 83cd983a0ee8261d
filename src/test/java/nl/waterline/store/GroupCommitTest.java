package nl.waterline.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupCommitTest {

    private final ExecutorService committer = Executors.newSingleThreadExecutor();
    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final CountDownLatch firstCommitMayFinish = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    @AfterEach
    void stop() {
        committer.shutdownNow();
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
        return new GroupCommit<>(write, committer);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void appendsArrivingDuringACommitShareTheNextOne() throws Exception {
        GroupCommit<String> commits = database();
        CompletableFuture<Void> a = commits.commit("session A, batch 1");
        await(firstCommitStarted);
        CompletableFuture<Void> b = commits.commit("session B");
        CompletableFuture<Void> c = commits.commit("session C");
        CompletableFuture<Void> d = commits.commit("session D");
        assertFalse(b.isDone(), "not durable before its commit");
        firstCommitMayFinish.countDown();
        CompletableFuture.allOf(a, b, c, d).get(10, TimeUnit.SECONDS);
        assertEquals(2, transactions.size(), "one commit, then one for the three that waited: " + transactions);
        assertEquals(List.of("session A, batch 1"), transactions.get(0));
        assertEquals(Set.of("session B", "session C", "session D"), Set.copyOf(transactions.get(1)));
    }

    @Test
    void aBadAppendFailsItsOwnSessionOnly() throws Exception {
        GroupCommit<String> commits = database();
        CompletableFuture<Void> a = commits.commit("session A");
        await(firstCommitStarted);
        CompletableFuture<Void> good = commits.commit("session B");
        CompletableFuture<Void> bad = commits.commit("bad");
        firstCommitMayFinish.countDown();
        a.get(10, TimeUnit.SECONDS);
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
        }, committer);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> commits.commit("session A").get(10, TimeUnit.SECONDS));
        assertInstanceOf(OutOfMemoryError.class, failed.getCause());
    }
}
