package nl.waterline.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput at the same p99. One run at one load says how fast each server is at that load, but a closed-loop
 * client offers less to a slower server, so the two servers end the run at different p99s and their throughputs
 * are not comparable. Runs of one scenario at several change intervals ({@code L10k@4000}, {@code L10k@8000}, …)
 * give each server a curve of throughput against p99; this reads from Waterline's curve the throughput it holds at
 * each p99 the baseline reached, and at the target's p99.
 */
final class LoadSweep {

    /** A run's acknowledged commands per second and its p99 (steady state, pick → facilitator view). */
    record Point(double intervalSeconds, double commandsPerSecond, double p99Ms) {
    }

    private LoadSweep() {
    }

    /** {@code L10k@4000} → L10k and 4000 ms; a name without {@code @} has no interval of its own (null). */
    static String baseName(String scenario) {
        int at = scenario.indexOf('@');
        return at < 0 ? scenario : scenario.substring(0, at);
    }

    static Long intervalMs(String scenario) {
        int at = scenario.indexOf('@');
        if (at < 0) {
            return null;
        }
        try {
            long ms = Long.parseLong(scenario.substring(at + 1).trim());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + scenario + "': after @ comes the change interval in ms, e.g. L10k@4000");
        }
    }

    /**
     * The highest throughput a server held at a p99 of at most {@code p99Ms}: the heaviest measured run within it,
     * and from there linearly towards the next heavier run, which was over it. Null when even the lightest run was
     * over it (the curve says nothing below its lightest load).
     */
    static Double commandsPerSecondAt(List<Point> curve, double p99Ms) {
        List<Point> byLoad = curve.stream().sorted(Comparator.comparingDouble(Point::commandsPerSecond)).toList();
        Point within = null;
        Point over = null;
        for (Point p : byLoad) {
            if (p.p99Ms() <= p99Ms) {
                within = p;
                over = null;
            } else if (within != null && over == null) {
                over = p;
            }
        }
        if (within == null) {
            return null;
        }
        if (over == null) {
            return within.commandsPerSecond();
        }
        double share = (p99Ms - within.p99Ms()) / (over.p99Ms() - within.p99Ms());
        return within.commandsPerSecond() + share * (over.commandsPerSecond() - within.commandsPerSecond());
    }

    /**
     * For each scenario run at two or more intervals: both servers' curves and, at each baseline run's p99 and at
     * {@code targetP99Ms}, the throughput of each server and their ratio.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> sections, double targetP99Ms) {
        Map<String, Map<String, List<Point>>> curves = new TreeMap<>();
        sections.forEach((name, value) -> {
            var section = (Map<String, Object>) value;
            var settings = (Map<String, Object>) section.get("settings");
            for (String server : List.of("waterline", "baseline")) {
                var measured = (Map<String, Object>) section.get(server);
                Point p = measured == null ? null : point(settings, measured);
                if (p != null) {
                    curves.computeIfAbsent(baseName(name), k -> new LinkedHashMap<>())
                            .computeIfAbsent(server, k -> new ArrayList<>()).add(p);
                }
            }
        });
        Map<String, Object> sweeps = new LinkedHashMap<>();
        curves.forEach((scenario, byServer) -> {
            List<Point> w = byServer.getOrDefault("waterline", List.of());
            List<Point> b = byServer.getOrDefault("baseline", List.of());
            if (w.size() < 2 && b.size() < 2) {
                return;
            }
            Map<String, Object> sweep = new LinkedHashMap<>();
            sweep.put("waterline", sorted(w));
            sweep.put("baseline", sorted(b));
            List<Map<String, Object>> atEqualP99 = new ArrayList<>();
            List<Double> levels = new ArrayList<>();
            levels.add(targetP99Ms);
            sorted(b).forEach(p -> levels.add(p.p99Ms()));
            for (double level : levels.stream().distinct().sorted().toList()) {
                Double wAt = commandsPerSecondAt(w, level);
                Double bAt = commandsPerSecondAt(b, level);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("p99Ms", Samples.round(level));
                row.put("target", level == targetP99Ms);
                row.put("waterlineCommandsPerSecond", wAt == null ? null : Samples.round(wAt));
                row.put("baselineCommandsPerSecond", bAt == null ? null : Samples.round(bAt));
                row.put("ratio", wAt == null || bAt == null || bAt == 0 ? null : Math.round(100 * wAt / bAt) / 100.0);
                atEqualP99.add(row);
            }
            sweep.put("atEqualP99", atEqualP99);
            sweeps.put(scenario, sweep);
        });
        return sweeps;
    }

    private static List<Point> sorted(List<Point> points) {
        return points.stream().sorted(Comparator.comparingDouble(Point::intervalSeconds)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Point point(Map<String, Object> settings, Map<String, Object> measured) {
        Object interval = settings.get("changeIntervalSeconds");
        Object commands = measured.get("ackedCommandsPerSecond");
        Object p99 = LoadBenchmark.p99(measured, "steadyPickToFacilitatorViewMs");
        if (interval instanceof Number i && commands instanceof Number c && p99 instanceof Number p) {
            return new Point(i.doubleValue(), c.doubleValue(), p.doubleValue());
        }
        return null;
    }
}
