package nl.waterline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the kernel holds in the sockets between the server and the generator, sampled twice a second in the
 * steady state: bytes the server wrote that the generator has not read yet (its sockets' receive queues), and
 * bytes the server's sockets still hold unsent. Every latency of this benchmark is taken when the generator reads
 * a frame, so a frame that sits unread in the generator's socket counts as late, however promptly the server sent
 * it: on a saturated box the first number says how much of a p99 is the generator's own reading. The 10 ms lag
 * probe cannot see this: a timer on an event loop runs between two rounds of reads however many sockets are
 * waiting to be read.
 *
 * <p>Reads /proc/net/tcp and tcp6 (Linux; server and generator share the loopback interface). Elsewhere it
 * records nothing.
 */
final class SocketBacklog {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final int ESTABLISHED = 0x01;
    private static final long INTERVAL_MS = 500;

    private final int serverPort;
    private final BooleanSupplier steady;
    private final Thread thread;
    private final List<long[]> samples = new ArrayList<>(); // {unread by the generator, unsent by the server}
    private volatile boolean running = true;

    private SocketBacklog(int serverPort, BooleanSupplier steady) {
        this.serverPort = serverPort;
        this.steady = steady;
        this.thread = new Thread(this::loop, "socket-backlog");
        this.thread.setDaemon(true);
    }

    static SocketBacklog start(int serverPort, BooleanSupplier steady) {
        SocketBacklog watch = new SocketBacklog(serverPort, steady);
        watch.thread.start();
        return watch;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }

    private void loop() {
        while (running) {
            try {
                if (steady.getAsBoolean()) {
                    long[] sample = sample(TABLES, serverPort);
                    synchronized (samples) {
                        samples.add(sample);
                    }
                }
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                return; // no /proc: the rest of the benchmark still runs
            }
        }
    }

    /** {bytes unread in the sockets connected to {@code serverPort}, bytes unsent in the sockets listening side}. */
    static long[] sample(List<Path> tables, int serverPort) throws IOException {
        long unread = 0;
        long unsent = 0;
        for (Path table : tables) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> rows = Files.readAllLines(table);
            for (int i = 1; i < rows.size(); i++) {
                String[] f = rows.get(i).trim().split("\\s+");
                if (f.length < 5 || Integer.parseInt(f[3], 16) != ESTABLISHED) {
                    continue;
                }
                int local = port(f[1]);
                int remote = port(f[2]);
                int colon = f[4].indexOf(':');
                long tx = Long.parseLong(f[4].substring(0, colon), 16);
                long rx = Long.parseLong(f[4].substring(colon + 1), 16);
                if (remote == serverPort) {
                    unread += rx;
                } else if (local == serverPort) {
                    unsent += tx;
                }
            }
        }
        return new long[] {unread, unsent};
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    /**
     * Mean and max of both, in KiB, and the mean unread bytes in seconds of the generator's reading during the
     * scenario ({@code receivedBytesPerSecond}): roughly how far behind on reading it was.
     */
    Map<String, Object> summary(double receivedBytesPerSecond) {
        List<long[]> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", copy.size());
        if (copy.isEmpty()) {
            return m;
        }
        double unreadMean = copy.stream().mapToLong(s -> s[0]).average().orElse(0);
        m.put("generatorUnreadKiBMean", Math.round(unreadMean / 1024));
        m.put("generatorUnreadKiBMax", Math.round(copy.stream().mapToLong(s -> s[0]).max().orElse(0) / 1024.0));
        m.put("serverUnsentKiBMean", Math.round(copy.stream().mapToLong(s -> s[1]).average().orElse(0) / 1024));
        m.put("serverUnsentKiBMax", Math.round(copy.stream().mapToLong(s -> s[1]).max().orElse(0) / 1024.0));
        if (receivedBytesPerSecond > 0) {
            m.put("generatorUnreadSecondsOfReading", Samples.round(unreadMean / receivedBytesPerSecond));
        }
        return m;
    }
}
