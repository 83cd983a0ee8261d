package nl.waterline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU of a server process per kind of thread, from {@code /proc/<pid>/task/*}: which part of the server a
 * scenario's CPU went to (event loops, the sessions' writers, the store, the JIT compiler, the garbage
 * collector). The JIT's share is invisible to a Java profiler, and on two cores it is a large part of a
 * run that starts on a fresh JVM.
 */
final class ThreadCpu {

    /** Thread-name prefix (as the kernel keeps it: at most 15 characters) → group, first match wins. */
    private static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("vert.x-eventloo", "event loops"),
            Map.entry("waterline-write", "session writers"),
            Map.entry("waterline-store", "store"),
            Map.entry("executor-thread", "worker pool"),
            Map.entry("C1 CompilerThre", "JIT"),
            Map.entry("C2 CompilerThre", "JIT"),
            Map.entry("GC Thread", "GC"),
            Map.entry("G1 ", "GC"));

    private ThreadCpu() {
    }

    /** Ticks so far per group; empty where {@code /proc} is not there. */
    static Map<String, Long> snapshot(long pid) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/" + pid + "/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                ticks.merge(groupOf(name), ServerProcess.cpuTicks(stat), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return new LinkedHashMap<>();
        }
        return ticks;
    }

    static String groupOf(String threadName) {
        return GROUPS.stream().filter(g -> threadName.startsWith(g.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }

    /** CPU seconds per group between two snapshots (threads that ended in between are not counted). */
    static Map<String, Double> secondsBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : List.of("event loops", "session writers", "store", "worker pool", "JIT", "GC", "other")) {
            long used = after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
            if (after.containsKey(group) && used > 0) {
                seconds.put(group, Samples.round(used / ServerProcess.CLOCK_TICKS_PER_SECOND));
            }
        }
        return seconds;
    }
}
