package nl.waterline.minutes;

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

import java.time.LocalDate;
import java.util.List;

/**
 * Minutes for the exporter tests. {@link #seedExample()} is the seed report's §3.2 "Doelen van
 * re-integratie" with its perspectives and quotes verbatim (line-break hyphens of the PDF undone);
 * {@link #hostile()} puts text that breaks naive XML, CSV, Markdown or spreadsheets into every text field.
 */
public final class MinutesFixture {

    public static final String ISSUE = "Doelen van re-integratie";
    public static final String MISSING = "Het perspectief van Cliënten/werkzoekenden ontbrak.";
    public static final String BELOW = "onder de waterlijn";

    public static final String INTRODUCTION = "In de bijeenkomsten werd duidelijk dat verschillende stakeholders "
            + "verschillende doelen centraal stellen en een verschillende scope voor re-integratiebeleid hanteren. "
            + "Niet alleen (snelle) uitstroom naar werk, maar ook participatie via vrijwilligerswerk of het zetten van "
            + "stappen richting werk werden als doelen van (activerings-)dienstverlening genoemd. Afhankelijk van het "
            + "doel of de doelen waaraan professionals werken, kunnen verschillende soorten kennis relevant zijn. Voor "
            + "effectmeting is belangrijk te meten of doelen die je nastreeft behaald worden, dat kan dus om andere "
            + "effecten gaan dan uitstroom naar werk. Daarnaast viel op dat veel gesprekspartners weinig op hebben met "
            + "formele beleidsdoelen en organisatiedoelen, ook al sturen deze wel mede hoe het werk wordt gedaan.";

    /** The hostile fragments, each of which has broken some exporter somewhere. */
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String PIPE = "a | b";
    public static final String QUOTED = "\"quoted\"";
    public static final String NEWLINE = "line1\nline2";
    public static final String ENTITY = "&amp;";
    public static final String FORMULA = "=cmd|' /C calc'!A0";
    public static final String UNICODE = "Cliënt café 🌊👩🏽‍💼";

    private MinutesFixture() {
    }

    public static Headings dutchHeadings() {
        return new Headings("Verslag van de bijeenkomst", "Datum", "Sjabloon", "Traject", "Aanwezigen", "deelnemers",
                "Stakeholdergroep", "Rol", "Aantal", "Ontbrekende perspectieven", "Wordcloud", "Begrip", "Meest", "Minst",
                "Verschil", "eigen woord", "Subgroepen", "Subgroep", "Samenstelling", "Verhelderende vragen",
                "Geparkeerd voor de discussie", "Discussie over verschillen", "Verschillen", "Overeenkomsten",
                "Oogst per perspectief", "Wat hebben we gehoord van de andere perspectieven?", "Hoe willen we verder?",
                "Issues", "Perspectief", "Citaten", "boven de waterlijn", "onder de waterlijn", "(geen)");
    }

    public static Minutes seedExample() {
        Attendance attendance = new Attendance(18, List.of(
                new GroupCount("Gemeente", 8, List.of(new RoleCount("Uitvoering", 4), new RoleCount("Management", 2),
                        new RoleCount("Bestuur", 2))),
                new GroupCount("UWV", 4, List.of(new RoleCount("Uitvoering", 2), new RoleCount("Management", 2))),
                new GroupCount("SZW", 2, List.of(new RoleCount("Beleid", 2))),
                new GroupCount("Sociale werkvoorziening", 1, List.of(new RoleCount("Management", 1))),
                new GroupCount("Kennisinstelling", 3, List.of(new RoleCount("Onderzoek", 3)))),
                List.of("Cliënten/werkzoekenden"), MISSING);

        List<String> groups = List.of("Gemeente", "UWV", "SZW", "Sociale werkvoorziening", "Kennisinstelling");
        WordCloud cloud = new WordCloud(17, groups, List.of(
                term("Beleidsdoelen halen", false, 5, 6, 1.5, new int[][] {{1, 4}, {0, 2}, {2, 0}, {0, 0}, {2, 0}}),
                term("Evidence-based werken", false, 6, 4, 1.25, new int[][] {{1, 2}, {1, 1}, {2, 0}, {0, 1}, {2, 0}}),
                term("Mensen aan het werk helpen", false, 9, 1, 0.75, new int[][] {{5, 0}, {3, 0}, {0, 1}, {1, 0}, {0, 0}}),
                term("Praktijkkennis benutten", false, 7, 2, 0.6, new int[][] {{4, 0}, {1, 0}, {0, 1}, {1, 0}, {1, 1}}),
                term("Klant centraal", true, 1, 0, 0.0, new int[][] {{1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}})));

        List<SubgroupComposition> subgroups = List.of(
                new SubgroupComposition("Subgroep 1", List.of("Gemeente · Uitvoering", "Gemeente · Bestuur", "UWV · Management",
                        "SZW · Beleid", "Kennisinstelling · Onderzoek")),
                new SubgroupComposition("Subgroep 2", List.of("Gemeente · Management", "UWV · Uitvoering",
                        "Sociale werkvoorziening · Management", "Kennisinstelling · Onderzoek")));

        List<QuestionLine> questions = List.of(
                new QuestionLine("Subgroep 1", "Wat bedoel je precies met het hoogst haalbare?", "beantwoord"),
                new QuestionLine("Subgroep 2", "Wie bepaalt bij jullie welke doelen voorgaan?", "beantwoord"));
        List<QuestionLine> parked = List.of(
                new QuestionLine("Subgroep 1", "Integraal werken is te abstract, wat is het doel?", "geparkeerd"));

        List<SubgroupDiscussion> discussion = List.of(
                new SubgroupDiscussion("Subgroep 1",
                        List.of(new DiscussionLine("Uitstroom naar werk of ook participatie en vrijwilligerswerk als doel",
                                List.of("Gemeente", "SZW"))),
                        List.of(new DiscussionLine("Formele beleidsdoelen leven weinig in de uitvoering",
                                List.of("Gemeente", "UWV")))),
                new SubgroupDiscussion("Subgroep 2",
                        List.of(new DiscussionLine("Wie bepaalt welke kennis geproduceerd wordt",
                                List.of("Kennisinstelling", "Gemeente"))),
                        List.of()));

        List<GroupHarvest> harvest = List.of(
                new GroupHarvest("Gemeente", List.of("SZW wil scherpe beleidsdoelen, wij werken met een breed werkbegrip"),
                        List.of("Het gesprek over conflicterende doelen binnen de gemeente voeren")),
                new GroupHarvest("SZW", List.of("In de uitvoering sturen doelen op papier weinig"),
                        List.of("Doelen samen met gemeenten scherper formuleren")));

        IssueSection doelen = new IssueSection(ISSUE, INTRODUCTION, List.of(
                new GroupTable("Gemeente", List.of(
                        row("Uitvoering", "Op weg helpen richting (vrijwilligers)werk is ook een doel, niet alleen uitstroom naar werk",
                                null, "Mensen aan het werk helpen is het hoofddoel, maar wel met een breed werk begrip, het gaat om "
                                        + "het hoogst haalbare, kan ook vrijwilligerswerk zijn."),
                        row("Uitvoering", "Doelen op papier leven niet EN komen niet altijd overeen met de ervaren sturing in de "
                                        + "praktijk vanuit bijvoorbeeld het management",
                                null, "De praktijk ervaart wat anders dan onze met de mond beleden beleidsdoelen."),
                        row("Uitvoering", "(Lokale) beleidsdoelen leiden af van kern",
                                null, "Beleidsdoelen halen: dat moet wel, maar je bent daar niet dagelijks mee bezig, je richt je "
                                        + "op het belang van de cliënt en hem/haar verder helpen."),
                        row("Management", "Brede en smalle participatiedoelen zijn belangrijk voor gemeentelijke "
                                        + "dienstverlening gericht op participatie",
                                null, "Het doel van werk is te smal, voor de gemeente gaat het om het in beweging krijgen van "
                                        + "uitkeringsgerechtigden."),
                        row("Management", "Tegenstrijdige doelen vanuit beleid en bestuur beïnvloeden uitvoering", null),
                        row("Management", "Het behalen van beleids- en organisatiedoelen is belangrijk voor het bestuur en "
                                        + "voor financiële dekking",
                                BELOW, "Er wordt verwacht dat ik mijn doelen haal, anders krijg je een heel verantwoordingscircus. "
                                        + "In onze gemeente heerst financiële druk, altijd tekort, vanuit die kant is het heel belangrijk "
                                        + "om geen problemen te krijgen"),
                        row("Bestuur", "Het bestuur wil mensen aan het werk helpen, maar ook bevordering van zelfredzaamheid "
                                + "is van belang.", null),
                        row("Bestuur", "Het gesprek binnen de gemeente over conflicterende doelen moet wel gevoerd worden, "
                                + "want uiteindelijk moet het geld wel goed verantwoord kunnen worden", BELOW))),
                new GroupTable("UWV", List.of(
                        row("Management", "Doelen moeten geen eigen leven leiden",
                                null, "Een uitvoerder moet niet bezig zijn met het afvinken van beleidsdoelen"))),
                new GroupTable("SZW", List.of(
                        row("Beleid", "Beleidsdoelen moeten scherp zijn, anders krijg je verwarring",
                                null, "Je ziet dat medewerkers soms verschillende doelen centraal stellen, terwijl de oriëntatie "
                                        + "op werk centraal zou moeten staan"),
                        row("Beleid", "Doelen kunnen tot tunnelvisie leiden",
                                null, "Integraal werken is te abstract, wat is het doel?"))),
                new GroupTable("Kennisinstelling", List.of(
                        row("Onderzoek", "Doel van onderzoek, de onderzoeksopdracht en onderzoeksvraag hangen samen met wat "
                                        + "als doel van re-integratie wordt beschouwd.",
                                BELOW, "Wij werken alleen maar voor opdrachtgevers, dat bepaalt welke kennis geproduceerd wordt, "
                                        + "de opdrachtgevers bepalen/grote rol in welke vragen er gesteld worden, en welke "
                                        + "bevindingen openbaar worden.")))));

        return new Minutes("nl", "Stakeholdersessie Utrecht", LocalDate.of(2009, 3, 12),
                "Stakeholdersessie: kennis en de praktijk van re-integratie", "Kennis in het re-integratiedomein",
                dutchHeadings(), attendance, cloud, subgroups, questions, parked, discussion, harvest, List.of(doelen));
    }

    /**
     * Every text field hostile, each one different so a test can tell which field landed where. Fields a
     * spreadsheet or CSV reader sees first start with the formula; the others mix all fragments.
     */
    public static Minutes hostile() {
        Attendance attendance = new Attendance(3, List.of(
                new GroupCount(h("groep"), 3, List.of(new RoleCount(FORMULA, 2), new RoleCount(h("rol"), 1)))),
                List.of(h("ontbrekend")), h("ontbrekende zin"));
        WordCloud cloud = new WordCloud(3, List.of(h("groep")), List.of(
                new TermLine(FORMULA, true, 2, 1, 0.0, List.of(new GroupPicks(h("groep"), 2, 1))),
                new TermLine(h("term"), false, 1, 0, 0.0, List.of(new GroupPicks(h("groep"), 1, 0)))));
        return new Minutes("nl", h("titel"), LocalDate.of(2024, 2, 29), h("sjabloon"), h("traject"), dutchHeadings(),
                attendance, cloud,
                List.of(new SubgroupComposition(h("subgroep"), List.of(h("lid"), FORMULA))),
                List.of(new QuestionLine(h("subgroep"), h("vraag"), h("status"))),
                List.of(new QuestionLine(h("subgroep"), h("geparkeerd"), null)),
                List.of(new SubgroupDiscussion(h("subgroep"), List.of(new DiscussionLine(h("verschil"), List.of(h("groep")))),
                        List.of(new DiscussionLine(h("overeenkomst"), List.of(FORMULA))))),
                List.of(new GroupHarvest(h("groep"), List.of(h("gehoord")), List.of(h("verder")))),
                List.of(new IssueSection(h("issue"), h("inleiding"), List.of(new GroupTable(h("groep"), List.of(
                        new PerspectiveRow(h("rol"), h("perspectief"), List.of(h("citaat 1"), FORMULA), h("waterlijn")),
                        new PerspectiveRow(FORMULA, h("perspectief 2"), List.of(), null)))))));
    }

    /** All hostile fragments around a label, so each field's text is distinct. */
    public static String h(String label) {
        return SCRIPT + " " + label + " " + PIPE + " " + QUOTED + " " + NEWLINE + " " + ENTITY + " " + FORMULA + " " + UNICODE;
    }

    private static TermLine term(String term, boolean own, int most, int least, double divergence, int[][] byGroup) {
        List<String> groups = List.of("Gemeente", "UWV", "SZW", "Sociale werkvoorziening", "Kennisinstelling");
        List<GroupPicks> picks = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            picks.add(new GroupPicks(groups.get(i), byGroup[i][0], byGroup[i][1]));
        }
        return new TermLine(term, own, most, least, divergence, picks);
    }

    private static PerspectiveRow row(String role, String perspective, String waterline, String... quotes) {
        return new PerspectiveRow(role, perspective, List.of(quotes), waterline);
    }
}
