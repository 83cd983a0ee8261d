package nl.waterline.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/** Where to continue work that belongs to a connection or request: back on its own Vert.x event loop. */
public final class EventLoops {

    private EventLoops() {
    }

    /**
     * The current thread's Vert.x context as an executor, taken while still on it; the caller's own
     * thread when there is none (plain unit tests).
     */
    public static Executor current() {
        Context loop = Vertx.currentContext();
        return loop == null ? Runnable::run : task -> loop.runOnContext(ignored -> task.run());
    }
}
