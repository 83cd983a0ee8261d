package nl.waterline.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per session on a shared pool: order within a session, fairness between sessions. */
class SerialExecutorTest {

    /** A pool with one thread that the test turns by hand. */
    private final ArrayDeque<Runnable> pool = new ArrayDeque<>();

    private void runPool() {
        Runnable next;
        while ((next = pool.poll()) != null) {
            next.run();
        }
    }

    @Test
    void tasksOfOneSessionRunInSubmissionOrderOneAtATime() {
        SerialExecutor session = new SerialExecutor(pool::add);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            session.execute(() -> ran.add(n));
        }
        assertEquals(1, pool.size(), "one pooled task drains the session");
        runPool();
        assertEquals(200, ran.size());
        for (int i = 0; i < 200; i++) {
            assertEquals(i, ran.get(i));
        }
    }

    @Test
    void aBusySessionGivesTheThreadBackSoOthersGetTheirTurn() {
        SerialExecutor busy = new SerialExecutor(pool::add);
        SerialExecutor quiet = new SerialExecutor(pool::add);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 3 * SerialExecutor.TASKS_PER_TURN; i++) {
            busy.execute(() -> ran.add("busy"));
        }
        quiet.execute(() -> ran.add("quiet"));
        runPool();
        int quietAt = ran.indexOf("quiet");
        assertTrue(quietAt <= SerialExecutor.TASKS_PER_TURN,
                "the quiet session ran after at most one turn of the busy one, at " + quietAt);
        assertEquals(3 * SerialExecutor.TASKS_PER_TURN + 1, ran.size());
    }

    @Test
    void aFailingTaskDoesNotStopTheSession() {
        SerialExecutor session = new SerialExecutor(pool::add);
        List<String> ran = new ArrayList<>();
        session.execute(() -> {
            throw new IllegalStateException("bug");
        });
        session.execute(() -> ran.add("next"));
        runPool();
        assertEquals(List.of("next"), ran);
    }

    @Test
    void aPausedSessionRunsNothingUntilItsCommitIsDoneThenTheContinuationFirstAndHoldsNoThreadMeanwhile() {
        SerialExecutor session = new SerialExecutor(pool::add);
        SerialExecutor other = new SerialExecutor(pool::add);
        java.util.concurrent.CompletableFuture<Void> commit = new java.util.concurrent.CompletableFuture<>();
        List<String> ran = new ArrayList<>();
        session.execute(() -> {
            ran.add("apply batch 1");
            session.pauseUntil(commit, () -> ran.add("answer batch 1"));
        });
        session.execute(() -> ran.add("view flush"));
        runPool();
        assertEquals(List.of("apply batch 1"), ran, "nothing else of the session while its commit is under way");
        session.execute(() -> ran.add("attach"));
        other.execute(() -> ran.add("other session"));
        runPool();
        assertEquals(List.of("apply batch 1", "other session"), ran, "the pool serves other sessions meanwhile");

        commit.complete(null);
        assertEquals(1, pool.size(), "completing the commit schedules the session again");
        runPool();
        assertEquals(List.of("apply batch 1", "other session", "answer batch 1", "view flush", "attach"), ran);
    }

    @Test
    void aCommitAlreadyDoneWhenPausingGoesOnWithTheContinuationAtOnce() {
        SerialExecutor session = new SerialExecutor(pool::add);
        List<String> ran = new ArrayList<>();
        session.execute(() -> {
            ran.add("apply");
            session.pauseUntil(java.util.concurrent.CompletableFuture.completedFuture(null), () -> ran.add("answer"));
        });
        session.execute(() -> ran.add("next"));
        runPool();
        assertEquals(List.of("apply", "answer", "next"), ran);
        assertTrue(pool.isEmpty(), "no second runner was started");
    }
}
