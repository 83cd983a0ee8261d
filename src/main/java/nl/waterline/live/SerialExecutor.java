package nl.waterline.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the "one writer per session"
 * without a thread per session. Nothing of a session is read or changed outside its executor.
 */
final class SerialExecutor implements Executor {

    /** How many tasks one session runs before the pooled thread moves on to other sessions. */
    static final int TASKS_PER_TURN = 64;

    private final Executor pool;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    /** A task asked to run nothing more of this session until something completes. */
    private boolean paused;
    /** {@link #runAll} has left because of the pause; resuming must start it again. */
    private boolean parked;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::runAll);
    }

    /**
     * Called by a running task: once it returns, run none of this session's other tasks until {@code stage}
     * completes, then {@code thenFirst} before them. No thread is held meanwhile, so a session waiting for its
     * commit leaves the pool to the other sessions (whose commits can then be shared with it).
     */
    void pauseUntil(CompletionStage<?> stage, Runnable thenFirst) {
        synchronized (tasks) {
            paused = true;
        }
        stage.whenComplete((result, failure) -> {
            synchronized (tasks) {
                tasks.addFirst(thenFirst);
                paused = false;
                if (!parked) {
                    return; // completed while the pausing task still ran: runAll goes on with thenFirst
                }
                parked = false;
            }
            pool.execute(this::runAll);
        });
    }

    private void runAll() {
        for (int ran = 0; ; ran++) {
            Runnable next;
            synchronized (tasks) {
                if (ran == TASKS_PER_TURN && !tasks.isEmpty()) {
                    // Give the thread back so that the other sessions sharing the pool get their turn.
                    pool.execute(this::runAll);
                    return;
                }
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // A failing task must not stop the session's other tasks; the task reports its own failure.
                org.jboss.logging.Logger.getLogger(SerialExecutor.class).error("session task failed", e);
            }
            synchronized (tasks) {
                if (paused) {
                    parked = true; // still "running" for execute(): new tasks queue until the pause ends
                    return;
                }
            }
        }
    }
}
