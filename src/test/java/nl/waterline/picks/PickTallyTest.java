package nl.waterline.picks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PickTallyTest {

    static final class Person implements Picker {
        final String group;
        final String role;
        final Set<String> most = new LinkedHashSet<>();
        final Set<String> least = new LinkedHashSet<>();

        Person(String group, String role) {
            this.group = group;
            this.role = role;
        }

        @Override
        public String group() {
            return group;
        }

        @Override
        public String role() {
            return role;
        }

        @Override
        public Set<String> picks(PickKind kind) {
            return kind == PickKind.MOST ? most : least;
        }
    }

    static final List<String> TERMS = List.of("Verantwoorden", "Praktijkkennis", "Reflecteren", "Samenwerken", "Leren");
    static final List<String> GROUPS = List.of("gemeente", "uwv", "szw", "burgers");
    static final List<String> ROLES = List.of("beleid", "uitvoering", "management");
    static final List<String> OWN = List.of("Klant centraal", "Vertrouwen", "Regeldruk");

    @Test
    void pickByPickGivesWhatCountingEverythingAgainGives() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            PickTally tally = new PickTally(TERMS, GROUPS);
            Map<Integer, Person> room = new LinkedHashMap<>();
            List<String> ownWords = new ArrayList<>();
            int nextId = 0;
            for (int step = 0; step < 2_000; step++) {
                int action = random.nextInt(10);
                if (action == 0 || room.isEmpty()) {
                    room.put(nextId++, new Person(GROUPS.get(random.nextInt(GROUPS.size())),
                            ROLES.get(random.nextInt(ROLES.size()))));
                    continue;
                }
                List<Integer> ids = new ArrayList<>(room.keySet());
                Person p = room.get(ids.get(random.nextInt(ids.size())));
                PickKind kind = random.nextBoolean() ? PickKind.MOST : PickKind.LEAST;
                if (action == 1) {
                    tally.left(p);
                    room.values().remove(p);
                } else if (action <= 5 && !p.picks(kind).isEmpty()) {
                    List<String> picked = new ArrayList<>(p.picks(kind));
                    String term = picked.get(random.nextInt(picked.size()));
                    p.picks(kind).remove(term);
                    tally.removed(p, kind, term);
                } else {
                    boolean own = random.nextInt(8) == 0;
                    String term = own ? OWN.get(random.nextInt(OWN.size())) : TERMS.get(random.nextInt(TERMS.size()));
                    if (p.picks(kind).contains(term) || p.picks(kind.other()).contains(term) || p.picks(kind).size() >= 2) {
                        continue;
                    }
                    if (own && !ownWords.contains(term)) {
                        ownWords.add(term);
                        tally.ownWord(term);
                    }
                    p.picks(kind).add(term);
                    tally.added(p, kind, term);
                }
                if (step % 7 == 0) {
                    assertEquals(PickResults.tally(TERMS, ownWords, room.values(), GROUPS), tally.results(),
                            "seed " + seed + ", step " + step);
                }
            }
            assertEquals(PickResults.tally(TERMS, ownWords, room.values(), GROUPS), tally.results(), "seed " + seed);
        }
    }

    @Test
    void aGroupWhosePicksWereAllTakenBackDropsOutOfTheTable() {
        PickTally tally = new PickTally(TERMS, GROUPS);
        Person szw = new Person("szw", "beleid");
        Person gemeente = new Person("gemeente", "uitvoering");
        szw.most.add("Leren");
        tally.added(szw, PickKind.MOST, "Leren");
        gemeente.least.add("Leren");
        tally.added(gemeente, PickKind.LEAST, "Leren");
        assertEquals(2.0, term(tally, "Leren").divergence());

        gemeente.least.remove("Leren");
        tally.removed(gemeente, PickKind.LEAST, "Leren");

        PickResults.TermResult leren = term(tally, "Leren");
        assertEquals(List.of(new PickResults.GroupCount("szw", 1, 0)), leren.byGroup());
        assertEquals(List.of(new PickResults.RoleCount("szw", "beleid", 1, 0)), leren.byRole());
        assertEquals(1, tally.results().participantsWithPicks(), "someone without picks is not counted");
        assertEquals(0.0, leren.divergence(), "one group left that picked anything");
    }

    @Test
    void resultsAreBuiltOncePerChange() {
        PickTally tally = new PickTally(TERMS, GROUPS);
        PickResults first = tally.results();
        assertSame(first, tally.results(), "no change, same results");
        Person p = new Person("uwv", "beleid");
        p.most.add("Leren");
        tally.added(p, PickKind.MOST, "Leren");
        PickResults second = tally.results();
        assertEquals(1, term(tally, "Leren").most());
        assertEquals(first.terms().size(), second.terms().size());
        assertNull(first.terms().stream().filter(t -> t.most() > 0).findFirst().orElse(null), "old results unchanged");
    }

    @Test
    void anOwnWordStaysOnceNobodyPicksIt() {
        PickTally tally = new PickTally(TERMS, GROUPS);
        Person p = new Person("uwv", "beleid");
        tally.ownWord("Vertrouwen");
        p.least.add("Vertrouwen");
        tally.added(p, PickKind.LEAST, "Vertrouwen");
        tally.left(p);
        PickResults.TermResult own = term(tally, "Vertrouwen");
        assertEquals(true, own.own());
        assertEquals(0, own.most() + own.least());
        assertEquals(0, tally.results().participantsWithPicks());
    }

    private static PickResults.TermResult term(PickTally tally, String term) {
        return tally.results().terms().stream().filter(t -> t.term().equals(term)).findFirst().orElseThrow();
    }
}
