package nl.waterline.bench;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load benchmark of issue 5 (scenario L1k): starts Waterline from the packaged jar as its own
 * process, runs {@link Scenario} against it, then the same scenario against {@link BaselineServer}
 * (a bare Vert.x server, the practical limit of this machine), and writes target/bench/results.json
 * and results.md.
 *
 * <p>Settings (system properties): {@code bench.participants} (1000), {@code bench.seconds} (60, the
 * change phase after the join storm), {@code bench.baseline} (true), {@code bench.dir} (project folder,
 * default the working directory).
 */
public final class LoadBenchmark {

    public static void main(String[] args) throws Exception {
        int participants = Integer.getInteger("bench.participants", 1000);
        int seconds = Integer.getInteger("bench.seconds", 60);
        boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
        Path project = Path.of(System.getProperty("bench.dir", ".")).toAbsolutePath().normalize();
        Path out = project.resolve("target/bench");
        Files.createDirectories(out);
        Path jar = project.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar + ": run ./mvnw package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String templates = project.resolve("session-templates").toString();
        Scenario.Settings settings = Scenario.Settings.of(participants, seconds, null);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("scenario", "L1k");
        report.put("participants", participants);
        report.put("joinWindowSeconds", settings.joinWindow().toMillis() / 1000.0);
        report.put("changeSeconds", seconds);
        report.put("machine", machine());

        int port = freePort();
        Path dataDir = Files.createTempDirectory("waterline-bench-data");
        List<String> waterline = new ArrayList<>(List.of(java));
        // e.g. -Dbench.serverJvmArgs="-XX:StartFlightRecording=filename=target/bench/waterline.jfr" to profile
        String extra = System.getProperty("bench.serverJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            waterline.addAll(List.of(extra.split("\\s+")));
        }
        waterline.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dwaterline.data-dir=" + dataDir, "-Dwaterline.templates-dir=" + templates, "-jar", jar.toString()));
        report.put("waterline", measure("waterline", waterline, project, port, out.resolve("waterline.log"), settings));

        if (baseline) {
            int basePort = freePort();
            List<String> bare = List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-Dbench.port=" + basePort, "-Dwaterline.templates-dir=" + templates, BaselineServer.class.getName());
            report.put("baseline", measure("baseline", bare, project, basePort, out.resolve("baseline.log"), settings));
            report.put("ratios", ratios(report));
        }

        var json = Scenario.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("results.json"), json.writeValueAsString(report));
        String markdown = BenchReport.markdown(report);
        Files.writeString(out.resolve("results.md"), markdown);
        System.out.println(markdown);
        System.out.println("Written " + out.resolve("results.json") + " and results.md");
        // The Vert.x and JDK client threads must not keep the exec plugin's JVM alive.
        System.exit(0);
    }

    private static Map<String, Object> measure(String name, List<String> command, Path workDir, int port, Path log,
                                               Scenario.Settings settings) throws Exception {
        System.out.println("Starting " + name + " (log " + log + ")");
        try (ServerProcess server = ServerProcess.start(name, command, workDir, port, log)) {
            Duration ready = server.awaitReady(Duration.ofSeconds(60));
            double cpuBefore = server.cpuSeconds();
            // The generator shares the two cores with the server: its CPU shows how much of the box it took.
            long self = ProcessHandle.current().pid();
            double generatorBefore = ServerProcess.cpuSeconds(self);
            System.out.println(name + " ready in " + ready.toMillis() + " ms (pid " + server.pid() + "); running "
                    + settings.participants() + " participants");
            Scenario.Result result = Scenario.run(server.base, settings);
            double cpu = server.cpuSeconds() - cpuBefore;
            double generatorCpu = ServerProcess.cpuSeconds(self) - generatorBefore;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", server.pid());
            m.put("readyMs", ready.toMillis());
            m.putAll(result.toMap());
            m.put("serverCpuSeconds", Samples.round(cpu));
            // Over the whole scenario (join storm, change phase, settling), against all cores of the machine.
            m.put("serverCpuPercentOfAllCores", Samples.round(100 * cpu / result.wallSeconds / Runtime.getRuntime().availableProcessors()));
            m.put("generatorCpuSeconds", Samples.round(generatorCpu));
            m.put("serverRssMiB", Samples.round(server.rssMiB()));
            m.put("serverHeapAfterGcMiB", Samples.round(server.heapAfterGcMiB()));
            return m;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratios(Map<String, Object> report) {
        var w = (Map<String, Object>) report.get("waterline");
        var b = (Map<String, Object>) report.get("baseline");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("deliveredFramesPerSecond", ratio(w.get("deliveredFramesPerSecond"), b.get("deliveredFramesPerSecond")));
        r.put("ackedCommandsPerSecond", ratio(w.get("ackedCommandsPerSecond"), b.get("ackedCommandsPerSecond")));
        for (String key : List.of("joinMs", "pickToAckMs", "pickToFacilitatorViewMs", "pickToProjectorViewMs")) {
            r.put(key.replace("Ms", "P99"), ratio(((Map<String, Object>) w.get(key)).get("p99Ms"), ((Map<String, Object>) b.get(key)).get("p99Ms")));
        }
        return r;
    }

    private static Double ratio(Object a, Object b) {
        if (!(a instanceof Number x) || !(b instanceof Number y) || y.doubleValue() == 0) {
            return null;
        }
        return Math.round(100 * x.doubleValue() / y.doubleValue()) / 100.0;
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
            m.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (Exception e) {
            // informational only
        }
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
