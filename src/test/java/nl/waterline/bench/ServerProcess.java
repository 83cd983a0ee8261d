package nl.waterline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, run as its own JVM so that its CPU and memory can be read from /proc and it
 * cannot share heap or threads with the load generator. Always stopped by its own PID.
 */
final class ServerProcess implements AutoCloseable {

    /** Linux reports utime/stime in clock ticks; 100 per second on every kernel this runs on. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final String name;
    private final Process process;
    private final Thread shutdownHook;
    final URI base;

    private ServerProcess(String name, Process process, URI base) {
        this.name = name;
        this.process = process;
        this.base = base;
        // A harness killed by Ctrl-C or a failure must not leave a server holding the port.
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static ServerProcess start(String name, List<String> command, Path workDir, int port, Path log) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerProcess(name, p, URI.create("http://127.0.0.1:" + port + "/"));
    }

    long pid() {
        return process.pid();
    }

    /** Polls {@code GET /api/templates} until it answers 200; returns the time it took. */
    Duration awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                var response = http.send(HttpRequest.newBuilder(base.resolve("api/templates")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s");
    }

    /** User + system CPU seconds the server has used so far. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(pid());
    }

    /** User + system CPU seconds of any process, e.g. the load generator itself. */
    static double cpuSeconds(long pid) throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / CLOCK_TICKS_PER_SECOND;
    }

    /** User + system clock ticks from a {@code /proc/.../stat} line, of a process or of one of its threads. */
    static long cpuTicks(String stat) {
        // The command name (field 2) may contain spaces; the numeric fields start after its ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident set size in MiB. */
    double rssMiB() throws IOException {
        return status("VmRSS:");
    }

    /** The highest resident set size so far (the kernel's high-water mark), in MiB. */
    double rssPeakMiB() throws IOException {
        return status("VmHWM:");
    }

    private double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Heap in use after a full GC, in MiB, via jcmd; NaN when jcmd is missing or its output unexpected. */
    double heapAfterGcMiB() {
        try {
            if (!jcmd("GC.run").isEmpty()) {
                String info = jcmd("GC.heap_info");
                // G1: " garbage-first heap   total 262144K, used 40123K [..."
                var m = java.util.regex.Pattern.compile("heap\\s+total\\s+\\d+K, used (\\d+)K").matcher(info);
                if (m.find()) {
                    return Long.parseLong(m.group(1)) / 1024.0;
                }
            }
        } catch (Exception e) {
            // optional figure
        }
        return Double.NaN;
    }

    private String jcmd(String what) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), what).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "";
        }
        return new String(p.getInputStream().readAllBytes());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
