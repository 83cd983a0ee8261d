package nl.waterline.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest {

    @Test
    void threadsAreGroupedByTheNamesTheKernelKeeps() {
        assertEquals("event loops", ThreadCpu.groupOf("vert.x-eventloo"));
        assertEquals("session writers", ThreadCpu.groupOf("waterline-write"));
        assertEquals("store", ThreadCpu.groupOf("waterline-store"));
        assertEquals("JIT", ThreadCpu.groupOf("C2 CompilerThre"));
        assertEquals("JIT", ThreadCpu.groupOf("C1 CompilerThre"));
        assertEquals("GC", ThreadCpu.groupOf("GC Thread#1"));
        assertEquals("GC", ThreadCpu.groupOf("G1 Refine#0"));
        assertEquals("other", ThreadCpu.groupOf("main"));
    }

    @Test
    void secondsAreTheDifferenceAndGroupsThatDidNothingAreLeftOut() {
        Map<String, Double> used = ThreadCpu.secondsBetween(Map.of("store", 100L, "JIT", 50L, "GC", 7L),
                Map.of("store", 350L, "JIT", 50L, "GC", 7L, "event loops", 120L));
        assertEquals(Map.of("store", 2.5, "event loops", 1.2), used);
    }

    @Test
    void aRunningProcessShowsTheCpuItUsed() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        long pid = ProcessHandle.current().pid();
        Map<String, Long> before = ThreadCpu.snapshot(pid);
        long sum = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            sum += i ^ (sum >>> 3);
        }
        Map<String, Long> after = ThreadCpu.snapshot(pid);
        assertTrue(sum != 42, "keeps the loop");
        assertTrue(after.values().stream().mapToLong(Long::longValue).sum()
                > before.values().stream().mapToLong(Long::longValue).sum(), before + " → " + after);
    }
}
