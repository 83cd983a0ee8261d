package nl.waterline.bench;

import nl.waterline.start.StartCommand;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load benchmark of issue 5: for each scenario named in {@code bench.scenarios}, starts Waterline from
 * the packaged jar as its own process, runs the {@link Scenario} against it, then the same scenario against
 * a fresh {@link BaselineServer} (a bare Vert.x server, the practical limit of this machine), and writes
 * target/bench/results.json and results.md with one section per scenario.
 *
 * <p>Scenarios: {@code L1k} (one session of {@code bench.participants}), {@code L10k} ({@code bench.l10k.sessions}
 * sessions of {@code bench.l10k.participants}, joining within {@code bench.l10k.joinSeconds}) and {@code slow}
 * (L1k where {@code bench.slow.fraction} of the participants stop reading after their initial picks, for
 * {@code bench.slow.stallSeconds}: a comma list assigned round-robin, 0 = until the end).
 *
 * {@code startup} measures start-up instead ({@link StartupBenchmark}: {@code bench.startup.sessions} 100,
 * {@code bench.startup.participants} 20, {@code bench.startup.starts} 5).
 *
 * <p>Settings (system properties): {@code bench.scenarios} (L1k), {@code bench.participants} (1000),
 * {@code bench.seconds} (60, the change phase after the join storm), {@code bench.l10k.sessions} (100),
 * {@code bench.l10k.participants} (100), {@code bench.l10k.joinSeconds} (10), {@code bench.slow.fraction} (0.1),
 * {@code bench.slow.stallSeconds} (20,45), {@code bench.slow.seconds} (its change phase; bench.seconds), {@code bench.changeIntervalMs} (2000, how often each participant changes a pick), {@code bench.viewers} (50, participants timed for pick → visible to
 * the others), {@code bench.baseline} (true), {@code bench.baseline.loops} (event loops of the baseline; one per core),
 * {@code bench.serverJvmArgs}, {@code bench.serverWarmupSeconds} (0) and {@code bench.serverWarmupSessions} (20),
 * {@code bench.dir} (project folder,
 * default the working directory).
 *
 * <p>A scenario name may carry its own change interval: {@code L10k@4000} is L10k with a change every 4 s. Runs of
 * one scenario at two or more intervals make a sweep ({@link LoadSweep}): each server's throughput read at the same p99.
 */
public final class LoadBenchmark {

    /** Issue 5's target at L10k: p99 pick → facilitator view ≤ 500 ms; a sweep reads both servers' throughput there. */
    static final double TARGET_VIEW_P99_MS = 500;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
        List<String> names = Arrays.stream(System.getProperty("bench.scenarios", "L1k").split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
        List<Scenario.Settings> scenarios = new ArrayList<>();
        for (String name : names) {
            if (!name.equals("startup")) {
                scenarios.add(settings(name, seconds));
            }
        }
        Path project = Path.of(System.getProperty("bench.dir", ".")).toAbsolutePath().normalize();
        Path out = project.resolve("target/bench");
        Files.createDirectories(out);
        Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": run ./mvnw package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String templates = project.resolve("session-templates").toString();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("machine", machine());
        report.put("scenarioNames", names);
        if (!serverJvmArgs().isEmpty()) {
            report.put("waterlineExtraJvmArgs", String.join(" ", serverJvmArgs()));
        }
        if (Integer.getInteger("bench.serverWarmupSeconds", 0) > 0) {
            report.put("serverWarmupSeconds", Integer.getInteger("bench.serverWarmupSeconds"));
            report.put("serverWarmupSessions", Integer.getInteger("bench.serverWarmupSessions", 20));
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        report.put("scenarios", sections);
        var json = Scenario.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);

        if (!scenarios.isEmpty() && Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
            warmUpGenerator(java, project, templates, out);
        }
        for (Scenario.Settings settings : scenarios) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("settings", settings.toMap());
            section.put("startedAt", Instant.now().toString());
            section.put("loadAverageAtStart", loadAverage());
            sections.put(settings.name(), section);

            int port = freePort();
            Path dataDir = Files.createTempDirectory("waterline-bench-data");
            List<String> waterline = new ArrayList<>(List.of(java));
            waterline.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Dwaterline.data-dir=" + dataDir, "-Dwaterline.templates-dir=" + templates));
            waterline.addAll(StartCommand.jarArguments(jar, serverJvmArgs()));
            try {
                section.put("waterline", measure("waterline", waterline, project, port,
                        out.resolve("waterline-" + settings.name() + ".log"), settings));
            } finally {
                // An L10k store is 0.6–2.6 GB; left behind, a day of runs filled the disk.
                deleteTree(dataDir);
            }

            if (baseline) {
                int basePort = freePort();
                String loops = System.getProperty("bench.baseline.loops", "").trim();
                List<String> bare = List.of(java, "-cp", System.getProperty("java.class.path"),
                        "-Dbench.port=" + basePort, "-Dwaterline.templates-dir=" + templates,
                        "-Dbench.baseline.loops=" + (loops.isEmpty() ? Runtime.getRuntime().availableProcessors() : loops),
                        BaselineServer.class.getName());
                section.put("baseline", measure("baseline", bare, project, basePort,
                        out.resolve("baseline-" + settings.name() + ".log"), settings));
                section.put("ratios", ratios(section));
            }
            // Written after every scenario, so a long run that fails late still leaves what it measured.
            write(out, json, report);
        }
        compareSlowWithL1k(sections);
        Map<String, Object> sweeps = LoadSweep.of(sections, TARGET_VIEW_P99_MS);
        if (!sweeps.isEmpty()) {
            report.put("sweeps", sweeps);
        }
        if (names.contains("startup")) {
            System.out.println("Measuring start-up with an empty store and with a filled one");
            report.put("startup", StartupBenchmark.run(java, serverJvmArgs(), jar, project, out,
                    Integer.getInteger("bench.startup.sessions", 100), Integer.getInteger("bench.startup.participants", 20),
                    Integer.getInteger("bench.startup.starts", 5)));
        }
        write(out, json, report);
        System.out.println(BenchReport.markdown(report));
        System.out.println("Written " + out.resolve("results.json") + " and results.md (and a copy of each under " + out.resolve("runs") + ")");
        // The Vert.x and JDK client threads must not keep the exec plugin's JVM alive.
        System.exit(0);
    }

    static Scenario.Settings settings(String name, int seconds) {
        int participants = Integer.getInteger("bench.participants", 1000);
        int viewers = Integer.getInteger("bench.viewers", 50);
        Long intervalMs = LoadSweep.intervalMs(name);
        Scenario.Settings s = switch (LoadSweep.baseName(name)) {
            case "L1k" -> Scenario.Settings.of(participants, seconds, null);
            case "L10k" -> Scenario.Settings.sessions(Integer.getInteger("bench.l10k.sessions", 100),
                    Integer.getInteger("bench.l10k.participants", 100),
                    Duration.ofSeconds(Integer.getInteger("bench.l10k.joinSeconds", 10)), seconds, null);
            case "slow" -> Scenario.Settings.of(participants, Integer.getInteger("bench.slow.seconds", seconds), null).withStalled(
                    Double.parseDouble(System.getProperty("bench.slow.fraction", "0.1")),
                    Arrays.stream(System.getProperty("bench.slow.stallSeconds", "20,45").split(","))
                            .map(String::trim).map(v -> Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000))).toList());
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (known: L1k, L10k, slow, startup)");
        };
        Duration changeInterval = Duration.ofMillis(intervalMs != null ? intervalMs
                : Long.getLong("bench.changeIntervalMs", s.changeInterval().toMillis()));
        return new Scenario.Settings(name, s.sessions(), s.participantsPerSession(), s.joinWindow(), s.changePhase(),
                changeInterval, s.organiserKey(), s.settleTimeout(), s.stalledFraction(), s.stalls(), viewers);
    }

    /**
     * The generator is one JVM for all scenarios: cold, its own interpreted code would slow down whichever
     * server's join storm comes first (Waterline's, in every scenario). A short unmeasured run against the
     * baseline compiles it first, so both servers meet the same warm generator.
     */
    private static void warmUpGenerator(String java, Path project, String templates, Path out) throws Exception {
        int port = freePort();
        List<String> bare = List.of(java, "-cp", System.getProperty("java.class.path"), "-Dbench.port=" + port,
                "-Dwaterline.templates-dir=" + templates, BaselineServer.class.getName());
        System.out.println("Warming up the generator (300 phones for 15 s against the baseline, not measured)");
        try (ServerProcess server = ServerProcess.start("baseline", bare, project, port, out.resolve("warmup.log"))) {
            server.awaitReady(Duration.ofSeconds(60));
            Scenario.run(server.base, Scenario.Settings.of(300, 15, null));
        }
    }

    static void deleteTree(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Extra JVM flags for Waterline, e.g. {@code -Dbench.serverJvmArgs="-XX:StartFlightRecording=filename=target/bench/waterline.jfr"}
     * to profile. They come after the README's flags, so {@code -XX:TieredStopAtLevel=4} measures with C2 again.
     */
    private static List<String> serverJvmArgs() {
        String extra = System.getProperty("bench.serverJvmArgs", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /**
     * results.json and results.md are the latest run; every run is also kept under runs/ by its start time, since
     * comparing runs is the point and the next run would otherwise overwrite this one.
     */
    private static void write(Path out, com.fasterxml.jackson.databind.ObjectMapper json, Map<String, Object> report) throws Exception {
        String encoded = json.writeValueAsString(report);
        String markdown = BenchReport.markdown(report);
        Files.writeString(out.resolve("results.json"), encoded);
        Files.writeString(out.resolve("results.md"), markdown);
        Path runs = Files.createDirectories(out.resolve("runs"));
        String stamp = String.valueOf(report.get("date")).replace(":", "").replaceAll("\\.\\d+", "");
        Files.writeString(runs.resolve(stamp + ".json"), encoded);
        Files.writeString(runs.resolve(stamp + ".md"), markdown);
    }

    private static Map<String, Object> measure(String name, List<String> command, Path workDir, int port, Path log,
                                               Scenario.Settings settings) throws Exception {
        System.out.println("Starting " + name + " for " + settings.name() + " (log " + log + ")");
        try (ServerProcess server = ServerProcess.start(name, command, workDir, port, log)) {
            Duration ready = server.awaitReady(Duration.ofSeconds(60));
            warmUpServer(name, server);
            double idleHeap = server.heapAfterGcMiB();
            double cpuBefore = server.cpuSeconds();
            Map<String, Long> threadsBefore = ThreadCpu.snapshot(server.pid());
            // The generator shares the two cores with the server: its CPU shows how much of the box it took.
            long self = ProcessHandle.current().pid();
            double generatorBefore = ServerProcess.cpuSeconds(self);
            HeapWatch heap = HeapWatch.start(server.pid());
            System.out.println(name + " ready in " + ready.toMillis() + " ms (pid " + server.pid() + "); running "
                    + settings.name() + " with " + settings.participants() + " participants in " + settings.sessions() + " session(s)");
            Scenario.Result result = Scenario.run(server.base, settings, open -> atPeak(server, open, idleHeap));
            double cpu = server.cpuSeconds() - cpuBefore;
            Map<String, Double> cpuByThread = ThreadCpu.secondsBetween(threadsBefore, ThreadCpu.snapshot(server.pid()));
            double generatorCpu = ServerProcess.cpuSeconds(self) - generatorBefore;
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", server.pid());
            m.put("readyMs", ready.toMillis());
            m.putAll(result.toMap());
            m.put("wallSeconds", Samples.round(result.wallSeconds));
            m.put("serverCpuSeconds", Samples.round(cpu));
            // Over the whole scenario (opening sessions, join storm, change phase, settling), against all cores of the machine.
            m.put("serverCpuPercentOfAllCores", Samples.round(100 * cpu / result.wallSeconds / cores));
            m.put("serverCpuSecondsByThread", cpuByThread);
            m.put("generatorCpuSeconds", Samples.round(generatorCpu));
            m.put("generatorCpuPercentOfAllCores", Samples.round(100 * generatorCpu / result.wallSeconds / cores));
            m.put("serverRssMiB", Samples.round(server.rssMiB()));
            m.put("serverHeapAfterGcIdleMiB", Samples.round(idleHeap));
            if (heap != null) {
                m.put("serverHeap", heap.stop(10));
            }
            System.out.println(name + " " + settings.name() + ": " + m);
            return m;
        }
    }

    /**
     * {@code bench.serverWarmupSeconds} (0: none): before the measured scenario, each server is given an unmeasured
     * load of its own sessions ({@code bench.serverWarmupSessions}, 20, of 100 phones, a change per phone every 2 s)
     * for that long, so that the measurement sees a server whose JIT has compiled its hot code — a server that has
     * run for a while — rather than its first minute. The warm-up's sessions stay in the server, idle, during the
     * measurement.
     */
    private static void warmUpServer(String name, ServerProcess server) throws Exception {
        int seconds = Integer.getInteger("bench.serverWarmupSeconds", 0);
        if (seconds <= 0) {
            return;
        }
        int sessions = Integer.getInteger("bench.serverWarmupSessions", 20);
        System.out.println("Warming up " + name + " (" + sessions + " sessions of 100 phones for " + seconds + " s, not measured)");
        Scenario.Result warm = Scenario.run(server.base,
                Scenario.Settings.sessions(sessions, 100, Duration.ofSeconds(Math.max(5, sessions / 10)), seconds, null));
        // Not measured, but a warm-up that went wrong would make the measurement that follows meaningless.
        System.out.println("Warm-up of " + name + ": " + warm.commandsAcked() + " commands acknowledged"
                + (warm.failures().isEmpty() ? "" : "; failures: " + warm.failures()));
    }

    /** With every client still connected: heap after a full GC and RSS, per connection. */
    private static Map<String, Object> atPeak(ServerProcess server, int connections, double idleHeap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", connections);
        try {
            double rss = server.rssMiB();
            double rssPeak = server.rssPeakMiB();
            double heap = server.heapAfterGcMiB();
            m.put("serverHeapAfterGcMiB", Samples.round(heap));
            m.put("serverRssMiB", Samples.round(rss));
            m.put("serverRssPeakMiB", Samples.round(rssPeak));
            if (connections > 0) {
                m.put("heapPerConnectionKiB", Samples.round(heap * 1024 / connections));
                m.put("heapAboveIdlePerConnectionKiB", Samples.round((heap - idleHeap) * 1024 / connections));
                m.put("rssPeakPerConnectionKiB", Samples.round(rssPeak * 1024 / connections));
            }
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratios(Map<String, Object> section) {
        var w = (Map<String, Object>) section.get("waterline");
        var b = (Map<String, Object>) section.get("baseline");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("deliveredFramesPerSecond", ratio(w.get("deliveredFramesPerSecond"), b.get("deliveredFramesPerSecond")));
        r.put("ackedCommandsPerSecond", ratio(w.get("ackedCommandsPerSecond"), b.get("ackedCommandsPerSecond")));
        r.put("serverCpuSeconds", ratio(w.get("serverCpuSeconds"), b.get("serverCpuSeconds")));
        for (String key : BenchReport.LATENCIES) {
            r.put(key.replace("Ms", "P99"), ratio(p99(w, key), p99(b, key)));
        }
        return r;
    }

    /** For the slow scenario: how much worse the honest clients' p99 got than in plain L1k of the same run. */
    @SuppressWarnings("unchecked")
    private static void compareSlowWithL1k(Map<String, Object> sections) {
        var slow = (Map<String, Object>) sections.get("slow");
        var plain = (Map<String, Object>) sections.get("L1k");
        if (slow == null || plain == null) {
            return;
        }
        Map<String, Object> compared = new LinkedHashMap<>();
        for (String server : List.of("waterline", "baseline")) {
            var s = (Map<String, Object>) slow.get(server);
            var p = (Map<String, Object>) plain.get(server);
            if (s == null || p == null) {
                continue;
            }
            Map<String, Object> deltas = new LinkedHashMap<>();
            for (String key : BenchReport.LATENCIES.stream().filter(k -> !k.startsWith("join")).toList()) {
                Object a = p99(s, key);
                Object b = p99(p, key);
                deltas.put(key.replace("Ms", "P99IncreaseMs"), a instanceof Number x && b instanceof Number y
                        ? Samples.round(x.doubleValue() - y.doubleValue()) : null);
            }
            compared.put(server, deltas);
        }
        slow.put("honestP99ComparedWithL1k", compared);
    }

    @SuppressWarnings("unchecked")
    static Object p99(Map<String, Object> measured, String key) {
        Object summary = measured.get(key);
        return summary instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("p99Ms") : null;
    }

    private static Double ratio(Object a, Object b) {
        if (!(a instanceof Number x) || !(b instanceof Number y) || y.doubleValue() == 0) {
            return null;
        }
        return Math.round(100 * x.doubleValue() / y.doubleValue()) / 100.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("memoryGiB", Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
                }
            }
        } catch (Exception e) {
            // informational only
        }
        m.put("loadAverageAtStart", loadAverage());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
