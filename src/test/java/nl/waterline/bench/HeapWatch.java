package nl.waterline.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server's heap over a run, once a second, without disturbing it: one {@code jstat -gc <pid> 1000}
 * process reads the JVM's performance counters (no safepoint, no extra GC). Heap in use includes garbage not
 * yet collected; the old generation after the young collections shows what stays, i.e. whether memory stays
 * bounded while clients stall.
 */
final class HeapWatch {

    private final Process process;
    private final Thread reader;
    private final long start = System.nanoTime();
    /** {seconds since start, heap used KiB, old generation used KiB, GC seconds so far} */
    private final List<double[]> samples = new ArrayList<>();

    private HeapWatch(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "heap-watch");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Null when jstat cannot be started; the benchmark then reports no heap timeline. */
    static HeapWatch start(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        String command = Files.isExecutable(jstat) ? jstat.toString() : "jstat";
        try {
            return new HeapWatch(new ProcessBuilder(command, "-gc", Long.toString(pid), "1000")
                    .redirectErrorStream(true).start());
        } catch (Exception e) {
            return null;
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            List<String> header = null;
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 0 && f[0].equals("S0C")) {
                    header = List.of(f);
                    continue;
                }
                if (header == null || f.length != header.size()) {
                    continue;
                }
                try {
                    double used = value(f, header, "S0U") + value(f, header, "S1U") + value(f, header, "EU") + value(f, header, "OU");
                    double[] sample = {(System.nanoTime() - start) / 1e9, used, value(f, header, "OU"), value(f, header, "GCT")};
                    synchronized (samples) {
                        samples.add(sample);
                    }
                } catch (NumberFormatException e) {
                    // a "-" column: skip the line
                }
            }
        } catch (Exception e) {
            // the server is gone
        }
    }

    private static double value(String[] f, List<String> header, String column) {
        int i = header.indexOf(column);
        return i < 0 ? 0 : Double.parseDouble(f[i].replace(',', '.'));
    }

    /** Stops sampling; returns max heap in use, max and last old generation, GC seconds and a timeline every {@code everySeconds}. */
    Map<String, Object> stop(int everySeconds) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<double[]> all;
        synchronized (samples) {
            all = new ArrayList<>(samples);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (all.isEmpty()) {
            return m;
        }
        m.put("samples", all.size());
        m.put("heapUsedMaxMiB", Samples.round(all.stream().mapToDouble(s -> s[1]).max().orElse(0) / 1024));
        m.put("oldGenUsedMaxMiB", Samples.round(all.stream().mapToDouble(s -> s[2]).max().orElse(0) / 1024));
        m.put("oldGenUsedAtEndMiB", Samples.round(all.get(all.size() - 1)[2] / 1024));
        m.put("gcSeconds", Samples.round(all.get(all.size() - 1)[3] - all.get(0)[3]));
        // "second: old generation MiB", every few seconds: whether it levels off or keeps growing
        List<String> timeline = new ArrayList<>();
        double next = 0;
        for (double[] s : all) {
            if (s[0] >= next) {
                timeline.add(Math.round(s[0]) + "s:" + Math.round(s[2] / 1024));
                next = s[0] + everySeconds;
            }
        }
        m.put("oldGenTimelineMiB", String.join(" ", timeline));
        return m;
    }
}
