package nl.waterline.minutes;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.minutes.Minutes.Attendance;
import nl.waterline.minutes.Minutes.DiscussionLine;
import nl.waterline.minutes.Minutes.GroupCount;
import nl.waterline.minutes.Minutes.GroupHarvest;
import nl.waterline.minutes.Minutes.GroupPicks;
import nl.waterline.minutes.Minutes.GroupTable;
import nl.waterline.minutes.Minutes.Headings;
import nl.waterline.minutes.Minutes.IssueSection;
import nl.waterline.minutes.Minutes.PerspectiveRow;
import nl.waterline.minutes.Minutes.QuestionLine;
import nl.waterline.minutes.Minutes.RoleCount;
import nl.waterline.minutes.Minutes.SubgroupComposition;
import nl.waterline.minutes.Minutes.SubgroupDiscussion;
import nl.waterline.minutes.Minutes.TermLine;
import nl.waterline.minutes.Minutes.WordCloud;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The HTML and Markdown minutes against golden files, and against text that tries to break out.
 *
 * <p>The golden files {@code src/test/resources/golden/minutes.md} and {@code minutes.html} are the
 * reviewed output for {@link GoldenMinutes}. After an intended change to a template, regenerate them and
 * review the diff before committing:
 * <pre>./mvnw test -Dtest=MinutesDocumentsTest -Dwaterline.updateGolden=true</pre>
 * With that property the test rewrites the files (from the project directory) instead of comparing.
 */
@QuarkusTest
class MinutesDocumentsTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    private static final String HOSTILE = "<script>alert(1)</script> a | b \"quoted\" line1\nline2 & co";

    @Inject
    MinutesDocuments documents;

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        assertGolden("minutes.md", documents.markdown(GoldenMinutes.doelenVanReintegratie()));
    }

    @Test
    void htmlMatchesTheGoldenFile() throws IOException {
        assertGolden("minutes.html", documents.html(GoldenMinutes.doelenVanReintegratie()));
    }

    @Test
    void htmlFollowsTheReportShape() {
        String html = documents.html(GoldenMinutes.doelenVanReintegratie());
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"nl\">"), html.substring(0, 60));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<dd>8 oktober 2013</dd>"), "the date reads in the session's language");
        assertInOrder(html, "<h2>Aanwezigheid</h2>", "<h2>Wordcloud</h2>", "<h2>Subgroepen</h2>",
                "<h2>Verhelderende vragen</h2>", "<h2>Geparkeerd</h2>", "<h2>Discussie</h2>",
                "<h2>Oogst per perspectief</h2>", "<h2>Doelen van re-integratie</h2>",
                "<h3>Gemeente</h3>", "<h3>UWV</h3>", "<h3>SZW</h3>", "<h3>Kennisinstelling</h3>");
        assertTrue(html.contains("<p class=\"missing\" role=\"note\">Niemand sprak namens Cliënten/werkzoekenden"));
        assertInOrder(html, "<h4>Verschillen</h4>", "<h4>Overeenkomsten</h4>");
        assertTrue(html.contains("<p class=\"quote\">“De praktijk ervaart wat anders dan onze met de mond beleden beleidsdoelen.”</p>"));
        assertTrue(html.contains("<span class=\"waterline below\">Onder de waterlijn</span>"));
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the word cloud is inline");
        assertTrue(html.contains("font-size=\"34\" fill=\"#0b4f8a\" font-weight=\"700\" font-style=\"normal\">Praktijkkennis benutten<"),
                "picked most often, mostly MOST: largest, bold");
        assertTrue(html.contains("fill=\"#b0451a\" font-weight=\"400\" font-style=\"italic\">Verantwoorden<"),
                "mostly LEAST: italic in another colour");
        assertFalse(Pattern.compile("<script|<link|@import|@font-face|url\\(|src=\"https?:", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "a printed page needs nothing from elsewhere");
        assertTrue(html.contains("break-inside: avoid"));
        assertTrue(html.contains("@page { size: A4;"));
    }

    @Test
    void markdownRoleIsNamedOncePerRun() {
        String md = documents.markdown(GoldenMinutes.doelenVanReintegratie());
        assertTrue(md.contains("| Uitvoering | Op weg helpen richting (vrijwilligers)werk"));
        assertTrue(md.contains("|  | Doelen op papier leven niet EN"), "the second Uitvoering row leaves the role empty");
        assertTrue(md.contains("| Management | Brede en smalle participatiedoelen"));
    }

    @Test
    void hostileTextIsEscapedInHtml() {
        String html = documents.html(hostileMinutes());
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element may come through");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("a | b &quot;quoted&quot; line1\nline2 &amp; co"), "text survives, escaped");
        assertFalse(html.contains("lang=\"<"), "attributes are escaped too");
        int svgStart = html.indexOf("<svg");
        String svg = html.substring(svgStart, html.indexOf("</svg>", svgStart));
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; a | b &quot;quoted&quot; line1 line2 &amp; co"),
                "the word cloud escapes on its own, and keeps a term on one line");
    }

    @Test
    void hostileTextKeepsMarkdownTablesIntact() {
        String md = documents.markdown(hostileMinutes());
        assertFalse(md.contains("&lt;") || md.contains("&quot;") || md.contains("&amp;"),
                "a .md template is not HTML-escaped by Qute; escaping is MarkdownText's job");
        String escaped = MarkdownText.md(HOSTILE + " title");
        assertEquals("\\<script>alert(1)\\</script> a \\| b \"quoted\" line1<br>line2 & co title", escaped);
        assertTrue(md.contains("# " + escaped + "\n"), "the title is there, on one line");

        List<List<String>> tables = tables(md);
        assertEquals(5, tables.size(), "attendance, word cloud, subgroups and two perspective tables");
        for (List<String> table : tables) {
            int columns = unescapedPipes(table.get(0));
            assertTrue(table.get(1).matches("\\|(-+:?\\|)+"), "delimiter row: " + table.get(1));
            for (String row : table) {
                assertEquals(columns, unescapedPipes(row), "every row keeps the column count: " + row);
            }
        }
        assertTrue(md.contains("| " + MarkdownText.md(HOSTILE + " perspective") + "<br>*"),
                "the perspective and its waterline marker share one cell");
        for (String line : md.split("\n")) {
            assertFalse(line.startsWith("<"), "no line opens raw HTML: " + line);
        }
    }

    @Test
    void everyHostileFieldShowsUpInBothFormats() {
        Minutes m = hostileMinutes();
        String html = documents.html(m);
        String md = documents.markdown(m);
        for (String field : List.of("title", "template", "series", "missing", "term", "group", "member",
                "question", "parked", "difference", "similarity", "heard", "continuing", "issue", "introduction",
                "role", "perspective", "quote", "waterline", "heading attendance", "heading quotes", "heading perspective")) {
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; a | b &quot;quoted&quot; line1\nline2 &amp; co " + field)
                    || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; a | b &quot;quoted&quot; line1 line2 &amp; co " + field),
                    "HTML shows " + field);
            assertTrue(md.contains(MarkdownText.md(HOSTILE + " " + field)), "Markdown shows " + field);
        }
    }

    @Test
    void anEmptySessionRendersWithoutNullsAndSaysNone() {
        Minutes empty = new Minutes("nl", "Lege sessie", LocalDate.of(2026, 3, 12), "Stakeholdersessie", null,
                GoldenMinutes.dutchHeadings(), new Attendance(0, List.of(), List.of(), null),
                new WordCloud(0, List.of(GoldenMinutes.GEMEENTE), List.of()), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(new IssueSection("Doelen van re-integratie", null, List.of(
                        new GroupTable(GoldenMinutes.SZW, List.of(new PerspectiveRow("Beleid", "", List.of(), null)))))));
        String html = documents.html(empty);
        String md = documents.markdown(empty);
        for (String out : List.of(html, md)) {
            assertFalse(out.contains("null"), out);
            assertFalse(out.contains("Traject"), "no series, no series line");
        }
        assertFalse(html.contains("<svg"), "nothing to draw");
        assertFalse(html.contains("class=\"missing\""), "nobody expected was missing");
        assertTrue(html.contains("<td colspan=\"4\" class=\"none\">Geen</td>"), "term, most, least and one group");
        assertTrue(md.contains("| *Geen* | | | |\n"));
        for (List<String> table : tables(md)) {
            for (String row : table) {
                assertEquals(unescapedPipes(table.get(0)), unescapedPipes(row), row);
            }
        }
    }

    /** Every text field, headings included, carries the same attempt to break out, tagged with its field. */
    static Minutes hostileMinutes() {
        RecordComponent[] components = Headings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = HOSTILE + " heading " + components[i].getName();
        }
        Headings h;
        try {
            h = Headings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        String group = HOSTILE + " group";
        String waterline = HOSTILE + " waterline";
        return new Minutes(HOSTILE + " language", HOSTILE + " title", LocalDate.of(2024, 2, 29),
                HOSTILE + " template", HOSTILE + " series", h,
                new Attendance(3, List.of(new GroupCount(group, 3, List.of(new RoleCount(HOSTILE + " role", 3)))),
                        List.of(HOSTILE + " missing group"), HOSTILE + " missing"),
                new WordCloud(3, List.of(group), List.of(
                        new TermLine(HOSTILE + " term", true, 2, 1, 0.5, List.of(new GroupPicks(group, 2, 1))))),
                List.of(new SubgroupComposition(HOSTILE + " subgroup", List.of(HOSTILE + " member", HOSTILE + " member"))),
                List.of(new QuestionLine(HOSTILE + " subgroup", HOSTILE + " question", HOSTILE + " status")),
                List.of(new QuestionLine(HOSTILE + " subgroup", HOSTILE + " parked", HOSTILE + " status")),
                List.of(new SubgroupDiscussion(HOSTILE + " subgroup",
                        List.of(new DiscussionLine(HOSTILE + " difference", List.of(group))),
                        List.of(new DiscussionLine(HOSTILE + " similarity", List.of(group, group))))),
                List.of(new GroupHarvest(group, List.of(HOSTILE + " heard"), List.of(HOSTILE + " continuing"))),
                List.of(new IssueSection(HOSTILE + " issue", HOSTILE + " introduction", List.of(
                        new GroupTable(group, List.of(
                                new PerspectiveRow(HOSTILE + " role", HOSTILE + " perspective",
                                        List.of(HOSTILE + " quote", HOSTILE + " quote"), waterline),
                                new PerspectiveRow(HOSTILE + " role", HOSTILE + " perspective", List.of(), null))),
                        new GroupTable(group, List.of(
                                new PerspectiveRow(HOSTILE + " role", HOSTILE + " perspective", List.of(), waterline)))))));
    }

    /** Runs of consecutive lines that start with a pipe: each is one Markdown table. */
    private static List<List<String>> tables(String md) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line);
            } else {
                current = null;
            }
        }
        return tables;
    }

    /** GFM splits a row at every pipe that is not backslash-escaped; a backslash escapes the next character. */
    static int unescapedPipes(String row) {
        int pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                pipes++;
            }
        }
        return pipes;
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            if (at < 0) {
                fail("expected after offset " + from + ": " + part);
            }
            from = at + part.length();
        }
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("waterline.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " is missing; run with -Dwaterline.updateGolden=true to create it, then review it");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        // A Windows checkout may turn the golden file's line ends into CRLF; the output has LF.
        assertEquals(expected.replace("\r\n", "\n"), actual, name + " differs from the golden file; if the change is "
                + "intended, run with -Dwaterline.updateGolden=true and review the diff");
    }
}
