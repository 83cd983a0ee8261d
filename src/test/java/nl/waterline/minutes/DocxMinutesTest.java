package nl.waterline.minutes;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static nl.waterline.minutes.MinutesFixture.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocxMinutesTest {

    @Test
    void headingsUseWordsBuiltInHeadingStyles() throws IOException {
        try (XWPFDocument doc = open(DocxMinutes.write(MinutesFixture.seedExample()))) {
            assertEquals("heading 1", doc.getStyles().getStyle("Heading1").getName());
            assertEquals("heading 2", doc.getStyles().getStyle("Heading2").getName());
            assertEquals(0, doc.getStyles().getStyle("Heading1").getCTStyle().getPPr().getOutlineLvl().getVal().intValue(),
                    "the outline level is what the navigation pane and the TOC go by");
            assertEquals(1, doc.getStyles().getStyle("Heading2").getCTStyle().getPPr().getOutlineLvl().getVal().intValue());

            assertEquals("Title", doc.getParagraphs().get(0).getStyle());
            assertEquals("Stakeholdersessie Utrecht", doc.getParagraphs().get(0).getText());
            assertEquals(List.of("Aanwezigen", "Wordcloud", "Subgroepen", "Verhelderende vragen", "Geparkeerd voor de discussie", "Discussie over verschillen",
                    "Oogst per perspectief", "Doelen van re-integratie"), texts(doc, "Heading1"));
            assertEquals(List.of("Subgroep 1", "Subgroep 2", "Gemeente", "UWV", "SZW", "Kennisinstelling"), texts(doc, "Heading2"));
            assertTrue(allText(doc).contains("Datum: 12 maart 2009"), "date in the session's language");
        }
    }

    @Test
    void anIssueIsItsIntroductionThenOneTablePerGroup() throws IOException {
        try (XWPFDocument doc = open(DocxMinutes.write(MinutesFixture.seedExample()))) {
            List<IBodyElement> body = doc.getBodyElements();
            int issue = indexOf(body, "Heading1", MinutesFixture.ISSUE);
            assertEquals(MinutesFixture.INTRODUCTION, ((XWPFParagraph) body.get(issue + 1)).getText());
            assertEquals("Gemeente", heading2(body.get(issue + 2)));
            assertInstanceOf(XWPFTable.class, body.get(issue + 3));
            List<String> groupOrder = new ArrayList<>();
            for (int i = issue + 1; i < body.size(); i++) {
                if (body.get(i) instanceof XWPFParagraph p && "Heading2".equals(p.getStyle())) {
                    groupOrder.add(p.getText());
                    assertInstanceOf(XWPFTable.class, body.get(i + 1), "a group heading is followed by its table");
                }
            }
            assertEquals(List.of("Gemeente", "UWV", "SZW", "Kennisinstelling"), groupOrder);
        }
    }

    @Test
    void theGemeenteTableHoldsRolesPerspectivesAndQuotesInTheirCells() throws IOException {
        Minutes seed = MinutesFixture.seedExample();
        try (XWPFDocument doc = open(DocxMinutes.write(seed))) {
            XWPFTable table = tableAfter(doc, "Heading2", "Gemeente");
            XWPFTableRow header = table.getRow(0);
            assertEquals(List.of("Rol", "Perspectief", "Citaten"), cellTexts(header));
            assertTrue(header.isRepeatHeader(), "header row repeats on each page");

            List<Minutes.PerspectiveRow> expected = seed.issues().get(0).groups().get(0).rows();
            assertEquals(expected.size() + 1, table.getNumberOfRows());
            String role = null;
            List<String> rolesSeen = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                Minutes.PerspectiveRow want = expected.get(i);
                XWPFTableRow row = table.getRow(i + 1);
                // Consecutive rows of one role share a merged role cell, as in the seed's tables.
                if (continuesAbove(row.getCell(0))) {
                    assertEquals("", row.getCell(0).getText());
                } else {
                    role = row.getCell(0).getText();
                    rolesSeen.add(role);
                }
                assertEquals(want.role(), role);
                List<String> perspective = new ArrayList<>(List.of(want.perspective()));
                if (want.waterline() != null) {
                    perspective.add("[" + want.waterline() + "]");
                }
                assertEquals(perspective, paragraphs(row.getCell(1)));
                List<String> quotes = want.quotes().stream().map(q -> "\u201C" + q + "\u201D").toList();
                assertEquals(quotes.isEmpty() ? List.of("") : quotes, paragraphs(row.getCell(2)));
            }
            assertEquals(List.of("Uitvoering", "Management", "Bestuur"), rolesSeen);

            XWPFTableRow financial = table.getRow(6);
            assertEquals(List.of("Het behalen van beleids- en organisatiedoelen is belangrijk voor het bestuur en voor "
                    + "financiële dekking", "[onder de waterlijn]"), paragraphs(financial.getCell(1)));
            assertTrue(financial.getCell(2).getText().startsWith("\u201CEr wordt verwacht dat ik mijn doelen haal"));

            XWPFTable uwv = tableAfter(doc, "Heading2", "UWV");
            assertEquals(List.of("Management", "Doelen moeten geen eigen leven leiden",
                    "\u201CEen uitvoerder moet niet bezig zijn met het afvinken van beleidsdoelen\u201D"), cellTexts(uwv.getRow(1)));
        }
    }

    @Test
    void attendanceIsATableOfGroupRoleAndCountFollowedByWhoWasMissing() throws IOException {
        try (XWPFDocument doc = open(DocxMinutes.write(MinutesFixture.seedExample()))) {
            XWPFTable table = tableAfter(doc, "Heading1", "Aanwezigen");
            List<List<String>> rows = table.getRows().stream().map(DocxMinutesTest::cellTexts).toList();
            assertEquals(List.of(
                    List.of("Stakeholdergroep", "Rol", "Aantal"),
                    List.of("Gemeente", "Uitvoering", "4"),
                    List.of("Gemeente", "Management", "2"),
                    List.of("Gemeente", "Bestuur", "2"),
                    List.of("UWV", "Uitvoering", "2"),
                    List.of("UWV", "Management", "2"),
                    List.of("SZW", "Beleid", "2"),
                    List.of("Sociale werkvoorziening", "Management", "1"),
                    List.of("Kennisinstelling", "Onderzoek", "3")), rows);

            List<IBodyElement> body = doc.getBodyElements();
            assertEquals("18 deelnemers", ((XWPFParagraph) body.get(body.indexOf(table) - 1)).getText());
            int after = body.indexOf(table) + 1;
            while (body.get(after) instanceof XWPFParagraph p && p.getText().isEmpty()) {
                after++;
            }
            assertEquals(MinutesFixture.MISSING, ((XWPFParagraph) body.get(after)).getText());
        }
    }

    @Test
    void theWordCloudKeepsTheGivenOrderWithOneMostLeastCellPerGroup() throws IOException {
        try (XWPFDocument doc = open(DocxMinutes.write(MinutesFixture.seedExample()))) {
            XWPFTable table = tableAfter(doc, "Heading1", "Wordcloud");
            assertEquals(List.of("Begrip", "Meest", "Minst", "Verschil", "Gemeente\nMeest / Minst",
                    "UWV\nMeest / Minst", "SZW\nMeest / Minst", "Sociale werkvoorziening\nMeest / Minst",
                    "Kennisinstelling\nMeest / Minst"), cellTexts(table.getRow(0)));
            assertEquals(List.of("Beleidsdoelen halen", "5", "6", "1,50", "1 / 4", "0 / 2", "2 / 0", "0 / 0", "2 / 0"),
                    cellTexts(table.getRow(1)));
            assertEquals(List.of("Klant centraal", "eigen woord"), paragraphs(table.getRow(5).getCell(0)));
        }
    }

    @Test
    void discussionListsDifferencesBeforeSimilaritiesAndSaysNoneWhenEmpty() throws IOException {
        try (XWPFDocument doc = open(DocxMinutes.write(MinutesFixture.seedExample()))) {
            List<IBodyElement> body = doc.getBodyElements();
            int first = indexOf(body, "Heading2", "Subgroep 1");
            XWPFTable differences = (XWPFTable) body.get(first + 1);
            assertEquals(List.of("Verschillen", "Stakeholdergroep"), cellTexts(differences.getRow(0)));
            assertEquals(List.of("Uitstroom naar werk of ook participatie en vrijwilligerswerk als doel", "Gemeente\nSZW"),
                    cellTexts(differences.getRow(1)));
            XWPFTable similarities = (XWPFTable) body.get(first + 3);
            assertEquals("Overeenkomsten", similarities.getRow(0).getCell(0).getText());

            int second = indexOf(body, "Heading2", "Subgroep 2");
            assertInstanceOf(XWPFTable.class, body.get(second + 1));
            assertEquals("Overeenkomsten: (geen)", ((XWPFParagraph) body.get(second + 3)).getText());
        }
    }

    @Test
    void emptySectionsSayNoneInsteadOfAnEmptyTable() throws IOException {
        Minutes seed = MinutesFixture.seedExample();
        Minutes empty = new Minutes("nl", "Leeg", LocalDate.of(2024, 1, 8), "Pre-sessie", null, seed.headings(),
                new Minutes.Attendance(0, List.of(), List.of(), null), new Minutes.WordCloud(0, List.of(), List.of()),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        try (XWPFDocument doc = open(DocxMinutes.write(empty))) {
            assertTrue(doc.getTables().isEmpty());
            List<IBodyElement> body = doc.getBodyElements();
            for (String heading : List.of("Aanwezigen", "Wordcloud", "Subgroepen", "Verhelderende vragen", "Geparkeerd voor de discussie",
                    "Discussie over verschillen", "Oogst per perspectief", "Issues")) {
                int at = indexOf(body, "Heading1", heading);
                assertEquals("(geen)", ((XWPFParagraph) body.get(at + 1)).getText(), heading);
            }
            assertFalse(allText(doc).contains("Traject"), "no series line without a series");
        }
    }

    @Test
    void hostileTextComesBackExactlyAsText() throws IOException {
        byte[] bytes = DocxMinutes.write(MinutesFixture.hostile());
        String xml = documentXml(bytes);
        assertFalse(xml.contains("<script>"), "markup in notes is text, not XML");
        assertTrue(xml.contains("&lt;script>alert(1)&lt;/script>") || xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "escaped ('>' needs no escaping in XML text, so XmlBeans may leave it)");
        assertTrue(xml.contains("&amp;amp;"), "an entity in a note is escaped, not decoded");

        try (XWPFDocument doc = open(bytes)) {
            assertEquals(h("titel"), doc.getParagraphs().get(0).getText());
            assertEquals(List.of("Aanwezigen", "Wordcloud", "Subgroepen", "Verhelderende vragen", "Geparkeerd voor de discussie",
                    "Discussie over verschillen", "Oogst per perspectief", h("issue")), texts(doc, "Heading1"));
            assertEquals(List.of(h("subgroep"), h("groep")), texts(doc, "Heading2"));
            List<IBodyElement> body = doc.getBodyElements();
            int issue = indexOf(body, "Heading1", h("issue"));
            assertEquals(h("inleiding"), ((XWPFParagraph) body.get(issue + 1)).getText());

            XWPFTable table = tableAfter(doc, "Heading2", h("groep"));
            XWPFTableRow row = table.getRow(1);
            assertEquals(h("rol"), row.getCell(0).getText());
            assertEquals(List.of(h("perspectief"), "[" + h("waterlijn") + "]"), paragraphs(row.getCell(1)));
            assertEquals(List.of("\u201C" + h("citaat 1") + "\u201D", "\u201C" + MinutesFixture.FORMULA + "\u201D"),
                    paragraphs(row.getCell(2)));
            assertEquals(MinutesFixture.FORMULA, table.getRow(2).getCell(0).getText(), "Word runs no formulas: left as is");

            String all = allText(doc);
            for (String label : List.of("sjabloon", "traject", "ontbrekende zin", "term", "lid", "vraag", "status",
                    "geparkeerd", "verschil", "overeenkomst", "gehoord", "verder")) {
                assertTrue(all.contains(h(label)), label);
            }
            assertTrue(all.contains("Cliënt café 🌊👩🏽‍💼"));
        }
    }

    @Test
    void tabsSurviveAndAStrayControlCharacterCannotBreakTheFile() throws IOException {
        Minutes seed = MinutesFixture.seedExample();
        Minutes odd = new Minutes("nl", "kolom\tkolom", seed.date(), "bel\u0007 en \uD800 half", null, seed.headings(),
                seed.attendance(), seed.wordCloud(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        try (XWPFDocument doc = open(DocxMinutes.write(odd))) {
            assertEquals("kolom\tkolom", doc.getParagraphs().get(0).getText());
            assertTrue(allText(doc).contains("Sjabloon: bel\uFFFD en \uFFFD half"), "replaced, since XML cannot carry them");
        }
    }

    // ---- reading the document back ----

    private static XWPFDocument open(byte[] bytes) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(bytes));
    }

    private static List<String> texts(XWPFDocument doc, String style) {
        return doc.getParagraphs().stream().filter(p -> style.equals(p.getStyle())).map(XWPFParagraph::getText).toList();
    }

    private static String heading2(IBodyElement e) {
        XWPFParagraph p = assertInstanceOf(XWPFParagraph.class, e);
        assertEquals("Heading2", p.getStyle());
        return p.getText();
    }

    private static int indexOf(List<IBodyElement> body, String style, String text) {
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i) instanceof XWPFParagraph p && style.equals(p.getStyle()) && text.equals(p.getText())) {
                return i;
            }
        }
        throw new AssertionError("no " + style + " paragraph '" + text + "'");
    }

    /** The first table after the given heading, before the next heading of any level. */
    private static XWPFTable tableAfter(XWPFDocument doc, String style, String text) {
        List<IBodyElement> body = doc.getBodyElements();
        for (int i = indexOf(body, style, text) + 1; i < body.size(); i++) {
            if (body.get(i) instanceof XWPFTable t) {
                return t;
            }
            if (body.get(i) instanceof XWPFParagraph p && p.getStyle() != null && p.getStyle().startsWith("Heading")) {
                break;
            }
        }
        throw new AssertionError("no table after " + text);
    }

    private static List<String> cellTexts(XWPFTableRow row) {
        return row.getTableCells().stream().map(c -> String.join("\n", paragraphs(c))).toList();
    }

    private static List<String> paragraphs(XWPFTableCell cell) {
        return cell.getParagraphs().stream().map(XWPFParagraph::getText).toList();
    }

    private static boolean continuesAbove(XWPFTableCell cell) {
        CTTcPr pr = cell.getCTTc().getTcPr();
        return pr != null && pr.isSetVMerge() && STMerge.CONTINUE.equals(pr.getVMerge().getVal());
    }

    private static String allText(XWPFDocument doc) {
        StringBuilder b = new StringBuilder();
        for (IBodyElement e : doc.getBodyElements()) {
            if (e instanceof XWPFParagraph p) {
                b.append(p.getText()).append('\n');
            } else if (e instanceof XWPFTable t) {
                for (XWPFTableRow row : t.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        paragraphs(cell).forEach(p -> b.append(p).append('\n'));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String documentXml(byte[] docx) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("word/document.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertNotNull(null, "word/document.xml missing");
        return "";
    }
}
