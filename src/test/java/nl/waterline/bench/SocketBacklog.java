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
 * What the kernel holds in the sockets between the server and the generator, sampled every two seconds in the
 * steady state: bytes the server wrote that the generator has not read yet (its sockets' receive queues), and
 * bytes the server's sockets still hold unsent. Every latency of this benchmark is taken when the generator reads
 * a frame, so a frame that sits unread in the generator's socket counts as late, however promptly the server sent
 * it: on a saturated box the first number says how much of a p99 is the generator's own reading. The 10 ms lag
 * probe cannot see this: a timer on an event loop runs between two rounds of reads however many sockets are
 * waiting to be read.
 *
 * <p>Reads /proc/net/tcp and tcp6 (Linux; server and generator share the loopback interface). Elsewhere it
 * records nothing. At L10k those tables list more than 20,000 sockets (≈ 3 MB of text each time): sampled twice a
 * second and split with a regular expression, this took 19 % of the generator's CPU (async-profiler, 2026-11-29),
 * CPU the two servers under test then lacked. Every two seconds, each row read in place, it costs a fraction of that.
 */
final class SocketBacklog {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final int ESTABLISHED = 0x01;
    private static final long INTERVAL_MS = 2000;

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
        int[] at = new int[5];
        for (Path table : tables) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try (var rows = Files.newBufferedReader(table, java.nio.charset.StandardCharsets.US_ASCII)) {
                rows.readLine(); // the header
                String row;
                while ((row = rows.readLine()) != null) {
                    // fields: sl, local address, remote address, state, tx_queue:rx_queue
                    if (fieldStarts(row, at) < 5 || hex(row, at[3], row.indexOf(' ', at[3])) != ESTABLISHED) {
                        continue;
                    }
                    int local = (int) hex(row, row.indexOf(':', at[1]) + 1, row.indexOf(' ', at[1]));
                    int remote = (int) hex(row, row.indexOf(':', at[2]) + 1, row.indexOf(' ', at[2]));
                    int colon = row.indexOf(':', at[4]);
                    if (remote == serverPort) {
                        unread += hex(row, colon + 1, row.indexOf(' ', colon));
                    } else if (local == serverPort) {
                        unsent += hex(row, at[4], colon);
                    }
                }
            }
        }
        return new long[] {unread, unsent};
    }

    /** Where the first {@code at.length} whitespace-separated fields of {@code row} start; how many it found. */
    private static int fieldStarts(String row, int[] at) {
        int found = 0;
        int i = 0;
        int n = row.length();
        while (found < at.length) {
            while (i < n && row.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            at[found++] = i;
            while (i < n && row.charAt(i) != ' ') {
                i++;
            }
        }
        return found;
    }

    private static long hex(String row, int from, int to) {
        return Long.parseLong(row, from, to < 0 ? row.length() : to, 16);
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
