package nl.waterline.picks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PickResultsTest {

    record P(String group, String role, Set<String> most, Set<String> least) implements Picker {
        @Override
        public Set<String> picks(PickKind kind) {
            return kind == PickKind.MOST ? most : least;
        }
    }

    @Test
    void countsPerTermGroupAndRoleWithDivergenceFirstAmongEqualTotals() {
        List<P> pickers = List.of(
                new P("gemeente", "uitvoering", Set.of("Praktijkkennis benutten"), Set.of("Verantwoorden")),
                new P("gemeente", "management", Set.of("Praktijkkennis benutten"), Set.of()),
                new P("szw", "beleid", Set.of("Verantwoorden"), Set.of("Praktijkkennis benutten")),
                new P("uwv", "uitvoering", Set.of(), Set.of()));
        PickResults results = PickResults.tally(List.of("Verantwoorden", "Praktijkkennis benutten", "Reflecteren"),
                List.of(), pickers, List.of("gemeente", "uwv", "szw"));
        assertEquals(3, results.participantsWithPicks(), "someone without picks is not counted");
        PickResults.TermResult praktijk = results.terms().get(0);
        assertEquals("Praktijkkennis benutten", praktijk.term());
        assertEquals(2, praktijk.most());
        assertEquals(1, praktijk.least());
        assertEquals(List.of(new PickResults.GroupCount("gemeente", 2, 0), new PickResults.GroupCount("szw", 0, 1)),
                praktijk.byGroup());
        assertEquals(new PickResults.RoleCount("gemeente", "management", 1, 0), praktijk.byRole().get(0));
        assertEquals(2.0, praktijk.divergence(), "all of gemeente MOST, all of SZW LEAST");
        PickResults.TermResult verantwoorden = results.terms().get(1);
        assertEquals(1.5, verantwoorden.divergence(), "SZW 1.0 vs gemeente -0.5");
        PickResults.TermResult reflecteren = results.terms().get(2);
        assertEquals(0, reflecteren.most() + reflecteren.least());
        assertEquals(0.0, reflecteren.divergence());
    }

    @Test
    void ownWordsAppearAsOwn() {
        PickResults results = PickResults.tally(List.of("A", "B"), List.of("Klant centraal"),
                List.of(new P("g", "r", Set.of("Klant centraal"), Set.of())), List.of("g"));
        assertEquals("Klant centraal", results.terms().get(0).term());
        assertEquals(true, results.terms().get(0).own());
        assertEquals(0.0, results.terms().get(0).divergence(), "one group cannot diverge from itself");
    }
}
