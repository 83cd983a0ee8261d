package nl.waterline.picks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The word-cloud results: per term, MOST and LEAST overall, per stakeholder group and per group and
 * role. Differences between groups are the result the room should see, so each term also gets a
 * {@code divergence}: how far apart the group that embraces it most and the group that rejects it most are.
 */
public record PickResults(int participantsWithPicks, List<TermResult> terms) {

    public record TermResult(String term, boolean own, int most, int least, double divergence,
                             List<GroupCount> byGroup, List<RoleCount> byRole) {
    }

    public record GroupCount(String group, int most, int least) {
    }

    public record RoleCount(String group, String role, int most, int least) {
    }

    /**
     * @param terms      the word cloud, in template order
     * @param ownWords   own words written in this session
     * @param groupOrder the template's group ids, so tables read in the same order everywhere
     */
    public static PickResults tally(List<String> terms, List<String> ownWords, Collection<? extends Picker> pickers,
                                    List<String> groupOrder) {
        Map<String, Counter> counters = new LinkedHashMap<>();
        terms.forEach(t -> counters.put(t, new Counter(t, false)));
        ownWords.forEach(t -> counters.putIfAbsent(t, new Counter(t, true)));
        Map<String, Integer> pickersPerGroup = new HashMap<>();
        int withPicks = 0;
        for (Picker p : pickers) {
            Collection<String> most = p.picks(PickKind.MOST);
            Collection<String> least = p.picks(PickKind.LEAST);
            if (most.isEmpty() && least.isEmpty()) {
                continue;
            }
            withPicks++;
            pickersPerGroup.merge(p.group(), 1, Integer::sum);
            for (String term : most) {
                counters.computeIfAbsent(term, t -> new Counter(t, true)).add(p, PickKind.MOST);
            }
            for (String term : least) {
                counters.computeIfAbsent(term, t -> new Counter(t, true)).add(p, PickKind.LEAST);
            }
        }
        Comparator<String> byGroupOrder = Comparator.comparingInt(g -> {
            int i = groupOrder.indexOf(g);
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        List<TermResult> results = new ArrayList<>();
        for (Counter c : counters.values()) {
            results.add(c.result(pickersPerGroup, byGroupOrder));
        }
        results.sort(Comparator.comparingInt((TermResult r) -> r.most() + r.least()).reversed()
                .thenComparing(TermResult::term, String.CASE_INSENSITIVE_ORDER));
        return new PickResults(withPicks, results);
    }

    private static final class Counter {
        private final String term;
        private final boolean own;
        private int most;
        private int least;
        private final Map<String, int[]> byGroup = new HashMap<>();
        private final Map<String, int[]> byRole = new HashMap<>();

        Counter(String term, boolean own) {
            this.term = term;
            this.own = own;
        }

        void add(Picker p, PickKind kind) {
            int slot = kind == PickKind.MOST ? 0 : 1;
            if (slot == 0) {
                most++;
            } else {
                least++;
            }
            byGroup.computeIfAbsent(p.group(), g -> new int[2])[slot]++;
            byRole.computeIfAbsent(p.group() + "\u0000" + p.role(), g -> new int[2])[slot]++;
        }

        TermResult result(Map<String, Integer> pickersPerGroup, Comparator<String> groupOrder) {
            List<GroupCount> groups = byGroup.entrySet().stream()
                    .map(e -> new GroupCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                    .sorted(Comparator.comparing(GroupCount::group, groupOrder))
                    .toList();
            List<RoleCount> roles = byRole.entrySet().stream()
                    .map(e -> {
                        String[] key = e.getKey().split("\u0000", 2);
                        return new RoleCount(key[0], key[1], e.getValue()[0], e.getValue()[1]);
                    })
                    .sorted(Comparator.comparing(RoleCount::group, groupOrder).thenComparing(RoleCount::role))
                    .toList();
            return new TermResult(term, own, most, least, divergence(pickersPerGroup), groups, roles);
        }

        /** Spread of (MOST share − LEAST share) across the groups that picked anything: 0 = agreement, 2 = opposite. */
        private double divergence(Map<String, Integer> pickersPerGroup) {
            if (pickersPerGroup.size() < 2) {
                return 0;
            }
            double max = -1;
            double min = 1;
            for (Map.Entry<String, Integer> group : pickersPerGroup.entrySet()) {
                int[] counts = byGroup.getOrDefault(group.getKey(), new int[2]);
                double net = (counts[0] - counts[1]) / (double) group.getValue();
                max = Math.max(max, net);
                min = Math.min(min, net);
            }
            return Math.round((max - min) * 100) / 100.0;
        }
    }
}
