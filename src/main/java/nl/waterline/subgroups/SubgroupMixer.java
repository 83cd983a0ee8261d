package nl.waterline.subgroups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Forms mixed subgroups ("gemengd samengestelde subgroepen", seed §2.3): every subgroup should hear as many
 * different stakeholder groups, and then roles, as the room allows. See docs/subgroups.md for the rule in words.
 *
 * <p>Guaranteed by {@link #form}: sizes differ by at most one; for every stakeholder group with k members each of
 * n subgroups holds floor(k/n) or ceil(k/n) of them; the same holds for every (group, role) pair; and the number
 * of distinct groups per subgroup differs by at most one. Hence the subgroups together hold as many distinct
 * groups, and distinct (group, role) pairs, as any division could, and no subgroup is left less mixed than needed.
 * Preferred within that: subgroups that mix more role labels across groups (uitvoering next to management next
 * to beleid).
 *
 * <p>Deterministic, so the facilitator's screen, the projector and the minutes agree; callers who want a different
 * but equally mixed draw shuffle the input first.
 */
public final class SubgroupMixer {

    /**
     * What the facilitator sees of a subgroup at a glance.
     *
     * @param distinctRoles distinct (group, role) pairs: "uitvoering" at the gemeente and at UWV are different voices
     * @param perGroup      members per stakeholder group, most first, then by group id
     */
    public record Mix(int size, int distinctGroups, int distinctRoles, Map<String, Integer> perGroup) {
        public Mix {
            perGroup = Collections.unmodifiableMap(new LinkedHashMap<>(perGroup));
        }
    }

    private record GroupRole(String group, String role) {
        static GroupRole of(SubgroupMember m) {
            return new GroupRole(m.group(), m.role());
        }
    }

    private SubgroupMixer() {
    }

    /**
     * Divides {@code members} over exactly {@code subgroupCount} mixed subgroups. The result is immutable; the
     * caller's list is left as it was.
     *
     * @throws IllegalArgumentException if the count is not between 1 and the number of members, or a participant
     *                                  id occurs twice
     */
    public static List<List<SubgroupMember>> form(List<SubgroupMember> members, int subgroupCount) {
        Room room = Room.of(members, subgroupCount);
        int[][] subgroups = room.deal(subgroupCount);
        room.improveRoleSpread(subgroups);
        return room.toMembers(subgroups);
    }

    /** The plain deal, before role swaps; for tests that compare the two. */
    static List<List<SubgroupMember>> deal(List<SubgroupMember> members, int subgroupCount) {
        Room room = Room.of(members, subgroupCount);
        return room.toMembers(room.deal(subgroupCount));
    }

    /**
     * The room with groups, (group, role) pairs and role labels as dense ints, so the swap search is array
     * arithmetic rather than map lookups. {@code pairOrder} lists pair ids in dealing order: largest group first
     * (ties by group id), within it largest pair first (ties by role).
     */
    private record Room(List<SubgroupMember> members, int[] group, int[] pair, int[] role, int groupCount,
                        int pairCount, int roleCount, int[] pairOrder) {

        static Room of(List<SubgroupMember> members, int subgroupCount) {
            Objects.requireNonNull(members, "members");
            if (members.isEmpty()) {
                throw new IllegalArgumentException("Cannot form subgroups: there are no members.");
            }
            if (subgroupCount < 1 || subgroupCount > members.size()) {
                throw new IllegalArgumentException("Subgroup count must be between 1 and the number of members ("
                        + members.size() + "), was " + subgroupCount + ".");
            }
            List<SubgroupMember> copy = List.copyOf(members);
            int size = copy.size();
            Set<String> seen = new HashSet<>(2 * size);
            Map<String, Integer> groupIds = new HashMap<>();
            Map<String, Integer> roleIds = new HashMap<>();
            List<String> groupNames = new ArrayList<>();
            List<String> roleNames = new ArrayList<>();
            int[] group = new int[size];
            int[] role = new int[size];
            for (int i = 0; i < size; i++) {
                SubgroupMember m = copy.get(i);
                if (!seen.add(m.participantId())) {
                    throw new IllegalArgumentException("Participant " + m.participantId() + " occurs more than once.");
                }
                group[i] = idOf(groupIds, groupNames, m.group());
                role[i] = idOf(roleIds, roleNames, m.role());
            }
            // A groups x roles table instead of hashing (group, role) keys: this runs for every form.
            int[][] pairIds = new int[groupNames.size()][roleNames.size()];
            for (int[] row : pairIds) {
                Arrays.fill(row, -1);
            }
            int[] pair = new int[size];
            int[] pairGroup = new int[size];
            int[] pairRole = new int[size];
            int pairs = 0;
            for (int i = 0; i < size; i++) {
                if (pairIds[group[i]][role[i]] < 0) {
                    pairIds[group[i]][role[i]] = pairs;
                    pairGroup[pairs] = group[i];
                    pairRole[pairs] = role[i];
                    pairs++;
                }
                pair[i] = pairIds[group[i]][role[i]];
            }
            int[] membersPerGroup = new int[groupNames.size()];
            int[] membersPerPair = new int[pairs];
            for (int i = 0; i < size; i++) {
                membersPerGroup[group[i]]++;
                membersPerPair[pair[i]]++;
            }
            int[] pairOrder = IntStream.range(0, pairs).boxed()
                    .sorted(Comparator.<Integer>comparingInt(p -> -membersPerGroup[pairGroup[p]])
                            .thenComparing(p -> groupNames.get(pairGroup[p]))
                            .thenComparingInt(p -> -membersPerPair[p])
                            .thenComparing(p -> roleNames.get(pairRole[p])))
                    .mapToInt(Integer::intValue).toArray();
            return new Room(copy, group, pair, role, groupNames.size(), pairs, roleNames.size(), pairOrder);
        }

        /**
         * Each group, and within it each (group, role) pair, is a contiguous run of the dealing order, and a run of
         * length c dealt round-robin by a pointer that never resets lands on c consecutive subgroups (mod n): so every
         * subgroup gets floor(c/n) or ceil(c/n) of it, and a run shorter than n never doubles up anywhere. That is
         * the whole proof of the group and pair guarantees. Largest groups go first: every group of at least n
         * sits in every subgroup, and the groups smaller than n form one contiguous run at the end, which gives
         * each subgroup floor or ceil of their members, each from a different group. So distinct groups per
         * subgroup differ by at most one, and swaps within a group cannot change that. Members of one pair keep
         * the caller's order, so a shuffle varies who goes where without changing the mix.
         */
        int[][] deal(int n) {
            List<List<Integer>> byPair = new ArrayList<>(pairCount);
            for (int p = 0; p < pairCount; p++) {
                byPair.add(new ArrayList<>());
            }
            for (int i = 0; i < members.size(); i++) {
                byPair.get(pair[i]).add(i);
            }
            int[][] subgroups = new int[n][];
            for (int s = 0; s < n; s++) {
                subgroups[s] = new int[members.size() / n + (s < members.size() % n ? 1 : 0)];
            }
            int position = 0;
            for (int p : pairOrder) {
                for (int i : byPair.get(p)) {
                    subgroups[position % n][position / n] = i;
                    position++;
                }
            }
            return subgroups;
        }

        /**
         * Hill-climbs with swaps of two members of the same group in different subgroups; such a swap cannot change
         * sizes or per-group counts, so the group guarantee is safe by construction. A swap is taken only if it
         * improves, in this order: more distinct (group, role) pairs over all subgroups; pairs spread more evenly
         * (lower sum of squared pair counts); more distinct role labels over all subgroups. The deal already reaches
         * the best possible value of the first two, so in practice swaps only mix role labels across groups, and
         * never at the cost of the pair spread. The score rises strictly with every swap and is bounded, so this
         * ends; scanning in a fixed order keeps it deterministic.
         */
        void improveRoleSpread(int[][] subgroups) {
            int n = subgroups.length;
            int[][] pairsIn = new int[n][pairCount];
            int[][] rolesIn = new int[n][roleCount];
            for (int s = 0; s < n; s++) {
                for (int m : subgroups[s]) {
                    pairsIn[s][pair[m]]++;
                    rolesIn[s][role[m]]++;
                }
            }
            // Only members of one group are swap candidates, and a swap keeps each seat's group, so each group's
            // seats are listed once, in subgroup order; the search then costs the sum of squared group sizes per
            // pass, however many subgroups there are.
            int[] perGroup = new int[groupCount];
            for (int m = 0; m < group.length; m++) {
                perGroup[group[m]]++;
            }
            int[][] seatSubgroup = new int[groupCount][];
            int[][] seatPosition = new int[groupCount][];
            for (int g = 0; g < groupCount; g++) {
                seatSubgroup[g] = new int[perGroup[g]];
                seatPosition[g] = new int[perGroup[g]];
                perGroup[g] = 0;
            }
            for (int s = 0; s < n; s++) {
                for (int x = 0; x < subgroups[s].length; x++) {
                    int g = group[subgroups[s][x]];
                    seatSubgroup[g][perGroup[g]] = s;
                    seatPosition[g][perGroup[g]++] = x;
                }
            }
            boolean improved = true;
            while (improved) {
                improved = false;
                for (int g = 0; g < groupCount; g++) {
                    int[] subgroupOf = seatSubgroup[g];
                    int[] positionOf = seatPosition[g];
                    for (int u = 0; u < subgroupOf.length; u++) {
                        for (int v = u + 1; v < subgroupOf.length; v++) {
                            int i = subgroupOf[u];
                            int j = subgroupOf[v];
                            if (i == j) {
                                continue;
                            }
                            int p = subgroups[i][positionOf[u]];
                            int q = subgroups[j][positionOf[v]];
                            if (pair[p] == pair[q]
                                    || !swapImproves(p, q, pairsIn[i], pairsIn[j], rolesIn[i], rolesIn[j])) {
                                continue;
                            }
                            move(p, pairsIn[i], rolesIn[i], pairsIn[j], rolesIn[j]);
                            move(q, pairsIn[j], rolesIn[j], pairsIn[i], rolesIn[i]);
                            subgroups[i][positionOf[u]] = q;
                            subgroups[j][positionOf[v]] = p;
                            improved = true;
                        }
                    }
                }
            }
        }

        /** p sits in subgroup i, q in subgroup j; one group, different roles (so different role labels too). */
        private boolean swapImproves(int p, int q, int[] pairsI, int[] pairsJ, int[] rolesI, int[] rolesJ) {
            int pairGain = gain(pairsI, pair[p], pair[q]) + gain(pairsJ, pair[q], pair[p]);
            if (pairGain != 0) {
                return pairGain > 0;
            }
            // Change in the sum of squared pair counts when one of p's pair moves i -> j and one of q's j -> i.
            int unevenness = 2 * (pairsJ[pair[p]] - pairsI[pair[p]] + 1) + 2 * (pairsI[pair[q]] - pairsJ[pair[q]] + 1);
            if (unevenness != 0) {
                return unevenness < 0;
            }
            return gain(rolesI, role[p], role[q]) + gain(rolesJ, role[q], role[p]) > 0;
        }

        private void move(int m, int[] pairsFrom, int[] rolesFrom, int[] pairsTo, int[] rolesTo) {
            pairsFrom[pair[m]]--;
            rolesFrom[role[m]]--;
            pairsTo[pair[m]]++;
            rolesTo[role[m]]++;
        }

        List<List<SubgroupMember>> toMembers(int[][] subgroups) {
            List<List<SubgroupMember>> result = new ArrayList<>(subgroups.length);
            for (int[] subgroup : subgroups) {
                SubgroupMember[] row = new SubgroupMember[subgroup.length];
                for (int k = 0; k < subgroup.length; k++) {
                    row[k] = members.get(subgroup[k]);
                }
                result.add(List.of(row));
            }
            return List.copyOf(result);
        }
    }

    /** Change in distinct kinds held when one of {@code leaving} is replaced by one of {@code arriving}. */
    private static int gain(int[] counts, int leaving, int arriving) {
        return (counts[arriving] == 0 ? 1 : 0) - (counts[leaving] == 1 ? 1 : 0);
    }

    /**
     * How many subgroups to form for a desired size: {@code round(memberCount / desiredSize)}, halves rounded up,
     * at least 1 and at most {@code memberCount}. Rounding, rather than always down or always up, lets subgroups
     * come out a little larger or a little smaller than asked: 18 at size 5 gives 4 (5,5,4,4)
     * where rounding down gives 3 of 6; 11 at size 5 gives 2 (6,5) where rounding up gives 4,4,3. Halves round up
     * because a smaller subgroup gives every speaker more time in the perspective round (18 at size 4 gives 5).
     * Small rooms can land far from the size asked: 7 at size 5 gives one subgroup of 7.
     *
     * @throws IllegalArgumentException if there are no members or the desired size is below 1
     */
    public static int subgroupCountForSize(int memberCount, int desiredSize) {
        if (memberCount < 1) {
            throw new IllegalArgumentException("Cannot form subgroups: there are no members (" + memberCount + ").");
        }
        if (desiredSize < 1) {
            throw new IllegalArgumentException("Desired subgroup size must be at least 1, was " + desiredSize + ".");
        }
        long rounded = (2L * memberCount + desiredSize) / (2L * desiredSize);
        return (int) Math.max(1, Math.min(memberCount, rounded));
    }

    /**
     * The index of the subgroup a late joiner should join: among the smallest subgroups (so sizes keep differing
     * by at most one), the one with the fewest members of the newcomer's group, then the fewest of the newcomer's
     * (group, role), then the lowest index. Existing members stay put: moving people mid-round costs more than a
     * slightly less perfect mix.
     *
     * @throws IllegalArgumentException if there are no subgroups or the newcomer is already in one
     */
    public static int placeLateJoiner(List<List<SubgroupMember>> subgroups, SubgroupMember newcomer) {
        Objects.requireNonNull(subgroups, "subgroups");
        Objects.requireNonNull(newcomer, "newcomer");
        if (subgroups.isEmpty()) {
            throw new IllegalArgumentException("There are no subgroups to place a late joiner in.");
        }
        int smallest = Integer.MAX_VALUE;
        for (List<SubgroupMember> subgroup : subgroups) {
            for (SubgroupMember m : subgroup) {
                if (m.participantId().equals(newcomer.participantId())) {
                    throw new IllegalArgumentException(
                            "Participant " + newcomer.participantId() + " is already in a subgroup.");
                }
            }
            smallest = Math.min(smallest, subgroup.size());
        }
        int best = -1;
        int bestGroup = Integer.MAX_VALUE;
        int bestPair = Integer.MAX_VALUE;
        for (int i = 0; i < subgroups.size(); i++) {
            List<SubgroupMember> subgroup = subgroups.get(i);
            if (subgroup.size() != smallest) {
                continue;
            }
            int sameGroup = 0;
            int samePair = 0;
            for (SubgroupMember m : subgroup) {
                if (m.group().equals(newcomer.group())) {
                    sameGroup++;
                    if (m.role().equals(newcomer.role())) {
                        samePair++;
                    }
                }
            }
            if (sameGroup < bestGroup || (sameGroup == bestGroup && samePair < bestPair)) {
                best = i;
                bestGroup = sameGroup;
                bestPair = samePair;
            }
        }
        return best;
    }

    /** The composition by group and role, never by name, as the facilitator and the minutes show it. */
    public static Mix mixOf(List<SubgroupMember> subgroup) {
        Objects.requireNonNull(subgroup, "subgroup");
        Map<String, Integer> perGroup = count(subgroup, SubgroupMember::group);
        Set<GroupRole> pairs = new HashSet<>();
        subgroup.forEach(m -> pairs.add(GroupRole.of(m)));
        Map<String, Integer> ordered = new LinkedHashMap<>();
        perGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new Mix(subgroup.size(), perGroup.size(), pairs.size(), ordered);
    }

    private static <K> Map<K, Integer> count(List<SubgroupMember> members, Function<SubgroupMember, K> key) {
        Map<K, Integer> counts = new HashMap<>();
        members.forEach(m -> counts.merge(key.apply(m), 1, Integer::sum));
        return counts;
    }

    private static int idOf(Map<String, Integer> ids, List<String> names, String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }
}
