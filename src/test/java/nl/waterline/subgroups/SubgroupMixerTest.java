package nl.waterline.subgroups;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubgroupMixerTest {

    // ---- the seed room: 18 participants, 5 groups, into 4 subgroups ----

    @Test
    void seedRoomFormsFourSubgroupsOfFiveFiveFourFour() {
        List<List<SubgroupMember>> subgroups = SubgroupMixer.form(seedRoom(), 4);
        assertEquals(List.of(5, 5, 4, 4), subgroups.stream().map(List::size).toList());
        assertEveryoneOnce(seedRoom(), subgroups);
    }

    @Test
    void seedRoomKeepsEveryGroupAndRoleEvenAndEachSubgroupHearsAtLeastFourGroups() {
        List<List<SubgroupMember>> subgroups = SubgroupMixer.form(seedRoom(), 4);
        assertEvenlySpread(seedRoom(), subgroups, SubgroupMember::group);
        assertEvenlySpread(seedRoom(), subgroups, SubgroupMixerTest::pair);
        for (List<SubgroupMember> subgroup : subgroups) {
            assertTrue(SubgroupMixer.mixOf(subgroup).distinctGroups() >= 4, "too few groups in " + subgroup);
        }
    }

    @Test
    void seedRoomSwapsPutFrontLinePracticeAndManagementInEverySubgroup() {
        // The plain deal leaves one subgroup without a management voice; swapping two gemeente members fixes that
        // without touching the group or (group, role) spread.
        List<List<SubgroupMember>> dealt = SubgroupMixer.deal(seedRoom(), 4);
        assertTrue(dealt.stream().anyMatch(s -> !roleLabels(s).contains("management")), "premise: the deal misses one");
        List<List<SubgroupMember>> subgroups = SubgroupMixer.form(seedRoom(), 4);
        for (List<SubgroupMember> subgroup : subgroups) {
            assertTrue(roleLabels(subgroup).containsAll(Set.of("uitvoering", "management")), "in " + subgroup);
        }
        assertTrue(distinctRoleLabels(subgroups) > distinctRoleLabels(dealt));
    }

    // ---- the group guarantee ----

    @Test
    void noSubgroupHoldsTwoOfAGroupWhileAnotherLacksIt() {
        // Input ordered the worst way for a naive fill: all of the big group first, then the rest.
        List<SubgroupMember> room = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            room.add(m("gem" + i, "gemeente", "uitvoering"));
        }
        room.add(m("uwv0", "uwv", "uitvoering"));
        room.add(m("uwv1", "uwv", "management"));
        room.add(m("uwv2", "uwv", "uitvoering"));
        room.add(m("szw0", "szw", "beleid"));
        room.add(m("ki0", "kennisinstelling", "onderzoek"));
        List<List<SubgroupMember>> subgroups = SubgroupMixer.form(room, 4);
        for (String group : List.of("gemeente", "uwv", "szw", "kennisinstelling")) {
            List<Long> counts = subgroups.stream()
                    .map(s -> s.stream().filter(x -> x.group().equals(group)).count()).toList();
            boolean someoneHasTwo = counts.stream().anyMatch(c -> c >= 2);
            boolean someoneLacks = counts.stream().anyMatch(c -> c == 0);
            assertFalse(someoneHasTwo && someoneLacks, group + " per subgroup: " + counts);
        }
        assertEvenlySpread(room, subgroups, SubgroupMember::group);
    }

    @Test
    void randomRoomsKeepSizesGroupsAndRolesEvenMixEverySubgroupAlikePlaceEveryoneOnceAndAreDeterministic() {
        Random random = new Random(20240611L);
        int forms = 0;
        for (int r = 0; r < 500; r++) {
            List<SubgroupMember> room = randomRoom(random);
            List<SubgroupMember> pristine = List.copyOf(room);
            Kinds groups = new Kinds(room, SubgroupMember::group);
            Kinds pairs = new Kinds(room, SubgroupMixerTest::pair);
            for (int n = 1; n <= room.size(); n++) {
                List<List<SubgroupMember>> subgroups = SubgroupMixer.form(room, n);
                int roomNo = r;
                int count = n;
                // A supplier: building this text for every assertion would dominate the run time.
                Supplier<String> where = () -> "room " + roomNo + " " + room + " into " + count + ": " + subgroups;
                forms++;

                assertEquals(n, subgroups.size(), where);
                int min = subgroups.stream().mapToInt(List::size).min().orElseThrow();
                int max = subgroups.stream().mapToInt(List::size).max().orElseThrow();
                assertTrue(max - min <= 1, () -> "sizes " + min + ".." + max + " in " + where.get());
                assertEveryoneOnce(room, subgroups);
                int[][] groupCounts = groups.count(subgroups);
                int[][] pairCounts = pairs.count(subgroups);
                groups.assertEvenlySpread(groupCounts, where);
                pairs.assertEvenlySpread(pairCounts, where);
                assertEquals(SubgroupMixer.form(new ArrayList<>(room), n), subgroups, () -> "not deterministic: " + where.get());

                int[] groupsHere = distinctPerSubgroup(groupCounts);
                int fewestGroups = Arrays.stream(groupsHere).min().orElseThrow();
                int mostGroups = Arrays.stream(groupsHere).max().orElseThrow();
                assertTrue(mostGroups - fewestGroups <= 1,
                        () -> "distinct groups " + fewestGroups + ".." + mostGroups + " in " + where.get());
                // Even spread means as many distinct groups and (group, role) pairs as any division could hold.
                assertEquals(groups.bestPossible(n), Arrays.stream(groupsHere).sum(), where);
                assertEquals(pairs.bestPossible(n), Arrays.stream(distinctPerSubgroup(pairCounts)).sum(), where);
            }
            assertEquals(pristine, room, "form must not reorder the caller's list");
        }
        assertTrue(forms > 5000, "too few cases to mean much: " + forms);
    }

    @Test
    void roleSpreadImprovesOrEqualsThePlainDeal() {
        Random random = new Random(7L);
        int splitsImproved = 0;
        for (int r = 0; r < 300; r++) {
            List<SubgroupMember> room = randomRoom(random);
            int n = 1 + random.nextInt(room.size());
            List<List<SubgroupMember>> dealt = SubgroupMixer.deal(room, n);
            List<List<SubgroupMember>> formed = SubgroupMixer.form(room, n);
            assertTrue(distinct(formed, SubgroupMixerTest::pair) >= distinct(dealt, SubgroupMixerTest::pair));
            int before = distinctRoleLabels(dealt);
            int after = distinctRoleLabels(formed);
            assertTrue(after >= before, () -> "swaps lost role labels: " + dealt + " -> " + formed);
            assertEquals(perSubgroup(dealt, SubgroupMember::group), perSubgroup(formed, SubgroupMember::group),
                    "swaps stay within a group, so each subgroup keeps its per-group counts");
            splitsImproved += after > before ? 1 : 0;
        }
        assertTrue(splitsImproved > 0, "the swap step never mattered, so this test does not exercise it");
    }

    @Test
    void shuffledInputStillMixesEvenly() {
        List<SubgroupMember> room = new ArrayList<>(seedRoom());
        Collections.shuffle(room, new Random(3L));
        List<List<SubgroupMember>> subgroups = SubgroupMixer.form(room, 4);
        assertEquals(List.of(5, 5, 4, 4), subgroups.stream().map(List::size).toList());
        assertEvenlySpread(room, subgroups, SubgroupMember::group);
        assertEvenlySpread(room, subgroups, SubgroupMixerTest::pair);
    }

    @Test
    void oneSubgroupHoldsEveryoneAndAsManySubgroupsAsMembersHoldOneEach() {
        List<List<SubgroupMember>> one = SubgroupMixer.form(seedRoom(), 1);
        assertEquals(1, one.size());
        assertEquals(18, one.get(0).size());
        List<List<SubgroupMember>> singles = SubgroupMixer.form(seedRoom(), 18);
        assertTrue(singles.stream().allMatch(s -> s.size() == 1));
    }

    // ---- refusals ----

    @Test
    void refusesSubgroupCountsOutsideOneToMemberCount() {
        for (int bad : new int[] {0, -1, 19}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SubgroupMixer.form(seedRoom(), bad));
            assertTrue(e.getMessage().contains("between 1 and the number of members (18)"), e.getMessage());
            assertTrue(e.getMessage().contains("was " + bad), e.getMessage());
        }
    }

    @Test
    void refusesAnEmptyRoomAndDuplicateParticipants() {
        assertThrows(IllegalArgumentException.class, () -> SubgroupMixer.form(List.of(), 1));
        List<SubgroupMember> twice = List.of(m("p1", "uwv", "uitvoering"), m("p1", "szw", "beleid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubgroupMixer.form(twice, 1));
        assertTrue(e.getMessage().contains("p1"), e.getMessage());
    }

    // ---- subgroup count for a desired size ----

    @Test
    void subgroupCountRoundsMembersOverDesiredSize() {
        assertEquals(4, SubgroupMixer.subgroupCountForSize(18, 5), "5,5,4,4");
        assertEquals(5, SubgroupMixer.subgroupCountForSize(18, 4), "4.5 rounds up: 4,4,4,3,3");
        assertEquals(6, SubgroupMixer.subgroupCountForSize(18, 3));
        assertEquals(2, SubgroupMixer.subgroupCountForSize(11, 5), "2.2 rounds down: 6,5");
        assertEquals(1, SubgroupMixer.subgroupCountForSize(7, 5), "1.4 rounds down: one subgroup of 7");
        assertEquals(1, SubgroupMixer.subgroupCountForSize(3, 10), "never fewer than one");
        assertEquals(7, SubgroupMixer.subgroupCountForSize(7, 1), "never more than the members");
        assertEquals(1, SubgroupMixer.subgroupCountForSize(1, 1));
    }

    @Test
    void subgroupCountRefusesNoMembersAndSizesBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> SubgroupMixer.subgroupCountForSize(0, 4));
        assertThrows(IllegalArgumentException.class, () -> SubgroupMixer.subgroupCountForSize(18, 0));
        assertThrows(IllegalArgumentException.class, () -> SubgroupMixer.subgroupCountForSize(18, -2));
    }

    // ---- late joiners ----

    @Test
    void lateJoinerGoesToASmallestSubgroupEvenIfALargerOneLacksTheirGroup() {
        List<List<SubgroupMember>> subgroups = List.of(
                List.of(m("a", "gemeente", "uitvoering"), m("b", "uwv", "uitvoering"), m("c", "kennisinstelling", "onderzoek")),
                List.of(m("d", "szw", "beleid"), m("e", "gemeente", "management")));
        assertEquals(1, SubgroupMixer.placeLateJoiner(subgroups, m("new", "szw", "beleid")));
    }

    @Test
    void lateJoinerAmongTheSmallestGoesWhereTheirGroupIsLeastPresent() {
        List<List<SubgroupMember>> subgroups = List.of(
                List.of(m("a", "gemeente", "uitvoering"), m("b", "gemeente", "management")),
                List.of(m("c", "gemeente", "bestuur"), m("d", "uwv", "uitvoering")),
                List.of(m("e", "uwv", "management"), m("f", "szw", "beleid")));
        assertEquals(2, SubgroupMixer.placeLateJoiner(subgroups, m("new", "gemeente", "uitvoering")));
    }

    @Test
    void lateJoinerWithTheirGroupEquallyPresentGoesWhereTheirRoleIsLeastPresent() {
        List<List<SubgroupMember>> subgroups = List.of(
                List.of(m("a", "gemeente", "uitvoering"), m("b", "uwv", "uitvoering")),
                List.of(m("c", "gemeente", "management"), m("d", "uwv", "uitvoering")));
        assertEquals(1, SubgroupMixer.placeLateJoiner(subgroups, m("new", "gemeente", "uitvoering")));
        assertEquals(0, SubgroupMixer.placeLateJoiner(subgroups, m("new", "gemeente", "management")));
    }

    @Test
    void lateJoinerOnATieGoesToTheLowestIndex() {
        List<List<SubgroupMember>> subgroups = List.of(
                List.of(m("a", "gemeente", "uitvoering"), m("b", "uwv", "uitvoering"), m("x", "szw", "beleid")),
                List.of(m("c", "gemeente", "management"), m("d", "uwv", "uitvoering")),
                List.of(m("e", "gemeente", "management"), m("f", "uwv", "management")));
        assertEquals(1, SubgroupMixer.placeLateJoiner(subgroups, m("new", "divosa", "beleid")));
    }

    @Test
    void lateJoinersOneAfterAnotherKeepSizesWithinOne() {
        List<List<SubgroupMember>> subgroups = new ArrayList<>();
        SubgroupMixer.form(seedRoom(), 4).forEach(s -> subgroups.add(new ArrayList<>(s)));
        String[][] latecomers = {{"divosa", "beleid"}, {"gemeente", "bestuur"}, {"uwv", "uitvoering"},
                {"clienten-werkzoekenden", "werkzoekende"}, {"divosa", "bestuur"}, {"szw", "beleid"}, {"uwv", "management"}};
        for (int i = 0; i < latecomers.length; i++) {
            SubgroupMember newcomer = m("late" + i, latecomers[i][0], latecomers[i][1]);
            subgroups.get(SubgroupMixer.placeLateJoiner(subgroups, newcomer)).add(newcomer);
            int min = subgroups.stream().mapToInt(List::size).min().orElseThrow();
            int max = subgroups.stream().mapToInt(List::size).max().orElseThrow();
            assertTrue(max - min <= 1, "after " + newcomer + ": " + subgroups);
        }
        // The first DIVOSA member goes to a smallest subgroup; the second to the other smallest, not next to the first.
        int firstDivosa = indexOf(subgroups, "late0");
        int secondDivosa = indexOf(subgroups, "late4");
        assertTrue(firstDivosa != secondDivosa, subgroups.toString());
    }

    @Test
    void lateJoinerRefusesNoSubgroupsAndSomeoneAlreadyPlaced() {
        assertThrows(IllegalArgumentException.class,
                () -> SubgroupMixer.placeLateJoiner(List.of(), m("new", "uwv", "uitvoering")));
        List<List<SubgroupMember>> subgroups = List.of(List.of(m("a", "uwv", "uitvoering")));
        assertThrows(IllegalArgumentException.class,
                () -> SubgroupMixer.placeLateJoiner(subgroups, m("a", "uwv", "uitvoering")));
    }

    // ---- the mix at a glance ----

    @Test
    void mixCountsSizeGroupsAndGroupRolePairsWithTheLargestGroupFirst() {
        SubgroupMixer.Mix mix = SubgroupMixer.mixOf(List.of(
                m("a", "uwv", "uitvoering"), m("b", "gemeente", "uitvoering"), m("c", "gemeente", "management"),
                m("d", "szw", "beleid"), m("e", "gemeente", "uitvoering")));
        assertEquals(5, mix.size());
        assertEquals(3, mix.distinctGroups());
        assertEquals(4, mix.distinctRoles(), "uitvoering at the gemeente and at UWV are two voices");
        assertEquals(List.of("gemeente", "szw", "uwv"), List.copyOf(mix.perGroup().keySet()));
        assertEquals(Map.of("gemeente", 3, "szw", 1, "uwv", 1), mix.perGroup());
        assertThrows(UnsupportedOperationException.class, () -> mix.perGroup().put("divosa", 1));
    }

    @Test
    void mixOfAnEmptySubgroupIsAllZero() {
        assertEquals(new SubgroupMixer.Mix(0, 0, 0, Map.of()), SubgroupMixer.mixOf(List.of()));
    }

    // ---- helpers ----

    private static SubgroupMember m(String id, String group, String role) {
        return new SubgroupMember(id, group, role);
    }

    private static List<SubgroupMember> seedRoom() {
        List<SubgroupMember> room = new ArrayList<>();
        add(room, "gemeente", "uitvoering", 3);
        add(room, "gemeente", "management", 2);
        add(room, "gemeente", "bestuur", 1);
        add(room, "uwv", "uitvoering", 2);
        add(room, "uwv", "management", 2);
        add(room, "szw", "beleid", 3);
        add(room, "sociale-werkvoorziening", "uitvoering", 2);
        add(room, "sociale-werkvoorziening", "management", 1);
        add(room, "kennisinstelling", "onderzoek", 2);
        return room;
    }

    private static void add(List<SubgroupMember> room, String group, String role, int count) {
        for (int i = 0; i < count; i++) {
            room.add(m("p" + room.size(), group, role));
        }
    }

    /** Role labels come from one shared pool, so groups overlap in labels as they do in the templates. */
    private static List<SubgroupMember> randomRoom(Random random) {
        List<String> labels = List.of("uitvoering", "management", "bestuur", "beleid", "onderzoek");
        int groups = 1 + random.nextInt(8);
        List<List<String>> rolesOf = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> pool = new ArrayList<>(labels);
            Collections.shuffle(pool, random);
            rolesOf.add(pool.subList(0, 1 + random.nextInt(3)));
        }
        // Skewed weights, so rooms have big and small groups like real sessions do.
        int[] weight = new int[groups];
        int total = 0;
        for (int g = 0; g < groups; g++) {
            weight[g] = 1 + random.nextInt(6);
            total += weight[g];
        }
        int size = 2 + random.nextInt(59);
        List<SubgroupMember> room = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int pick = random.nextInt(total);
            int g = 0;
            while (pick >= weight[g]) {
                pick -= weight[g++];
            }
            List<String> roles = rolesOf.get(g);
            room.add(m("p" + i, "g" + g, roles.get(random.nextInt(roles.size()))));
        }
        return room;
    }

    private static String pair(SubgroupMember m) {
        return m.group() + "/" + m.role();
    }

    private static void assertEvenlySpread(List<SubgroupMember> room, List<List<SubgroupMember>> subgroups,
                                           Function<SubgroupMember, String> kind) {
        Kinds kinds = new Kinds(room, kind);
        kinds.assertEvenlySpread(kinds.count(subgroups), subgroups::toString);
    }

    /**
     * One kind of member (their group, (group, role) pair or role label) numbered per room, so counting it in
     * each of the property test's 15,000 splits is array work rather than building maps.
     */
    private static final class Kinds {
        private final Map<String, Integer> ofParticipant = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final int[] inRoom;

        Kinds(List<SubgroupMember> room, Function<SubgroupMember, String> kind) {
            Map<String, Integer> ids = new HashMap<>();
            for (SubgroupMember m : room) {
                String name = kind.apply(m);
                Integer id = ids.get(name);
                if (id == null) {
                    id = names.size();
                    ids.put(name, id);
                    names.add(name);
                }
                ofParticipant.put(m.participantId(), id);
            }
            inRoom = new int[names.size()];
            ofParticipant.values().forEach(k -> inRoom[k]++);
        }

        int[][] count(List<List<SubgroupMember>> subgroups) {
            int[][] counts = new int[subgroups.size()][inRoom.length];
            for (int s = 0; s < subgroups.size(); s++) {
                for (SubgroupMember m : subgroups.get(s)) {
                    counts[s][ofParticipant.get(m.participantId())]++;
                }
            }
            return counts;
        }

        /** Every kind with c members in the room sits floor(c/n) or ceil(c/n) times in each of the n subgroups. */
        void assertEvenlySpread(int[][] counts, Supplier<String> where) {
            int n = counts.length;
            for (int[] here : counts) {
                for (int k = 0; k < inRoom.length; k++) {
                    int c = inRoom[k];
                    int held = here[k];
                    String name = names.get(k);
                    assertTrue(held == c / n || held == (c + n - 1) / n,
                            () -> name + ": " + held + " of " + c + " over " + n + " subgroups in " + where.get());
                }
            }
        }

        /** A kind with c members can be in at most min(c, n) of n subgroups. */
        int bestPossible(int n) {
            return Arrays.stream(inRoom).map(c -> Math.min(c, n)).sum();
        }
    }

    private static int[] distinctPerSubgroup(int[][] counts) {
        int[] distinct = new int[counts.length];
        for (int s = 0; s < counts.length; s++) {
            for (int c : counts[s]) {
                distinct[s] += c > 0 ? 1 : 0;
            }
        }
        return distinct;
    }

    private static void assertEveryoneOnce(List<SubgroupMember> room, List<List<SubgroupMember>> subgroups) {
        Map<String, SubgroupMember> placed = new HashMap<>();
        int seats = 0;
        for (List<SubgroupMember> subgroup : subgroups) {
            for (SubgroupMember member : subgroup) {
                placed.put(member.participantId(), member);
                seats++;
            }
        }
        assertEquals(room.size(), seats, "someone placed twice or not at all");
        for (SubgroupMember member : room) {
            assertEquals(member, placed.get(member.participantId()), "not placed as they are");
        }
    }

    private static int distinct(List<List<SubgroupMember>> subgroups, Function<SubgroupMember, String> kind) {
        return perSubgroup(subgroups, kind).stream().mapToInt(Map::size).sum();
    }

    private static int distinctRoleLabels(List<List<SubgroupMember>> subgroups) {
        return distinct(subgroups, SubgroupMember::role);
    }

    private static Set<String> roleLabels(List<SubgroupMember> subgroup) {
        return tally(subgroup, SubgroupMember::role).keySet();
    }

    private static List<Map<String, Integer>> perSubgroup(List<List<SubgroupMember>> subgroups,
                                                          Function<SubgroupMember, String> kind) {
        return subgroups.stream().map(s -> tally(s, kind)).toList();
    }

    private static Map<String, Integer> tally(List<SubgroupMember> members, Function<SubgroupMember, String> kind) {
        Map<String, Integer> counts = new HashMap<>();
        members.forEach(x -> counts.merge(kind.apply(x), 1, Integer::sum));
        return counts;
    }

    private static int indexOf(List<List<SubgroupMember>> subgroups, String participantId) {
        for (int i = 0; i < subgroups.size(); i++) {
            if (subgroups.get(i).stream().anyMatch(x -> x.participantId().equals(participantId))) {
                return i;
            }
        }
        return -1;
    }
}
