package nl.waterline.bench;

import java.util.List;
import java.util.Map;

/** The Markdown table of a benchmark run, printed and written next to results.json. */
final class BenchReport {

    private BenchReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        var w = (Map<String, Object>) report.get("waterline");
        var b = (Map<String, Object>) report.get("baseline");
        StringBuilder md = new StringBuilder();
        md.append("L1k: ").append(report.get("participants")).append(" participants + facilitator + projector, join window ")
                .append(report.get("joinWindowSeconds")).append(" s, change phase ").append(report.get("changeSeconds"))
                .append(" s; ").append(report.get("date")).append("; ").append(report.get("machine")).append("\n\n");
        md.append("| measure | Waterline |").append(b == null ? "" : " bare Vert.x | ratio |").append("\n");
        md.append("|---|---|").append(b == null ? "" : "---|---|").append("\n");
        for (String key : List.of("joinMs", "pickToAckMs", "pickToFacilitatorViewMs", "pickToProjectorViewMs")) {
            row(md, key + " p50 / p99 / max", latency(w.get(key)), b == null ? null : latency(b.get(key)),
                    b == null ? null : ((Map<String, Object>) report.get("ratios")).get(key.replace("Ms", "P99")), "(p99)");
        }
        for (String key : List.of("participantsJoined", "commandsAcked", "picksAcked", "commandsUnanswered", "errors",
                "framesPerPick", "bytesPerPick", "deliveredFramesPerSecond", "ackedCommandsPerSecond",
                "lostPicksView", "duplicatedPicksView", "lostPicksCsv", "duplicatedPicksCsv", "facilitatorViewConverged",
                "serverCpuSeconds", "serverCpuPercentOfAllCores", "generatorCpuSeconds", "serverRssMiB", "serverHeapAfterGcMiB", "readyMs")) {
            Object ratio = b == null ? null : ((Map<String, Object>) report.get("ratios")).get(key);
            row(md, key, String.valueOf(w.get(key)), b == null ? null : String.valueOf(b.get(key)), ratio, "");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String waterline, String baseline, Object ratio, String note) {
        md.append("| ").append(name).append(" | ").append(waterline).append(" |");
        if (baseline != null) {
            md.append(' ').append(baseline).append(" | ").append(ratio == null ? "" : ratio + " " + note).append(" |");
        }
        md.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static String latency(Object summary) {
        var s = (Map<String, Object>) summary;
        return s.get("p50Ms") + " / " + s.get("p99Ms") + " / " + s.get("maxMs") + " ms (n=" + s.get("count") + ")";
    }
}
