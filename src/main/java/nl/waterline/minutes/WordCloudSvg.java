package nl.waterline.minutes;

import java.util.ArrayList;
import java.util.List;

/**
 * The word cloud of the minutes as an inline SVG, so the exported page needs no script, no font and no
 * other file. The layout is a plain left-to-right flow in centred rows, in the order the minutes give
 * (most divergent first): the same minutes always give the same bytes, which the golden files rely on.
 * Size says how often a term was picked at all; colour, weight and slant say whether it was picked
 * mostly as MOST or mostly as LEAST, so the difference survives a black-and-white printer.
 */
public final class WordCloudSvg {

    static final int WIDTH = 720;
    static final double MIN_FONT = 13;
    static final double MAX_FONT = 34;
    private static final double GAP = 18;
    private static final double MARGIN = 12;
    private static final double LEGEND_FONT = 13;

    /** Which way a term leans; the legend names them with the session's own words for MOST and LEAST. */
    enum Lean {
        MOST("#0b4f8a", "700", "normal"),
        LEAST("#b0451a", "400", "italic"),
        EVEN("#5b6168", "400", "normal");

        final String fill;
        final String weight;
        final String style;

        Lean(String fill, String weight, String style) {
            this.fill = fill;
            this.weight = weight;
            this.style = style;
        }

        static Lean of(int most, int least) {
            return most > least ? MOST : least > most ? LEAST : EVEN;
        }
    }

    private record Placed(String text, double x, double width, double size, Lean lean) {
    }

    private WordCloudSvg() {
    }

    /** An empty string when there is nothing to draw, so the page shows only the table's "none". */
    public static String render(Minutes.WordCloud cloud, Minutes.Headings headings) {
        if (cloud == null || cloud.terms().isEmpty()) {
            return "";
        }
        int maxPicks = 0;
        int minPicks = Integer.MAX_VALUE;
        for (Minutes.TermLine t : cloud.terms()) {
            int picks = t.most() + t.least();
            maxPicks = Math.max(maxPicks, picks);
            minPicks = Math.min(minPicks, picks);
        }

        double available = WIDTH - 2 * MARGIN;
        List<List<Placed>> rows = new ArrayList<>();
        List<Placed> row = new ArrayList<>();
        double rowWidth = 0;
        for (Minutes.TermLine t : cloud.terms()) {
            String text = oneLine(t.term());
            Lean lean = Lean.of(t.most(), t.least());
            double size = fontSize(t.most() + t.least(), minPicks, maxPicks);
            double w = estimateWidth(text, size, lean);
            if (w > available) {
                // A long own word still fits on one row, smaller rather than cut off.
                size = Math.floor(size * available / w * 2) / 2.0;
                w = estimateWidth(text, size, lean);
            }
            double needed = row.isEmpty() ? w : rowWidth + GAP + w;
            if (!row.isEmpty() && needed > available) {
                rows.add(row);
                row = new ArrayList<>();
                needed = w;
            }
            row.add(new Placed(text, needed - w, w, size, lean));
            rowWidth = needed;
        }
        rows.add(row);

        StringBuilder body = new StringBuilder();
        double y = MARGIN;
        for (List<Placed> r : rows) {
            double tallest = r.stream().mapToDouble(Placed::size).max().orElse(MIN_FONT);
            Placed last = r.get(r.size() - 1);
            double offset = (WIDTH - (last.x() + last.width())) / 2;
            double baseline = y + tallest;
            for (Placed p : r) {
                text(body, offset + p.x(), baseline, p.size(), p.lean(), p.text());
            }
            y = baseline + tallest * 0.45;
        }

        // The legend is drawn text, not colour alone: it has to read the same on paper and to a screen reader.
        String most = oneLine(headings.most());
        String least = oneLine(headings.least());
        List<Placed> legend = List.of(
                new Placed(most + " > " + least, 0, 0, LEGEND_FONT, Lean.MOST),
                new Placed(least + " > " + most, 0, 0, LEGEND_FONT, Lean.LEAST),
                new Placed(most + " = " + least, 0, 0, LEGEND_FONT, Lean.EVEN),
                new Placed(most + " + " + least, 0, 0, LEGEND_FONT, null));
        double x = MARGIN;
        double baseline = y + LEGEND_FONT + 10;
        for (Placed item : legend) {
            double sampleWidth = item.lean() == null
                    ? estimateWidth("A", LEGEND_FONT - 3, Lean.EVEN) + estimateWidth("A", LEGEND_FONT + 5, Lean.EVEN) + 2
                    : estimateWidth("Aa", LEGEND_FONT, item.lean());
            double itemWidth = sampleWidth + 6 + estimateWidth(item.text(), LEGEND_FONT, Lean.EVEN);
            if (x > MARGIN && x + itemWidth > WIDTH - MARGIN) {
                x = MARGIN;
                baseline += LEGEND_FONT * 1.8;
            }
            if (item.lean() == null) {
                // Size is the one dimension colour cannot show: a small and a large letter say "more picks, bigger".
                double small = estimateWidth("A", LEGEND_FONT - 3, Lean.EVEN);
                text(body, x, baseline, LEGEND_FONT - 3, Lean.EVEN, "A");
                text(body, x + small + 2, baseline, LEGEND_FONT + 5, Lean.EVEN, "A");
            } else {
                text(body, x, baseline, LEGEND_FONT, item.lean(), "Aa");
            }
            body.append("  <text x=\"").append(num(x + sampleWidth + 6)).append("\" y=\"").append(num(baseline))
                    .append("\" font-size=\"").append(num(LEGEND_FONT)).append("\" fill=\"#222\">")
                    .append(xml(item.text())).append("</text>\n");
            x += itemWidth + 28;
        }
        double height = baseline + MARGIN;

        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wordcloud\" role=\"img\" viewBox=\"0 0 "
                + WIDTH + " " + num(height) + "\" font-family=\"sans-serif\">\n"
                + "  <title>" + xml(oneLine(headings.wordCloud())) + "</title>\n"
                + body
                + "</svg>";
    }

    private static void text(StringBuilder out, double x, double baseline, double size, Lean lean, String text) {
        out.append("  <text x=\"").append(num(x)).append("\" y=\"").append(num(baseline))
                .append("\" font-size=\"").append(num(size)).append("\" fill=\"").append(lean.fill)
                .append("\" font-weight=\"").append(lean.weight).append("\" font-style=\"").append(lean.style)
                .append("\">").append(xml(text)).append("</text>\n");
    }

    static double fontSize(int picks, int minPicks, int maxPicks) {
        if (maxPicks == minPicks) {
            return maxPicks == 0 ? MIN_FONT : (MIN_FONT + MAX_FONT) / 2;
        }
        double share = (double) (picks - minPicks) / (maxPicks - minPicks);
        // Rounded so the markup (and the golden file) does not carry float noise.
        return Math.round((MIN_FONT + share * (MAX_FONT - MIN_FONT)) * 2) / 2.0;
    }

    /**
     * Without a font file there is no way to measure text on the server; a generous average glyph width
     * keeps neighbours apart in any sans-serif the reader's machine picks, at the price of wider gaps.
     */
    static double estimateWidth(String text, double size, Lean lean) {
        double perChar = lean == Lean.MOST ? 0.62 : 0.56;
        return text.codePointCount(0, text.length()) * size * perChar;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** Escapes for XML text and attribute values, and drops characters XML 1.0 cannot carry at all. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    private static String num(double d) {
        double rounded = Math.round(d * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return Double.toString(rounded);
    }
}
