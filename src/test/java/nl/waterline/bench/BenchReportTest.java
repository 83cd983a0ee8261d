package nl.waterline.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report must say how the servers were run: numbers from a warm server or with other JVM flags are not comparable with the rest. */
class BenchReportTest {

    @Test
    void aReportNamesWaterlinesExtraFlagsAndTheServersWarmUp() {
        Map<String, Object> report = emptyReport();
        report.put("waterlineExtraJvmArgs", "-XX:TieredStopAtLevel=4");
        report.put("serverWarmupSeconds", 120);
        report.put("serverWarmupSessions", 20);

        String markdown = BenchReport.markdown(report);

        assertTrue(markdown.contains("JVM flags after the README's: `-XX:TieredStopAtLevel=4`"), markdown);
        assertTrue(markdown.contains("warmed up, unmeasured, with 20 sessions of 100 phones of its own for 120 s"), markdown);
    }

    @Test
    void aReportOfServersRunAsTheReadmeStartsThemSaysNothingOfFlagsOrWarmUp() {
        String markdown = BenchReport.markdown(emptyReport());

        assertFalse(markdown.contains("JVM flags"), markdown);
        assertFalse(markdown.contains("warmed up"), markdown);
    }

    private static Map<String, Object> emptyReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", "2026-11-29T20:00:00Z");
        report.put("machine", Map.of("cores", 2));
        report.put("scenarios", new LinkedHashMap<>());
        return report;
    }
}
