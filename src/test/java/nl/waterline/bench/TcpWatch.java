package nl.waterline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sees from outside when the server closes a stalled client. A client that does not read cannot notice
 * that the server closed its connection, so this watches the server's side of each stalled connection in
 * /proc/net/tcp (server and generator share the loopback interface): the moment it leaves ESTABLISHED
 * (FIN_WAIT1 behind the unsent data, or gone) is when the server gave up on it. It also reads how many
 * bytes the server's kernel holds unsent for those connections (tx_queue): the backpressure building up.
 */
final class TcpWatch {

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final int ESTABLISHED = 0x01;
    private static final long INTERVAL_MS = 500;

    private final int serverPort;
    private final List<Scenario.Participant> stalled;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxTxQueue;

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
        List<String> lines = Files.readAllLines(TCP);
        for (int i = 1; i < lines.size(); i++) {
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
        for (Scenario.Participant p : stalled) {
            if (!p.paused() || p.serverClosedAt != 0 || p.localPort() <= 0) {
                continue;
            }
            long[] entry = serverSide.get(p.localPort());
            if (entry == null || entry[0] != ESTABLISHED) {
                p.serverClosedAt = now;
            }
            if (entry != null) {
                maxTxQueue = Math.max(maxTxQueue, entry[1]);
            }
        }
    }
}
