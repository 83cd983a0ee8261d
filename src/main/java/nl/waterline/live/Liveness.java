package nl.waterline.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each greeted connection was last heard from (a frame or a pong). The server pings every
 * connection; a browser answers by itself as long as it runs. A connection that stays silent through
 * several pings belongs to a phone that went away without closing, or to a client that stopped reading:
 * loopback and Wi-Fi kernels buffer megabytes of unread frames before a write ever stalls, so silence is
 * the quicker sign. Such connections are closed; the phone resyncs from a snapshot when it comes back.
 */
final class Liveness {

    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
    private final long silenceNanos;

    Liveness(long silenceNanos) {
        this.silenceNanos = silenceNanos;
    }

    void heard(String connectionId, long nowNanos) {
        lastHeard.put(connectionId, nowNanos);
    }

    void forget(String connectionId) {
        lastHeard.remove(connectionId);
    }

    /** Connections not heard from for longer than the silence limit; they are forgotten here. */
    List<String> silent(long nowNanos) {
        List<String> silent = lastHeard.entrySet().stream()
                .filter(e -> nowNanos - e.getValue() > silenceNanos)
                .map(Map.Entry::getKey)
                .toList();
        silent.forEach(lastHeard::remove);
        return silent;
    }

    int watched() {
        return lastHeard.size();
    }
}
