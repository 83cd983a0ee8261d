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
import java.util.ArrayList;
import java.util.List;

/**
 * Minutes for the golden files: the seed's issue "Doelen van re-integratie" (§3.2) with its perspectives
 * and quotes as the report prints them, around a session of 18 participants in which nobody spoke for the
 * clients. Counts and discussion lines are made up but consistent with each other.
 */
final class GoldenMinutes {

    static final String GEMEENTE = "Gemeente";
    static final String UWV = "UWV";
    static final String SZW = "SZW";
    static final String KENNIS = "Kennisinstelling";
    static final String SW = "Sociale werkvoorziening";

    private GoldenMinutes() {
    }

    static Headings dutchHeadings() {
        return new Headings("Verslag", "Datum", "Sjabloon", "Traject", "Aanwezigheid",
                "Deelnemers", "Stakeholdergroep", "Rol (laag)", "Aantal", "Ontbrekend",
                "Wordcloud", "Begrip", "Meest", "Minst", "Verschil",
                "eigen woord", "Subgroepen", "Subgroep", "Samenstelling",
                "Verhelderende vragen", "Geparkeerd", "Discussie", "Verschillen",
                "Overeenkomsten", "Oogst per perspectief", "Wat hebben we gehoord", "Hoe gaan we verder", "Issues",
                "Perspectief", "Citaten", "Boven de waterlijn", "Onder de waterlijn",
                "Geen");
    }

    static Minutes doelenVanReintegratie() {
        Headings h = dutchHeadings();

        Attendance attendance = new Attendance(18, List.of(
                new GroupCount(GEMEENTE, 8, List.of(
                        new RoleCount("Uitvoering", 4), new RoleCount("Management", 3), new RoleCount("Bestuur", 1))),
                new GroupCount(UWV, 4, List.of(new RoleCount("Uitvoering", 2), new RoleCount("Management", 2))),
                new GroupCount(SZW, 3, List.of(new RoleCount("Beleid", 3))),
                new GroupCount(KENNIS, 2, List.of(new RoleCount("Onderzoek", 2))),
                new GroupCount(SW, 1, List.of())),
                List.of("Cliënten/werkzoekenden"),
                "Niemand sprak namens Cliënten/werkzoekenden: hun perspectief ontbrak in deze sessie.");

        List<String> groups = List.of(GEMEENTE, UWV, SZW, KENNIS, SW);
        WordCloud cloud = new WordCloud(17, groups, List.of(
                term("Verantwoorden", false, 2.0, 0, 4, 0, 1, 2, 0, 0, 1, 0, 0),
                term("Evidence-based werken", false, 1.8, 0, 2, 0, 1, 2, 0, 2, 0, 0, 0),
                term("Praktijkkennis benutten", false, 1.5, 5, 0, 2, 0, 0, 1, 0, 0, 1, 0),
                term("Beleidsdoelen halen", false, 1.0, 0, 3, 0, 1, 0, 0, 0, 1, 0, 0),
                term("Mensen aan het werk helpen", false, 0.5, 3, 0, 1, 0, 1, 0, 0, 0, 1, 0),
                term("Reflecteren", false, 0.4, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0),
                term("Klant centraal", true, 0.0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                term("Integraal werken", false, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

        List<SubgroupComposition> subgroups = List.of(
                new SubgroupComposition("Subgroep 1", List.of("Gemeente · Uitvoering", "Gemeente · Uitvoering",
                        "Gemeente · Management", "Gemeente · Bestuur", "UWV · Uitvoering", "UWV · Management",
                        "SZW · Beleid", "Kennisinstelling · Onderzoek", "Sociale werkvoorziening")),
                new SubgroupComposition("Subgroep 2", List.of("Gemeente · Uitvoering", "Gemeente · Uitvoering",
                        "Gemeente · Management", "Gemeente · Management", "UWV · Uitvoering", "UWV · Management",
                        "SZW · Beleid", "SZW · Beleid", "Kennisinstelling · Onderzoek")));

        List<QuestionLine> questions = List.of(
                new QuestionLine("Subgroep 1", "Wat bedoel je met ‘het hoogst haalbare’?", "beantwoord"),
                new QuestionLine("Subgroep 1", "Op welke doelen stuurt jouw management in de praktijk?", "beantwoord"),
                new QuestionLine("Subgroep 2", "Wie bepaalt welke onderzoeksvragen er gesteld worden?", "beantwoord"));
        List<QuestionLine> parked = List.of(
                new QuestionLine("Subgroep 2", "Uitstroom naar werk is toch het enige doel dat telt?",
                        "besproken in de discussieronde"));

        List<SubgroupDiscussion> discussion = List.of(
                new SubgroupDiscussion("Subgroep 1",
                        List.of(new DiscussionLine("De uitvoering ziet ook vrijwilligerswerk als doel; SZW wil dat de "
                                        + "oriëntatie op werk centraal staat.", List.of(GEMEENTE, SZW)),
                                new DiscussionLine("Voor het bestuur zijn beleidsdoelen nodig voor de financiële dekking; "
                                        + "in de uitvoering leiden ze af van de kern.", List.of(GEMEENTE))),
                        List.of(new DiscussionLine("Iedereen wil mensen verder helpen, richting werk.",
                                List.of(GEMEENTE, UWV, SZW)))),
                new SubgroupDiscussion("Subgroep 2",
                        List.of(new DiscussionLine("Onderzoek volgt de vragen van opdrachtgevers; beleid verwacht "
                                + "scherpe doelen als vertrekpunt.", List.of(KENNIS, SZW))),
                        List.of()));

        List<GroupHarvest> harvest = List.of(
                new GroupHarvest(GEMEENTE,
                        List.of("SZW wil scherpe doelen om verwarring te voorkomen."),
                        List.of("Binnen de gemeente het gesprek over conflicterende doelen voeren.")),
                new GroupHarvest(UWV,
                        List.of("Gemeenten werken met een breder begrip van werk."),
                        List.of("Doelen bespreken zonder ze af te vinken.")),
                new GroupHarvest(SZW,
                        List.of("Doelen op papier leven niet altijd in de uitvoering."),
                        List.of("Met gemeenten nagaan welke doelen in de praktijk sturen.")),
                new GroupHarvest(KENNIS,
                        List.of("Wat als doel geldt, bepaalt wat er onderzocht wordt."),
                        List.of()));

        return new Minutes("nl", "Stakeholdersessie over kennis in re-integratie", LocalDate.of(2013, 10, 8),
                "Stakeholdersessie", "Kennis in het re-integratiedomein", h, attendance, cloud, subgroups,
                questions, parked, discussion, harvest, List.of(doelen(h)));
    }

    /** Seed §3.2, perspectives and quotes verbatim; rows without a quote in the report have none here. */
    static IssueSection doelen(Headings h) {
        String intro = "In de bijeenkomsten werd duidelijk dat verschillende stakeholders verschillende doelen "
                + "centraal stellen en een verschillende scope voor re-integratiebeleid hanteren. Niet alleen (snelle) "
                + "uitstroom naar werk, maar ook participatie via vrijwilligerswerk of het zetten van stappen richting "
                + "werk werden als doelen van (activerings-)dienstverlening genoemd. Afhankelijk van het doel of de "
                + "doelen waaraan professionals werken, kunnen verschillende soorten kennis relevant zijn.";
        return new IssueSection("Doelen van re-integratie", intro, List.of(
                new GroupTable(GEMEENTE, List.of(
                        new PerspectiveRow("Uitvoering",
                                "Op weg helpen richting (vrijwilligers)werk is ook een doel, niet alleen uitstroom naar werk",
                                List.of("Mensen aan het werk helpen is het hoofddoel, maar wel met een breed werk "
                                        + "begrip, het gaat om het hoogst haalbare, kan ook vrijwilligerswerk zijn."),
                                h.aboveWaterline()),
                        new PerspectiveRow("Uitvoering",
                                "Doelen op papier leven niet EN komen niet altijd overeen met de ervaren sturing in de "
                                        + "praktijk vanuit bijvoorbeeld het management",
                                List.of("De praktijk ervaart wat anders dan onze met de mond beleden beleidsdoelen."),
                                null),
                        new PerspectiveRow("Uitvoering", "(Lokale) beleidsdoelen leiden af van kern",
                                List.of("Beleidsdoelen halen: dat moet wel, maar je bent daar niet dagelijks mee bezig, "
                                        + "je richt je op het belang van de cliënt en hem/haar verder helpen."),
                                h.belowWaterline()),
                        new PerspectiveRow("Management",
                                "Brede en smalle participatiedoelen zijn belangrijk voor gemeentelijke dienstverlening "
                                        + "gericht op participatie",
                                List.of("Het doel van werk is te smal, voor de gemeente gaat het om het in beweging "
                                        + "krijgen van uitkeringsgerechtigden."),
                                null),
                        new PerspectiveRow("Management", "Tegenstrijdige doelen vanuit beleid en bestuur beïnvloeden uitvoering",
                                List.of(), null),
                        new PerspectiveRow("Management",
                                "Het behalen van beleids- en organisatiedoelen is belangrijk voor het bestuur en voor "
                                        + "financiële dekking",
                                List.of("Er wordt verwacht dat ik mijn doelen haal, anders krijg je een heel "
                                        + "verantwoordings-circus. In onze gemeente heerst financiële druk, altijd tekort, "
                                        + "vanuit die kant is het heel belangrijk om geen problemen te krijgen"),
                                h.belowWaterline()),
                        new PerspectiveRow("Bestuur",
                                "Het bestuur wil mensen aan het werk helpen, maar ook bevordering van zelfredzaamheid "
                                        + "is van belang.",
                                List.of(), null),
                        new PerspectiveRow("Bestuur",
                                "Het gesprek binnen de gemeente over conflicterende doelen moet wel gevoerd worden, want "
                                        + "uiteindelijk moet het geld wel goed verantwoord kunnen worden",
                                List.of(), null))),
                new GroupTable(UWV, List.of(
                        new PerspectiveRow("Management", "Doelen moeten geen eigen leven leiden",
                                List.of("Een uitvoerder moet niet bezig zijn met het afvinken van beleidsdoelen"), null))),
                new GroupTable(SZW, List.of(
                        new PerspectiveRow("Beleid", "Beleidsdoelen moeten scherp zijn, anders krijg je verwarring",
                                List.of("Je ziet dat medewerkers soms verschillende doelen centraal stellen, terwijl de "
                                        + "oriëntatie op werk centraal zou moeten staan"),
                                h.aboveWaterline()),
                        new PerspectiveRow("Beleid", "Doelen kunnen tot tunnelvisie leiden", List.of(), null),
                        new PerspectiveRow("Beleid", "Integraal werken is te abstract, wat is het doel?", List.of(), null))),
                new GroupTable(KENNIS, List.of(
                        new PerspectiveRow("Onderzoek",
                                "Doel van onderzoek, de onderzoeksopdracht en onderzoeksvraag hangen samen met wat als "
                                        + "doel van re-integratie wordt beschouwd.",
                                List.of("Wij werken alleen maar voor opdrachtgevers, dat bepaalt welke kennis "
                                        + "geproduceerd wordt, de opdrachtgevers bepalen/grote rol in welke vragen er "
                                        + "gesteld worden, en welke bevindingen openbaar worden."),
                                h.belowWaterline())))));
    }

    /** most, least, then (most, least) for each of the five groups in order. */
    private static TermLine term(String term, boolean own, double divergence, int... perGroup) {
        String[] groups = {GEMEENTE, UWV, SZW, KENNIS, SW};
        List<GroupPicks> byGroup = new ArrayList<>();
        int most = 0;
        int least = 0;
        for (int g = 0; g < groups.length; g++) {
            byGroup.add(new GroupPicks(groups[g], perGroup[2 * g], perGroup[2 * g + 1]));
            most += perGroup[2 * g];
            least += perGroup[2 * g + 1];
        }
        return new TermLine(term, own, most, least, divergence, byGroup);
    }
}
