package nl.waterline.minutes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.live.LiveClient;
import nl.waterline.web.TestSessions;
import nl.waterline.web.TestSessions.NewSession;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed §3.2 "Doelen van re-integratie" rebuilt through the protocol — quotes captured live, perspectives
 * written in the editor — and every export checked for the report's shape: the issue, its introduction,
 * then per stakeholder group a table role · perspective · quotes.
 */
@QuarkusTest
class SeedMinutesThroughTheProtocolTest {

    @TestHTTPResource("/")
    URI base;

    static final String ISSUE = "doelen-van-re-integratie";
    static final String INTRO = "In de bijeenkomsten werd duidelijk dat verschillende stakeholders verschillende doelen "
            + "centraal stellen en een verschillende scope voor re-integratiebeleid hanteren.";

    /** group, role, perspective, quote — from the seed's tables. */
    static final String[][] ROWS = {
            {"gemeente", "uitvoering", "Op weg helpen richting (vrijwilligers)werk is ook een doel, niet alleen uitstroom naar werk",
                    "Mensen aan het werk helpen is het hoofddoel, maar wel met een breed werkbegrip, het gaat om het hoogst haalbare, kan ook vrijwilligerswerk zijn."},
            {"gemeente", "management", "Brede en smalle participatiedoelen zijn belangrijk voor gemeentelijke dienstverlening gericht op participatie",
                    "Het doel van werk is te smal, voor de gemeente gaat het om het in beweging krijgen van uitkeringsgerechtigden."},
            {"gemeente", "bestuur", "Het bestuur wil mensen aan het werk helpen, maar ook bevordering van zelfredzaamheid is van belang.", null},
            {"uwv", "management", "Doelen moeten geen eigen leven leiden",
                    "Een uitvoerder moet niet bezig zijn met het afvinken van beleidsdoelen"},
            {"szw", "beleid", "Beleidsdoelen moeten scherp zijn, anders krijg je verwarring",
                    "Je ziet dat medewerkers soms verschillende doelen centraal stellen, terwijl de oriëntatie op werk centraal zou moeten staan"},
            {"kennisinstelling", "onderzoek", "Doel van onderzoek, de onderzoeksopdracht en onderzoeksvraag hangen samen met wat als doel van re-integratie wordt beschouwd.",
                    "Wij werken alleen maar voor opdrachtgevers, dat bepaalt welke kennis geproduceerd wordt."}};

    private static void ack(JsonNode answer) {
        assertEquals("ack", answer.path("type").asText(), answer.toString());
    }

    private static String json(Map<String, Object> fields) throws Exception {
        return new ObjectMapper().writeValueAsString(fields);
    }

    private NewSession rebuildSeedSection() throws Exception {
        NewSession s = TestSessions.create();
        List<TestSessions.NewParticipant> people = new ArrayList<>();
        for (String[] row : ROWS) {
            people.add(TestSessions.join(s, "Naam " + row[0] + " " + row[1], row[0], row[1]));
        }
        try (LiveClient gemeente = LiveClient.hello(base, s.code(), "participant", people.get(0).secret());
             LiveClient szw = LiveClient.hello(base, s.code(), "participant", people.get(4).secret())) {
            ack(gemeente.pick("MOST", "Praktijkkennis benutten"));
            ack(szw.pick("LEAST", "Praktijkkennis benutten"));
        }
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            // One person per role here, like the seed's tables: the facilitator chooses to name the roles.
            ack(facilitator.call("setMinutesPrivacy", "mergeSmallRoles", "false"));
            List<String> quoteIds = new ArrayList<>();
            for (String[] row : ROWS) {
                if (row[3] == null) {
                    quoteIds.add(null);
                    continue;
                }
                facilitator.sendRaw(json(Map.of("type", "addNote", "id", "q-" + row[0] + row[1], "kind", "QUOTE",
                        "text", row[3], "group", row[0], "role", row[1], "issue", ISSUE)));
                ack(facilitator.awaitMatching(f -> ("q-" + row[0] + row[1]).equals(f.path("id").asText()), "note ack"));
            }
            JsonNode view = facilitator.awaitView(v -> v.path("notes").size() == 5);
            for (JsonNode note : view.path("notes")) {
                quoteIds.add(note.path("id").asText());
            }
            facilitator.sendRaw(json(Map.of("type", "setIssueIntro", "id", "intro", "issue", ISSUE, "text", INTRO)));
            ack(facilitator.awaitMatching(f -> "intro".equals(f.path("id").asText()), "intro ack"));
            for (String[] row : ROWS) {
                facilitator.sendRaw(json(Map.of("type", "addPerspective", "id", "p-" + row[0] + row[1], "issue", ISSUE,
                        "group", row[0], "role", row[1], "text", row[2])));
                ack(facilitator.awaitMatching(f -> ("p-" + row[0] + row[1]).equals(f.path("id").asText()), "perspective ack"));
            }
            JsonNode edited = facilitator.awaitView(v -> v.path("perspectives").size() == ROWS.length);
            for (JsonNode p : edited.path("perspectives")) {
                for (JsonNode note : edited.path("notes")) {
                    if (note.path("group").asText().equals(p.path("group").asText())
                            && note.path("role").asText().equals(p.path("role").asText())) {
                        ack(facilitator.call("attachQuote", "perspective", p.path("id").asText(), "note", note.path("id").asText()));
                    }
                }
            }
            facilitator.awaitView(v -> {
                int attached = 0;
                for (JsonNode p : v.path("perspectives")) {
                    attached += p.path("quotes").size();
                }
                return attached == 5;
            });
        }
        return s;
    }

    private byte[] download(NewSession s, String file) {
        return given().header("Authorization", "Bearer " + s.facilitatorSecret())
                .get("/api/sessions/" + s.code() + "/" + file).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("test-"))
                .extract().asByteArray();
    }

    @Test
    void everyExportShowsTheSeedsStructure() throws Exception {
        NewSession s = rebuildSeedSection();

        String md = new String(download(s, "minutes.md"), StandardCharsets.UTF_8);
        int issueAt = md.indexOf("Doelen van re-integratie\n");
        assertTrue(issueAt > 0, "the issue is a heading");
        int introAt = md.indexOf(INTRO, issueAt);
        int gemeenteAt = md.indexOf("Gemeente", introAt);
        int uwvAt = md.indexOf("UWV", gemeenteAt);
        assertTrue(introAt > issueAt && gemeenteAt > introAt && uwvAt > gemeenteAt, "issue, introduction, then the groups in order");
        assertTrue(md.contains("| Uitvoering | " + ROWS[0][2]), "role and perspective in one table row");
        assertTrue(md.contains(ROWS[3][3]), "the UWV quote is in the table");

        String html = new String(download(s, "minutes.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Doelen van re-integratie"));
        assertTrue(html.contains("<table") && html.contains("Bestuur") && html.contains(ROWS[4][2]));
        assertTrue(html.contains("<svg"), "the word cloud is drawn inline");

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(download(s, "minutes.docx")))) {
            List<String> heading1 = new ArrayList<>();
            List<String> heading2 = new ArrayList<>();
            for (XWPFParagraph p : doc.getParagraphs()) {
                if ("Heading1".equals(p.getStyle())) {
                    heading1.add(p.getText());
                }
                if ("Heading2".equals(p.getStyle())) {
                    heading2.add(p.getText());
                }
            }
            assertTrue(heading1.contains("Doelen van re-integratie"), heading1.toString());
            assertTrue(heading2.containsAll(List.of("Gemeente", "UWV", "SZW", "Kennisinstelling")), heading2.toString());
            boolean found = false;
            for (XWPFTable table : doc.getTables()) {
                for (var row : table.getRows()) {
                    if (row.getCell(0).getText().equals("Management") && row.getCell(1).getText().equals(ROWS[3][2])) {
                        found = row.getCell(2).getText().contains(ROWS[3][3]);
                    }
                }
            }
            assertTrue(found, "UWV · Management: perspective and quote in the cells of one row");
        }

        JsonNode minutes = new ObjectMapper().readTree(download(s, "minutes.json"));
        JsonNode issue = null;
        for (JsonNode i : minutes.path("issues")) {
            if (i.path("title").asText().equals("Doelen van re-integratie")) {
                issue = i;
            }
        }
        assertEquals(INTRO, issue.path("introduction").asText());
        assertEquals("Gemeente", issue.path("groups").get(0).path("group").asText());
        assertEquals(3, issue.path("groups").get(0).path("rows").size());
        assertEquals(List.of("Gemeente", "UWV", "SZW", "Kennisinstelling"),
                java.util.stream.StreamSupport.stream(issue.path("groups").spliterator(), false)
                        .map(g -> g.path("group").asText()).toList());
        assertTrue(minutes.toString().contains("Cliënten"), "the missing perspective is named");
        assertTrue(!minutes.toString().contains("Naam gemeente"), "no participant's name reaches the minutes");
    }

    @Test
    void rolesWithFewerThanThreePeopleAreMergedIntoTheirGroupByDefault() throws Exception {
        NewSession s = TestSessions.create();
        for (int i = 0; i < 3; i++) {
            TestSessions.join(s, "U" + i, "gemeente", "uitvoering");
        }
        TestSessions.join(s, "Wethouder", "gemeente", "bestuur");
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            ack(facilitator.call("addNote", "kind", "QUOTE", "text", "Ik stuur op de begroting", "group", "gemeente",
                    "role", "bestuur", "issue", ISSUE));
            ack(facilitator.call("addNote", "kind", "QUOTE", "text", "Wij zien de klant elke week", "group", "gemeente",
                    "role", "uitvoering", "issue", ISSUE));
        }
        String md = new String(download(s, "minutes.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("Uitvoering"), "a role of three is named");
        assertTrue(!md.contains("Bestuur"), "the single Bestuur member is not identifiable by role");
        assertTrue(md.contains("(rollen samengevoegd)"));
        String csv = new String(download(s, "picks.csv"), StandardCharsets.UTF_8);
        assertTrue(!csv.contains("Bestuur"));
    }

    @Test
    void downloadsAreForTheFacilitatorOnly() throws Exception {
        NewSession s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        for (String file : List.of("minutes.md", "minutes.html", "minutes.docx", "minutes.json", "picks.csv")) {
            given().get("/api/sessions/" + s.code() + "/" + file).then().statusCode(401);
            given().header("Authorization", "Bearer " + p.secret()).get("/api/sessions/" + s.code() + "/" + file)
                    .then().statusCode(401);
        }
    }

    @Test
    void thePicksCsvParsesBackOneRowPerPick() throws Exception {
        NewSession s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        try (LiveClient anne = LiveClient.hello(base, s.code(), "participant", p.secret())) {
            ack(anne.pick("MOST", "Reflecteren"));
            ack(anne.call("pick", "kind", "LEAST", "term", "\"Regels\", | <b>", "own", "true"));
        }
        String csv = new String(download(s, "picks.csv"), StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(2, records.size());
        assertEquals("Reflecteren", records.get(0).get("term"));
        assertEquals("MOST", records.get(0).get("kind"));
        assertEquals("Gemeente", records.get(0).get("stakeholder_group"));
        assertEquals("\"Regels\", | <b>", records.get(1).get("term"));
        assertEquals("true", records.get(1).get("own_word"));
    }
}
