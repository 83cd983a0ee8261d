package nl.waterline.minutes;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The minutes as a Word document (.docx), laid out like chapter 3 of the seed report: per issue a
 * Heading 1 and its introduction, then per stakeholder group a Heading 2 and a table role · perspective ·
 * quotes.
 *
 * <p>A blank XWPF document carries no styles at all, so a paragraph that merely names "Heading1" would be
 * plain text to Word. The styles are therefore defined here with Word's built-in names ("heading 1",
 * "Title", …) and an outline level: that is what Word's navigation pane, its table of contents and
 * LibreOffice's navigator recognise, and Word maps them onto its own localized heading styles.
 *
 * <p>All text reaches POI as text (runs), never as XML, so markup, ampersands and quotes in notes stay
 * literal. Line breaks inside a text become Word line breaks, tabs become Word tabs, so the text reads
 * back (paragraph.getText()) exactly as it went in.
 */
public final class DocxMinutes {

    private static final String HEADER_SHADE = "D9E2F3";
    private static final String ACCENT = "1F3864";
    private static final String BORDER = "808080";
    /** A4 with 2 cm margins, in twentieths of a point: Dutch readers print on A4, not Letter. */
    private static final int PAGE_WIDTH = 11906;
    private static final int PAGE_HEIGHT = 16838;
    private static final int MARGIN = 1134;
    private static final int TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

    private DocxMinutes() {
    }

    public static byte[] write(Minutes m) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new Writer(doc, m).write();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private enum Look { PLAIN, BOLD, ITALIC }

    /** One paragraph inside a table cell. */
    private record Line(String text, Look look) {
        static Line plain(String text) {
            return new Line(text, Look.PLAIN);
        }

        static Line italic(String text) {
            return new Line(text, Look.ITALIC);
        }
    }

    private static List<Line> lines(List<String> texts) {
        return texts.stream().map(Line::plain).toList();
    }

    private static final class Writer {
        private final XWPFDocument doc;
        private final Minutes m;
        private final Minutes.Headings h;
        private final Locale locale;

        Writer(XWPFDocument doc, Minutes m) {
            this.doc = doc;
            this.m = m;
            this.h = m.headings();
            this.locale = m.language() == null ? Locale.ROOT : Locale.forLanguageTag(m.language());
        }

        void write() {
            defineStyles();
            properties();
            titleAndMeta();
            attendance();
            wordCloud();
            subgroups();
            questions(h.questions(), m.questions());
            questions(h.parked(), m.parked());
            discussion();
            harvest();
            issues();
            page();
        }

        private void page() {
            CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                    : doc.getDocument().getBody().addNewSectPr();
            CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
            size.setW(BigInteger.valueOf(PAGE_WIDTH));
            size.setH(BigInteger.valueOf(PAGE_HEIGHT));
            CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
            margins.setTop(BigInteger.valueOf(MARGIN));
            margins.setBottom(BigInteger.valueOf(MARGIN));
            margins.setLeft(BigInteger.valueOf(MARGIN));
            margins.setRight(BigInteger.valueOf(MARGIN));
            margins.setHeader(BigInteger.valueOf(708));
            margins.setFooter(BigInteger.valueOf(708));
            margins.setGutter(BigInteger.ZERO);
        }

        private void properties() {
            var core = doc.getProperties().getCoreProperties();
            core.setTitle(m.title());
            core.setSubjectProperty(h.minutes());
            core.setCreator("Waterline");
        }

        private void titleAndMeta() {
            styled("Title", m.title());
            styled("Subtitle", h.minutes());
            if (m.date() != null) {
                labelled(h.date(), DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(m.date()));
            }
            labelled(h.template(), m.templateTitle());
            if (m.series() != null) {
                labelled(h.series(), m.series());
            }
        }

        private void attendance() {
            styled("Heading1", h.attendance());
            Minutes.Attendance a = m.attendance();
            List<List<List<Line>>> rows = new ArrayList<>();
            for (Minutes.GroupCount g : a.groups()) {
                if (g.roles().isEmpty()) {
                    rows.add(List.of(List.of(Line.plain(g.group())), List.of(), List.of(Line.plain(number(g.count())))));
                }
                // The group is repeated on each row so the table still reads right when copied into a spreadsheet.
                for (Minutes.RoleCount r : g.roles()) {
                    rows.add(List.of(List.of(Line.plain(g.group())), List.of(Line.plain(r.role())),
                            List.of(Line.plain(number(r.count())))));
                }
            }
            if (rows.isEmpty()) {
                none();
            } else {
                // "participants" is a lower-case word for after a number, as in the seed's "18 deelnemers".
                paragraph(number(a.total()) + " " + h.participants());
                table(List.of(h.group(), h.role(), h.count()), rows, null);
            }
            if (a.missingSentence() != null) {
                paragraph(a.missingSentence());
            }
        }

        private void wordCloud() {
            styled("Heading1", h.wordCloud());
            Minutes.WordCloud w = m.wordCloud();
            if (w == null || w.terms().isEmpty()) {
                none();
                return;
            }
            paragraph(number(w.participantsWithPicks()) + " " + h.participants());
            // One compact "most / least" cell per group rather than a column pair: with five or six groups a
            // pair per group would give a table too wide for a portrait page.
            List<String> headers = new ArrayList<>(List.of(h.term(), h.most(), h.least(), h.divergence()));
            headers.addAll(w.groups());
            List<List<List<Line>>> rows = new ArrayList<>();
            for (Minutes.TermLine t : w.terms()) {
                List<List<Line>> row = new ArrayList<>();
                row.add(t.own() ? List.of(Line.plain(t.term()), Line.italic(h.ownWord())) : List.of(Line.plain(t.term())));
                row.add(List.of(Line.plain(number(t.most()))));
                row.add(List.of(Line.plain(number(t.least()))));
                row.add(List.of(Line.plain(String.format(locale, "%.2f", t.divergence()))));
                for (Minutes.GroupPicks g : t.byGroup()) {
                    row.add(List.of(Line.plain(number(g.most()) + " / " + number(g.least()))));
                }
                rows.add(row);
            }
            List<List<Line>> headerCells = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                headerCells.add(i < 4 ? List.of(new Line(headers.get(i), Look.BOLD))
                        : List.of(new Line(headers.get(i), Look.BOLD), Line.italic(h.most() + " / " + h.least())));
            }
            double[] widths = new double[headers.size()];
            widths[0] = 0.22;
            widths[1] = widths[2] = widths[3] = 0.08;
            for (int i = 4; i < widths.length; i++) {
                widths[i] = 0.54 / (widths.length - 4);
            }
            if (widths.length == 4) {
                widths[0] = 0.76;
            }
            linesTable(headerCells, rows, widths);
        }

        private void subgroups() {
            styled("Heading1", h.subgroups());
            tableOrNone(List.of(h.subgroup(), h.composition()), m.subgroups(),
                    s -> List.of(List.of(Line.plain(s.label())), lines(s.members())));
        }

        private void questions(String heading, List<Minutes.QuestionLine> questions) {
            styled("Heading1", heading);
            tableOrNone(List.of(h.subgroup(), heading), questions, q -> {
                List<Line> text = new ArrayList<>(List.of(Line.plain(q.text())));
                if (q.status() != null) {
                    text.add(Line.italic(q.status()));
                }
                return List.of(q.subgroup() == null ? List.of() : List.of(Line.plain(q.subgroup())), text);
            });
        }

        private void discussion() {
            styled("Heading1", h.discussion());
            if (m.discussion().isEmpty()) {
                none();
                return;
            }
            for (Minutes.SubgroupDiscussion d : m.discussion()) {
                styled("Heading2", d.subgroup());
                discussionLines(h.differences(), d.differences());
                discussionLines(h.similarities(), d.similarities());
            }
        }

        private void discussionLines(String label, List<Minutes.DiscussionLine> lines) {
            if (lines.isEmpty()) {
                labelled(label, h.none());
                return;
            }
            table(List.of(label, h.group()), lines.stream()
                    .map(l -> List.of(List.of(Line.plain(l.text())), lines(l.groups())))
                    .toList(), null);
        }

        private void harvest() {
            styled("Heading1", h.harvest());
            tableOrNone(List.of(h.group(), h.heard(), h.continuing()), m.harvest(),
                    g -> List.of(List.of(Line.plain(g.group())), lines(g.heard()), lines(g.continuing())));
        }

        private void issues() {
            if (m.issues().isEmpty()) {
                styled("Heading1", h.issues());
                none();
                return;
            }
            for (Minutes.IssueSection issue : m.issues()) {
                styled("Heading1", issue.title());
                if (issue.introduction() != null && !issue.introduction().isBlank()) {
                    paragraph(issue.introduction());
                }
                if (issue.groups().isEmpty()) {
                    none();
                }
                for (Minutes.GroupTable g : issue.groups()) {
                    styled("Heading2", g.group());
                    if (g.rows().isEmpty()) {
                        none();
                        continue;
                    }
                    List<List<List<Line>>> rows = new ArrayList<>();
                    for (int i = 0; i < g.rows().size(); i++) {
                        rows.add(perspectiveRow(g.rows().get(i), i > 0 && sameRole(g.rows().get(i - 1), g.rows().get(i))));
                    }
                    XWPFTable t = table(List.of(h.role(), h.perspective(), h.quotes()), rows, new double[] {0.18, 0.37, 0.45});
                    mergeRoles(t, g.rows());
                }
            }
        }

        private static boolean sameRole(Minutes.PerspectiveRow above, Minutes.PerspectiveRow row) {
            return above.role() != null && above.role().equals(row.role());
        }

        /** Like the seed's tables: a role spans all its consecutive perspectives in one merged cell. */
        private static void mergeRoles(XWPFTable t, List<Minutes.PerspectiveRow> rows) {
            for (int i = 0; i < rows.size(); i++) {
                boolean continues = i > 0 && sameRole(rows.get(i - 1), rows.get(i));
                boolean spans = continues || i + 1 < rows.size() && sameRole(rows.get(i), rows.get(i + 1));
                if (spans) {
                    CTTc tc = t.getRow(i + 1).getCell(0).getCTTc();
                    CTTcPr pr = tc.isSetTcPr() ? tc.getTcPr() : tc.addNewTcPr();
                    pr.addNewVMerge().setVal(continues ? STMerge.CONTINUE : STMerge.RESTART);
                }
            }
        }

        private List<List<Line>> perspectiveRow(Minutes.PerspectiveRow r, boolean roleAbove) {
            List<Line> perspective = new ArrayList<>(List.of(Line.plain(r.perspective())));
            if (r.waterline() != null) {
                perspective.add(Line.italic("[" + r.waterline() + "]"));
            }
            List<Line> quotes = r.quotes().stream().map(q -> Line.plain("\u201C" + q + "\u201D")).toList();
            return List.of(roleAbove ? List.of() : List.of(Line.plain(r.role())), perspective, quotes);
        }

        // ---- building blocks ----

        private String number(int n) {
            return String.format(locale, "%d", n);
        }

        private <T> void tableOrNone(List<String> headers, List<T> items, Function<T, List<List<Line>>> row) {
            if (items.isEmpty()) {
                none();
            } else {
                table(headers, items.stream().map(row).toList(), null);
            }
        }

        private XWPFTable table(List<String> headers, List<List<List<Line>>> rows, double[] widths) {
            return linesTable(headers.stream().map(s -> List.of(new Line(s, Look.BOLD))).toList(), rows, widths);
        }

        /** {@code widths}: each column's share of the text width, or null for equal columns. */
        private XWPFTable linesTable(List<List<Line>> header, List<List<List<Line>>> rows, double[] widths) {
            int columns = header.size();
            XWPFTable t = doc.createTable(rows.size() + 1, columns);
            t.setWidth("100%");
            // POI writes no grid; Word and LibreOffice lay out column widths from it, so without one they guess.
            CTTblGrid grid = t.getCTTbl().getTblGrid() != null ? t.getCTTbl().getTblGrid() : t.getCTTbl().addNewTblGrid();
            for (int c = 0; c < columns; c++) {
                double share = widths == null ? 1.0 / columns : widths[c];
                grid.addNewGridCol().setW(BigInteger.valueOf(Math.round(TEXT_WIDTH * share)));
                for (int r = 0; r <= rows.size(); r++) {
                    t.getRow(r).getCell(c).setWidth(String.format(Locale.ROOT, "%.1f%%", share * 100));
                }
            }
            // POI's default borders carry no width, which some readers draw as no border at all.
            t.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            t.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            t.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            t.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            t.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, BORDER);
            XWPFTableRow head = t.getRow(0);
            // Repeated on every page a long table spans, and marks the row as a header for screen readers.
            head.setRepeatHeader(true);
            head.setCantSplitRow(true);
            for (int c = 0; c < header.size(); c++) {
                XWPFTableCell cell = head.getCell(c);
                cell.setColor(HEADER_SHADE);
                fill(cell, header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                List<List<Line>> row = rows.get(r);
                for (int c = 0; c < header.size(); c++) {
                    fill(t.getRow(r + 1).getCell(c), c < row.size() ? row.get(c) : List.of());
                }
            }
            // Without a following paragraph, two tables in a row would merge into one in Word.
            doc.createParagraph();
            return t;
        }

        private void fill(XWPFTableCell cell, List<Line> lines) {
            for (int i = 0; i < lines.size(); i++) {
                XWPFParagraph p = i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph();
                Line line = lines.get(i);
                text(p, line.text(), line.look());
            }
        }

        private void styled(String styleId, String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setStyle(styleId);
            text(p, text, Look.PLAIN);
        }

        private void paragraph(String text) {
            text(doc.createParagraph(), text, Look.PLAIN);
        }

        private void labelled(String label, String value) {
            XWPFParagraph p = doc.createParagraph();
            text(p, label + ": ", Look.BOLD);
            text(p, value, Look.PLAIN);
        }

        private void none() {
            text(doc.createParagraph(), h.none(), Look.ITALIC);
        }

        /** Appends text as runs, turning line breaks and tabs into Word's own breaks and tabs. */
        private static void text(XWPFParagraph p, String text, Look look) {
            if (text == null) {
                return;
            }
            String[] lines = text.split("\r\n|\r|\n", -1);
            for (int l = 0; l < lines.length; l++) {
                String[] parts = lines[l].split("\t", -1);
                for (int t = 0; t < parts.length; t++) {
                    XWPFRun run = p.createRun();
                    // Set only when on: an explicit "off" would override the bold of the heading styles.
                    if (look == Look.BOLD) {
                        run.setBold(true);
                    } else if (look == Look.ITALIC) {
                        run.setItalic(true);
                    }
                    if (t > 0) {
                        run.addTab();
                    }
                    if (!parts[t].isEmpty()) {
                        run.setText(xmlSafe(parts[t]));
                    }
                    if (t == parts.length - 1 && l < lines.length - 1) {
                        run.addBreak();
                    }
                }
            }
        }

        /**
         * XML 1.0 cannot carry most control characters or unpaired surrogates at all, not even escaped; left in,
         * they make a document Word refuses to open. The server refuses control characters in input, so this
         * only guards against a slip elsewhere.
         */
        private static String xmlSafe(String s) {
            StringBuilder b = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok;
                if (Character.isHighSurrogate(c)) {
                    ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    if (ok) {
                        if (b != null) {
                            b.append(c).append(s.charAt(i + 1));
                        }
                        i++;
                        continue;
                    }
                } else {
                    ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t') && c != 0xFFFE && c != 0xFFFF;
                }
                if (!ok && b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                if (b != null) {
                    b.append(ok ? c : '\uFFFD');
                }
            }
            return b == null ? s : b.toString();
        }

        // ---- styles ----

        private void defineStyles() {
            XWPFStyles styles = doc.createStyles();
            CTFonts fonts = CTFonts.Factory.newInstance();
            fonts.setAscii("Calibri");
            fonts.setHAnsi("Calibri");
            fonts.setCs("Calibri");
            fonts.setEastAsia("Calibri");
            styles.setDefaultFonts(fonts);
            if (m.language() != null) {
                // Spell checking in the session's language instead of the reader's default.
                String tag = !locale.getCountry().isEmpty() ? locale.toLanguageTag() : switch (locale.getLanguage()) {
                    case "nl" -> "nl-NL";
                    case "en" -> "en-GB";
                    default -> locale.toLanguageTag();
                };
                styles.setSpellingLanguage(tag);
            }
            styles.addStyle(style("Normal", "Normal", -1, 22, false, null, 0, 120));
            styles.addStyle(style("Title", "Title", -1, 52, false, ACCENT, 0, 120));
            styles.addStyle(style("Subtitle", "Subtitle", -1, 28, false, "595959", 0, 240));
            styles.addStyle(style("Heading1", "heading 1", 0, 32, true, ACCENT, 360, 120));
            styles.addStyle(style("Heading2", "heading 2", 1, 26, true, ACCENT, 240, 80));
        }

        private static XWPFStyle style(String id, String name, int outlineLevel, int halfPoints, boolean bold, String colour,
                                       int spaceBefore, int spaceAfter) {
            CTStyle s = CTStyle.Factory.newInstance();
            s.setStyleId(id);
            s.setType(STStyleType.PARAGRAPH);
            s.addNewName().setVal(name);
            if (id.equals("Normal")) {
                s.setDefault(Boolean.TRUE);
            } else {
                s.addNewBasedOn().setVal("Normal");
                s.addNewNext().setVal("Normal");
                s.addNewUiPriority().setVal(BigInteger.valueOf(outlineLevel >= 0 ? 9 : 10));
            }
            s.addNewQFormat();
            CTPPrGeneral ppr = s.addNewPPr();
            CTSpacing spacing = ppr.addNewSpacing();
            spacing.setBefore(BigInteger.valueOf(spaceBefore));
            spacing.setAfter(BigInteger.valueOf(spaceAfter));
            if (outlineLevel >= 0) {
                ppr.addNewKeepNext();
                ppr.addNewKeepLines();
                ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
            }
            CTRPr rpr = s.addNewRPr();
            if (bold) {
                rpr.addNewB();
            }
            if (colour != null) {
                rpr.addNewColor().setVal(colour);
            }
            rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
            rpr.addNewSzCs().setVal(BigInteger.valueOf(halfPoints));
            return new XWPFStyle(s);
        }
    }
}
