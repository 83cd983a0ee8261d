package nl.waterline.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateLoaderTest {

    private final TemplateLoader loader = new TemplateLoader();

    static final String VALID = """
            id: mini
            defaultLanguage: nl
            title: {nl: Mini, en: Mini}
            description: {nl: Kort, en: Short}
            question: {nl: Vraag, en: Question}
            questionMost: {nl: Meest, en: Most}
            questionLeast: {nl: Minst, en: Least}
            terms: [Een, Twee, Drie]
            groups:
              - id: gemeente
                name: {nl: Gemeente, en: Municipality}
                expected: true
                roles:
                  - id: uitvoering
                    name: {nl: Uitvoering, en: Front line}
            phases: [join, picks, results]
            """;

    @Test
    void shippedStakeholderSessionIsFaithfulToTheSeed() throws Exception {
        TemplateSet set = loader.loadDirectory(Path.of("session-templates"));
        assertEquals(List.of(), set.problems());
        SessionTemplate t = set.byId("stakeholdersessie").orElseThrow();
        assertEquals(19, t.terms().size());
        assertTrue(t.terms().contains("Evidence-based werken"));
        assertTrue(t.terms().contains("Effectief (laten) uitvoeren van beleid"));
        assertTrue(t.ownWordAllowed());
        assertEquals(2, t.mostPicks());
        assertEquals(2, t.leastPicks());
        assertEquals(8, t.issues().size());
        assertEquals("Doelen van re-integratie", t.issues().get(0).title().nl());
        assertEquals("De systeemrol van SZW", t.issues().get(7).title().nl());
        StakeholderGroup gemeente = t.group("gemeente").orElseThrow();
        assertEquals(List.of("uitvoering", "management", "bestuur"), gemeente.roles().stream().map(StakeholderGroup.Role::id).toList());
        assertTrue(t.groups().stream().anyMatch(g -> g.expected() && g.name().nl().startsWith("Cliënten")),
                "the clients' perspective is an expected voice");
        assertTrue(t.questionMost().nl().startsWith("Welke 2 woorden associeer jij het meest"));
        assertTrue(set.byId("pre-sessie").isPresent());
        assertTrue(set.byId("onderzoekerssessie").isPresent());
        assertTrue(set.templates().stream().anyMatch(x -> x.defaultLanguage().equals("en")));
    }

    @Test
    void defaultsApplyWhenCountsAreLeftOut() throws Exception {
        SessionTemplate t = loader.parse("mini.yaml", VALID);
        assertEquals(2, t.mostPicks());
        assertTrue(t.ownWordAllowed());
        assertEquals(List.of("join", "picks", "results"), t.phases());
    }

    @Test
    void badYamlNamesTheFileAndLine() {
        TemplateException e = assertThrows(TemplateException.class, () -> loader.parse("bad.yaml", "id: [unclosed\n  x: y"));
        assertEquals("bad.yaml", e.problem().file());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID.replace("questionLeast: {nl: Minst, en: Least}\n", "")));
        assertEquals("questionLeast", e.problem().field());
    }

    @Test
    void duplicateTermIsNamedWithItsIndex() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID.replace("[Een, Twee, Drie]", "[Een, Twee, een]")));
        assertEquals("terms[2]", e.problem().field());
        assertTrue(e.problem().message().contains("duplicate"));
    }

    @Test
    void pickCountBelowOneIsRefused() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID + "mostPicks: 0\n"));
        assertEquals("mostPicks", e.problem().field());
    }

    @Test
    void roleWithoutNameIsNamedByPath() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID.replace("name: {nl: Uitvoering, en: Front line}", "name: {nl: Uitvoering}")));
        assertEquals("groups[0].roles[0].name.en", e.problem().field());
    }

    @Test
    void unknownPhaseAndUnknownFieldAreRefused() {
        assertEquals("phases[1]", assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID.replace("[join, picks, results]", "[join, voting]"))).problem().field());
        assertEquals("colour", assertThrows(TemplateException.class,
                () -> loader.parse("x.yaml", VALID + "colour: blue\n")).problem().field());
    }

    @Test
    void aBrokenFileIsReportedAndNeverHalfLoaded(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("good.yaml"), VALID);
        Files.writeString(folder.resolve("broken.yaml"), VALID.replace("id: mini", "id: other").replace("mostPicks", "x") + "leastPicks: -1\n");
        Files.writeString(folder.resolve("twin.yaml"), VALID);
        TemplateSet set = loader.loadDirectory(folder);
        assertEquals(List.of("mini"), set.templates().stream().map(SessionTemplate::id).toList());
        assertEquals(2, set.problems().size());
        assertTrue(set.problems().stream().anyMatch(p -> p.file().equals("broken.yaml") && p.field().equals("leastPicks")));
        assertTrue(set.problems().stream().anyMatch(p -> p.file().equals("twin.yaml") && p.field().equals("id")));
    }
}
