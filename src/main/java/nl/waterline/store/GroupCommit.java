package nl.waterline.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Commits the appends of several sessions together. Each session's writer already groups its own
 * commands into one append; with many sessions at once (a hundred rooms of a hundred) that is still one
 * commit per session per batch, and the database commits one at a time. Here the writers that arrive
 * while a commit is under way queue up, and the next one to go first (the leader) writes all of their
 * appends in one transaction; every caller still returns only once its own events are committed.
 *
 * <p>If the shared transaction fails, each append is tried again alone, so one session's bad batch fails
 * that session only.
 *
 * @param <T> one session's append
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> writeInOneTransaction;
    private final List<Request<T>> waiting = new ArrayList<>();
    private boolean leading;

    /** @param writeInOneTransaction writes and commits the appends, or throws and leaves nothing behind */
    GroupCommit(Consumer<List<T>> writeInOneTransaction) {
        this.writeInOneTransaction = writeInOneTransaction;
    }

    private static final class Request<T> {
        final T append;
        boolean done;
        RuntimeException failure;

        Request(T append) {
            this.append = append;
        }
    }

    /** Returns once {@code append} is committed; throws what writing it alone threw if it could not be. */
    void commit(T append) {
        Request<T> mine = new Request<>(append);
        List<Request<T>> group;
        boolean interrupted = false;
        synchronized (this) {
            waiting.add(mine);
            while (!mine.done && leading) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Our events may be in the leader's transaction: we must learn the outcome, so keep waiting.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                throwIfFailed(mine);
                return;
            }
            leading = true;
            group = new ArrayList<>(waiting);
            waiting.clear();
        }
        try {
            write(group);
        } catch (RuntimeException | Error unexpected) {
            RuntimeException failed = unexpected instanceof RuntimeException r ? r : new IllegalStateException(unexpected);
            group.stream().filter(r -> r.failure == null).forEach(r -> r.failure = failed);
        } finally {
            synchronized (this) {
                leading = false;
                group.forEach(r -> r.done = true);
                notifyAll();
            }
        }
        throwIfFailed(mine);
    }

    /** Appends queued behind the commit under way; for tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void write(List<Request<T>> group) {
        try {
            writeInOneTransaction.accept(group.stream().map(r -> r.append).toList());
        } catch (RuntimeException together) {
            if (group.size() == 1) {
                group.get(0).failure = together;
                return;
            }
            for (Request<T> r : group) {
                try {
                    writeInOneTransaction.accept(List.of(r.append));
                } catch (RuntimeException alone) {
                    r.failure = alone;
                }
            }
        }
    }

    private static void throwIfFailed(Request<?> request) {
        if (request.failure != null) {
            throw request.failure;
        }
    }
}
