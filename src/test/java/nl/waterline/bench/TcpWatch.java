package nl.waterline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sees from outside when the server closes a stalled client. A client that does not read cannot notice
 * that the server closed its connection, so this watches the server's side of each stalled connection in
 * /proc/net/tcp6 and tcp (server and generator share the loopback interface): the moment it leaves ESTABLISHED
 * (FIN_WAIT1 behind the unsent data, or gone) is when the server gave up on it. It also reads how many
 * bytes the server's kernel holds unsent for those connections (tx_queue): the backpressure building up.
 */
final class TcpWatch {

    /** Java's sockets are IPv6 ones with IPv4-mapped addresses, listed in tcp6; both are read. */
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final int ESTABLISHED = 0x01;
    private static final long INTERVAL_MS = 500;

    private final int serverPort;
    private final List<Scenario.Participant> stalled;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxTxQueue;
    private final java.util.Set<Integer> seen = new java.util.HashSet<>();
    private final long start = System.nanoTime();
    private long nextTimelineAt;
    private final List<String> timeline = new java.util.ArrayList<>();

    private TcpWatch(int serverPort, List<Scenario.Participant> stalled) {
        this.serverPort = serverPort;
        this.stalled = stalled;
        this.thread = new Thread(this::loop, "tcp-watch");
        this.thread.setDaemon(true);
    }

    static TcpWatch start(int serverPort, List<Scenario.Participant> stalled) {
        TcpWatch watch = new TcpWatch(serverPort, stalled);
        watch.thread.start();
        return watch;
    }

    long maxTxQueue() {
        return maxTxQueue;
    }

    /** "seconds since the storm began:KiB", every 5 s: the most any stalled connection had unsent in the server's kernel. */
    String timeline() {
        synchronized (timeline) {
            return String.join(" ", timeline);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }

    private void loop() {
        while (running) {
            try {
                check();
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // /proc not readable (not Linux): no close times, the rest of the benchmark still runs
                return;
            }
        }
    }

    private void check() throws IOException {
        long now = System.nanoTime();
        // server side of each connection, by the client's port: {state, unsent bytes}
        Map<Integer, long[]> serverSide = new HashMap<>();
        List<String> lines = new java.util.ArrayList<>();
        for (Path table : TABLES) {
            if (Files.isReadable(table)) {
                List<String> rows = Files.readAllLines(table);
                lines.addAll(rows.subList(Math.min(1, rows.size()), rows.size()));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            if (local != serverPort) {
                continue;
            }
            int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
            long state = Long.parseLong(f[3], 16);
            long tx = Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
            serverSide.put(remote, new long[] {state, tx});
        }
        long highest = 0;
        for (Scenario.Participant p : stalled) {
            if (!p.paused() || p.serverClosedAt != 0 || p.localPort() <= 0) {
                continue;
            }
            long[] entry = serverSide.get(p.localPort());
            if (entry != null && entry[0] == ESTABLISHED) {
                seen.add(p.localPort());
            } else if (seen.contains(p.localPort())) {
                // only a connection seen established before counts as closed, never one this watch cannot see
                p.serverClosedAt = now;
            }
            if (entry != null) {
                highest = Math.max(highest, entry[1]);
            }
        }
        maxTxQueue = Math.max(maxTxQueue, highest);
        if (now >= nextTimelineAt) {
            synchronized (timeline) {
                timeline.add(Math.round((now - start) / 1e9) + "s:" + Math.round(highest / 1024.0));
            }
            nextTimelineAt = now + TimeUnit.SECONDS.toNanos(5);
        }
    }
}
