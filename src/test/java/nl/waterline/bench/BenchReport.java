package nl.waterline.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The Markdown tables of a benchmark run, one section per scenario; printed and written next to results.json. */
final class BenchReport {

    static final List<String> LATENCIES = List.of("joinMs", "joinRestMs", "joinSocketMs", "pickToAckMs", "pickToFacilitatorViewMs",
            "pickToProjectorViewMs", "pickToParticipantViewMs", "steadyPickToAckMs", "steadyPickToFacilitatorViewMs",
            "steadyPickToProjectorViewMs", "steadyPickToParticipantViewMs");

    private BenchReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        md.append("Load benchmark ").append(report.get("date")).append("; ").append(report.get("machine")).append("\n");
        if (report.get("waterlineExtraJvmArgs") != null) {
            md.append("\nWaterline started with these JVM flags after the README's: `").append(report.get("waterlineExtraJvmArgs")).append("`\n");
        }
        if (report.get("serverWarmupSeconds") != null) {
            md.append("\nEach server was warmed up, unmeasured, with ").append(report.get("serverWarmupSessions"))
                    .append(" sessions of 100 phones of its own for ").append(report.get("serverWarmupSeconds"))
                    .append(" s before each scenario\n");
        }
        var sections = (Map<String, Object>) report.get("scenarios");
        sections.forEach((name, value) -> section(md, name, (Map<String, Object>) value));
        var sweeps = (Map<String, Object>) report.get("sweeps");
        if (sweeps != null) {
            sweeps.forEach((name, value) -> sweep(md, name, (Map<String, Object>) value));
        }
        var startup = (Map<String, Object>) report.get("startup");
        if (startup != null) {
            md.append("\n### startup: packaged jar, ").append(startup.get("sessions")).append(" finished sessions of ")
                    .append(startup.get("participantsPerSession")).append(" participants in the filled store (")
                    .append(startup.get("storeMiB")).append(" MiB)\n\n| measure | value |\n|---|---|\n")
                    .append("| ready with an empty store, median ms (each start) | ").append(startup.get("readyEmptyMedianMs"))
                    .append(" (").append(startup.get("readyEmptyMs")).append(") |\n")
                    .append("| ready with the filled store, median ms (each start) | ").append(startup.get("readyFilledMedianMs"))
                    .append(" (").append(startup.get("readyFilledMs")).append(") |\n")
                    .append("| filled minus empty, ms (target ≤ 1000) | ").append(startup.get("filledMinusEmptyMs")).append(" |\n")
                    .append("| first request for an old session after the restart, ms | ").append(startup.get("firstUseOfAnOldSessionMs")).append(" |\n");
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void section(StringBuilder md, String name, Map<String, Object> section) {
        var s = (Map<String, Object>) section.get("settings");
        var w = (Map<String, Object>) section.get("waterline");
        var b = (Map<String, Object>) section.get("baseline");
        var ratios = (Map<String, Object>) section.get("ratios");
        md.append("\n### ").append(name).append(": ").append(s.get("sessions")).append(" session(s) × ")
                .append(s.get("participantsPerSession")).append(" participants + facilitator + projector (")
                .append(s.get("connections")).append(" connections), join window ").append(s.get("joinWindowSeconds"))
                .append(" s, change phase ").append(s.get("changeSeconds")).append(" s, a change per participant every ")
                .append(s.get("changeIntervalSeconds")).append(" s");
        if (s.containsKey("stalledFraction")) {
            md.append(", ").append(s.get("stalledFraction")).append(" of participants stall for ").append(s.get("stallSeconds")).append(" s");
        }
        md.append("; started ").append(section.get("startedAt")).append(", load average ").append(section.get("loadAverageAtStart")).append("\n\n");
        if (w == null) {
            md.append("(no result)\n");
            return;
        }
        md.append("| measure | Waterline |").append(b == null ? "" : " bare Vert.x | ratio |").append("\n");
        md.append("|---|---|").append(b == null ? "" : "---|---|").append("\n");
        for (String key : LATENCIES) {
            Object ratio = ratios == null ? null : ratios.get(key.replace("Ms", "P99"));
            row(md, key + " p50 / p99 / max", m -> latency(m.get(key)), w, b, ratio == null ? null : ratio + " (p99)");
        }
        row(md, "steady pick → facilitator view p99 per 5 s from the steady start (UTC), ms", m -> m.get("steadyPickToFacilitatorViewP99Per5sMs")
                + " (from " + m.get("steadyFromUtc") + ")", w, b, null);
        row(md, "generator event-loop lag p50 / p99 / max (steady; included in the latencies above)", m -> latency(m.get("generatorLoopLagMs")), w, b, null);
        row(md, "unread by the generator in its sockets, steady: mean / max KiB (mean in s of its reading)", m -> backlog(m, "generatorUnread")
                + (backlogOf(m).get("generatorUnreadSecondsOfReading") == null ? "" : " (" + backlogOf(m).get("generatorUnreadSecondsOfReading") + " s)"), w, b, null);
        row(md, "unsent in the server's sockets, steady: mean / max KiB", m -> backlog(m, "serverUnsent"), w, b, null);
        row(md, "join storm: last welcome after s / join failures", m -> m.get("joinStormSeconds") + " / " + m.get("joinFailures"), w, b, null);
        row(md, "participant viewers (timed) / their last view converged", m -> m.get("participantViewers") + " / " + m.get("participantViewsConverged"), w, b, null);
        row(md, "joined / connections at peak / closed unexpectedly", m -> m.get("participantsJoined") + " / " + m.get("connectionsAtPeak")
                + " / " + m.get("connectionsClosedUnexpectedly"), w, b, null);
        row(md, "commands acked / unanswered / errors", m -> m.get("commandsAcked") + " / " + m.get("commandsUnanswered") + " / " + m.get("errors"), w, b, null);
        row(md, "picks acked", m -> String.valueOf(m.get("picksAcked")), w, b, null);
        row(md, "frames / bytes received per pick (all clients)", m -> m.get("framesPerPick") + " / " + m.get("bytesPerPick"), w, b, null);
        row(md, "delivered frames/s", m -> String.valueOf(m.get("deliveredFramesPerSecond")), w, b,
                ratios == null ? null : String.valueOf(ratios.get("deliveredFramesPerSecond")));
        row(md, "acked commands/s", m -> String.valueOf(m.get("ackedCommandsPerSecond")), w, b,
                ratios == null ? null : String.valueOf(ratios.get("ackedCommandsPerSecond")));
        row(md, "lost / duplicated picks (view; CSV)", m -> m.get("lostPicksView") + " / " + m.get("duplicatedPicksView") + "; "
                + m.get("lostPicksCsv") + " / " + m.get("duplicatedPicksCsv"), w, b, null);
        row(md, "facilitator views converged", m -> String.valueOf(m.get("facilitatorViewConverged")), w, b, null);
        row(md, "server CPU s (% of all cores)", m -> m.get("serverCpuSeconds") + " (" + m.get("serverCpuPercentOfAllCores") + " %)", w, b,
                ratios == null ? null : String.valueOf(ratios.get("serverCpuSeconds")));
        row(md, "server CPU s by thread", m -> m.get("serverCpuSecondsByThread") instanceof Map<?, ?> byThread && !byThread.isEmpty()
                ? byThread.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                : "–", w, b, null);
        row(md, "generator CPU s (% of all cores)", m -> m.get("generatorCpuSeconds") + " (" + m.get("generatorCpuPercentOfAllCores") + " %)", w, b, null);
        row(md, "heap after full GC with all connected, MiB (idle before)", m -> peak(m, "serverHeapAfterGcMiB") + " (" + m.get("serverHeapAfterGcIdleMiB") + ")", w, b, null);
        row(md, "heap per connection KiB (above idle)", m -> peak(m, "heapPerConnectionKiB") + " (" + peak(m, "heapAboveIdlePerConnectionKiB") + ")", w, b, null);
        row(md, "RSS peak MiB; per connection KiB", m -> peak(m, "serverRssPeakMiB") + "; " + peak(m, "rssPeakPerConnectionKiB"), w, b, null);
        row(md, "heap in use max; old gen max / at end, MiB; GC s", m -> heap(m, "heapUsedMaxMiB") + "; " + heap(m, "oldGenUsedMaxMiB")
                + " / " + heap(m, "oldGenUsedAtEndMiB") + "; " + heap(m, "gcSeconds"), w, b, null);
        row(md, "ready after start (ms)", m -> String.valueOf(m.get("readyMs")), w, b, null);
        if (w.get("stalled") != null) {
            for (String key : ((Map<String, Object>) w.get("stalled")).keySet()) {
                row(md, "stalled: " + key, m -> {
                    Object v = m.get("stalled") instanceof Map<?, ?> st ? st.get(key) : null;
                    return v instanceof Map<?, ?> ? latency(v) : String.valueOf(v);
                }, w, b, null);
            }
            row(md, "old gen timeline (s:MiB)", m -> String.valueOf(heap(m, "oldGenTimelineMiB")), w, b, null);
        }
        var compared = (Map<String, Object>) section.get("honestP99ComparedWithL1k");
        if (compared != null) {
            var cw = (Map<String, Object>) compared.get("waterline");
            var cb = (Map<String, Object>) compared.get("baseline");
            for (String key : LATENCIES.stream().filter(k -> !k.startsWith("join")).map(k -> k.replace("Ms", "P99IncreaseMs")).toList()) {
                row(md, "honest " + key + " vs L1k (target ≤ 50)", m -> String.valueOf(m.get(key)), cw, cb, null);
            }
        }
        if (w.get("failures") instanceof List<?> f && !f.isEmpty()) {
            md.append("\nWaterline failures: ").append(f).append('\n');
        }
        if (b != null && b.get("failures") instanceof List<?> f && !f.isEmpty()) {
            md.append("\nBaseline failures: ").append(f).append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static void sweep(StringBuilder md, String name, Map<String, Object> sweep) {
        md.append("\n### ").append(name).append(" at several change intervals: throughput at the same p99\n\n")
                .append("Steady state, pick → facilitator view; throughput = acknowledged commands/s.\n\n")
                .append("| server | a change every | acked commands/s | p99 ms |\n|---|---|---|---|\n");
        for (String server : List.of("waterline", "baseline")) {
            for (LoadSweep.Point p : (List<LoadSweep.Point>) sweep.get(server)) {
                md.append("| ").append(server.equals("waterline") ? "Waterline" : "bare Vert.x").append(" | ")
                        .append(p.intervalSeconds()).append(" s | ").append(Samples.round(p.commandsPerSecond())).append(" | ")
                        .append(Samples.round(p.p99Ms())).append(" |\n");
            }
        }
        md.append("\n| at p99 ≤ ms | Waterline commands/s | bare Vert.x commands/s | ratio (target ≥ 0.5) |\n|---|---|---|---|\n");
        boolean waterlineRan = !((List<?>) sweep.get("waterline")).isEmpty();
        boolean baselineRan = !((List<?>) sweep.get("baseline")).isEmpty();
        for (Map<String, Object> row : (List<Map<String, Object>>) sweep.get("atEqualP99")) {
            md.append("| ").append(row.get("p99Ms")).append(Boolean.TRUE.equals(row.get("target")) ? " (the L10k target)" : "")
                    .append(" | ").append(orBelow(waterlineRan, row.get("waterlineCommandsPerSecond"))).append(" | ")
                    .append(orBelow(baselineRan, row.get("baselineCommandsPerSecond"))).append(" | ")
                    .append(row.get("ratio") == null ? "–" : row.get("ratio")).append(" |\n");
        }
    }

    private static String orBelow(boolean ran, Object commandsPerSecond) {
        if (!ran) {
            return "not run";
        }
        return commandsPerSecond == null ? "over it at the lightest load run" : String.valueOf(commandsPerSecond);
    }

    private static void row(StringBuilder md, String name, Function<Map<String, Object>, String> value,
                            Map<String, Object> w, Map<String, Object> b, String ratio) {
        md.append("| ").append(name).append(" | ").append(w == null ? "" : value.apply(w)).append(" |");
        if (b != null) {
            md.append(' ').append(value.apply(b)).append(" | ").append(ratio == null || ratio.equals("null") ? "" : ratio).append(" |");
        }
        md.append('\n');
    }

    private static Object peak(Map<String, Object> m, String key) {
        return m.get("atPeak") instanceof Map<?, ?> p ? p.get(key) : null;
    }

    private static Object heap(Map<String, Object> m, String key) {
        return m.get("serverHeap") instanceof Map<?, ?> p ? p.get(key) : null;
    }

    private static String latency(Object summary) {
        if (!(summary instanceof Map<?, ?> s)) {
            return "";
        }
        return s.get("p50Ms") + " / " + s.get("p99Ms") + " / " + s.get("maxMs") + " ms (n=" + s.get("count") + ")";
    }

    private static Map<?, ?> backlogOf(Map<String, Object> scenario) {
        return scenario.get("socketBacklog") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String backlog(Map<String, Object> scenario, String prefix) {
        Map<?, ?> m = backlogOf(scenario);
        return m.get(prefix + "KiBMean") == null ? "" : m.get(prefix + "KiBMean") + " / " + m.get(prefix + "KiBMax");
    }
}
