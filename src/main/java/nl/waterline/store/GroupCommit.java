package nl.waterline.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Commits the appends of several sessions together. Each session's writer already groups its own
 * commands into one append; with many sessions at once (a hundred rooms of a hundred) that would still
 * be one commit per session per batch, and the database commits one at a time. Here appends queue up
 * while a commit is under way, and the next commit writes all of them in one transaction; each append's
 * future completes only once its own events are committed. The sessions wait for it without holding a
 * thread, so the queue fills with every session that has something to store.
 *
 * <p>If the shared transaction fails, each append is tried again alone, so one session's bad batch fails
 * that session only.
 *
 * @param <T> one session's append
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> writeInOneTransaction;
    private final Executor committer;
    private final ConcurrentLinkedQueue<Request<T>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private record Request<T>(T append, CompletableFuture<Void> done) {
    }

    /**
     * @param writeInOneTransaction writes and commits the appends, or throws and leaves nothing behind
     * @param committer             runs the commits one after another (a single thread)
     */
    GroupCommit(Consumer<List<T>> writeInOneTransaction, Executor committer) {
        this.writeInOneTransaction = writeInOneTransaction;
        this.committer = committer;
    }

    /** Completes once {@code append} is committed; fails with what writing it alone threw if it could not be. */
    CompletableFuture<Void> commit(T append) {
        Request<T> request = new Request<>(append, new CompletableFuture<>());
        waiting.add(request);
        if (scheduled.compareAndSet(false, true)) {
            committer.execute(this::commitWaiting);
        }
        return request.done();
    }

    private void commitWaiting() {
        // Cleared before taking the queue: an append arriving from now on schedules the next commit.
        scheduled.set(false);
        List<Request<T>> group = new ArrayList<>();
        Request<T> next;
        while ((next = waiting.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            writeInOneTransaction.accept(group.stream().map(Request::append).toList());
            group.forEach(r -> r.done().complete(null));
        } catch (RuntimeException together) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(together);
                return;
            }
            for (Request<T> r : group) {
                try {
                    writeInOneTransaction.accept(List.of(r.append()));
                    r.done().complete(null);
                } catch (RuntimeException alone) {
                    r.done().completeExceptionally(alone);
                }
            }
        } catch (Error broken) {
            group.forEach(r -> r.done().completeExceptionally(broken));
            throw broken;
        }
    }
}
