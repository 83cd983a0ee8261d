package nl.waterline.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadSweepTest {

    private static final List<LoadSweep.Point> CURVE = List.of(
            new LoadSweep.Point(8, 2_000, 300),
            new LoadSweep.Point(4, 4_000, 700),
            new LoadSweep.Point(2, 6_000, 1_900));

    @Test
    void throughputAtAP99IsReadBetweenTheHeaviestRunWithinItAndTheNextHeavierOne() {
        assertEquals(3_000, LoadSweep.commandsPerSecondAt(CURVE, 500), 1e-9);
        assertEquals(5_000, LoadSweep.commandsPerSecondAt(CURVE, 1_300), 1e-9);
        assertEquals(4_000, LoadSweep.commandsPerSecondAt(CURVE, 700), 1e-9);
    }

    @Test
    void aP99BelowTheLightestRunSaysNothingAndOneAboveTheHeaviestIsItsThroughput() {
        assertNull(LoadSweep.commandsPerSecondAt(CURVE, 200));
        assertEquals(6_000, LoadSweep.commandsPerSecondAt(CURVE, 5_000), 1e-9);
    }

    @Test
    void aNoisyCurveTakesTheHeaviestRunWithinTheP99() {
        List<LoadSweep.Point> noisy = List.of(
                new LoadSweep.Point(8, 2_000, 300),
                new LoadSweep.Point(6, 3_000, 900),
                new LoadSweep.Point(4, 4_000, 450),
                new LoadSweep.Point(2, 6_000, 1_450));
        assertEquals(4_500, LoadSweep.commandsPerSecondAt(noisy, 700), 1e-9);
    }

    @Test
    void aSweepComparesWaterlineWithTheBaselineAtEachOfTheBaselinesP99sAndAtTheTarget() {
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("L1k", section(2, 1_000, 50, 1_000, 40));
        sections.put("L10k@2000", section(2, 6_000, 1_900, 9_000, 1_200));
        sections.put("L10k@4000", section(4, 4_000, 700, 5_000, 300));
        sections.put("L10k@8000", section(8, 2_000, 300, 2_500, 100));

        Map<String, Object> sweeps = LoadSweep.of(sections, 500);

        assertEquals(List.of("L10k"), List.copyOf(sweeps.keySet()), "L1k ran at one interval only");
        @SuppressWarnings("unchecked")
        var rows = (List<Map<String, Object>>) ((Map<String, Object>) sweeps.get("L10k")).get("atEqualP99");
        assertEquals(List.of(100.0, 300.0, 500.0, 1_200.0), rows.stream().map(r -> r.get("p99Ms")).toList());
        Map<String, Object> atTarget = rows.get(2);
        assertTrue((Boolean) atTarget.get("target"));
        assertEquals(3_000.0, atTarget.get("waterlineCommandsPerSecond"));
        assertEquals(5_000 + 4_000 * 200 / 900.0, (Double) atTarget.get("baselineCommandsPerSecond"), 0.1);
        Map<String, Object> atBaselineHeaviest = rows.get(3);
        assertEquals(4_000 + 2_000 * 500 / 1_200.0, (Double) atBaselineHeaviest.get("waterlineCommandsPerSecond"), 0.1);
        assertEquals(0.54, atBaselineHeaviest.get("ratio"));
        assertNull(rows.get(0).get("waterlineCommandsPerSecond"), "Waterline's lightest run was over 100 ms");
        assertNull(rows.get(0).get("ratio"));
    }

    @Test
    void aWaterlineOnlySweepIsReportedWithTheBaselineAsNotRun() {
        Map<String, Object> sections = new LinkedHashMap<>();
        for (double[] run : new double[][] {{2, 6_000, 1_900}, {8, 2_000, 300}, {4, 4_000, 700}}) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("settings", Map.of("changeIntervalSeconds", run[0]));
            section.put("waterline", measured(run[1], run[2]));
            sections.put("L10k@" + (long) (run[0] * 1000), section);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", "2026-11-29T19:00:00Z");
        report.put("machine", Map.of("cores", 2));
        report.put("scenarios", sections);
        report.put("sweeps", LoadSweep.of(sections, 500));

        String markdown = BenchReport.markdown(report);

        assertTrue(markdown.contains("| Waterline | 8.0 s | 2000.0 | 300.0 |"), markdown);
        assertTrue(markdown.contains("| 500.0 (the L10k target) | 3000.0 | not run | – |"), markdown);
    }

    @Test
    void aScenarioNameCarriesItsChangeInterval() {
        assertEquals("L10k", LoadSweep.baseName("L10k@4000"));
        assertEquals(4000L, LoadSweep.intervalMs("L10k@4000"));
        assertNull(LoadSweep.intervalMs("L10k"));
        assertThrows(IllegalArgumentException.class, () -> LoadSweep.intervalMs("L10k@soon"));
        assertThrows(IllegalArgumentException.class, () -> LoadSweep.intervalMs("L10k@0"));
    }

    private static Map<String, Object> section(double intervalSeconds, double waterlineCommands, double waterlineP99,
                                               double baselineCommands, double baselineP99) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("settings", Map.of("changeIntervalSeconds", intervalSeconds));
        section.put("waterline", measured(waterlineCommands, waterlineP99));
        section.put("baseline", measured(baselineCommands, baselineP99));
        return section;
    }

    private static Map<String, Object> measured(double commandsPerSecond, double viewP99) {
        return Map.of("ackedCommandsPerSecond", commandsPerSecond,
                "steadyPickToFacilitatorViewMs", Map.of("p50Ms", viewP99 / 3, "p99Ms", viewP99));
    }
}
