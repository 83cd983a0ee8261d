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
}
