package nl.waterline.picks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The word-cloud results kept up to date pick by pick. Re-counting every participant's picks after each
 * change costs O(participants) on the session's writer, many times a second in a room of a thousand;
 * keeping the counts costs O(1) per pick, and building {@link PickResults} costs O(terms × groups).
 * Built from the same picks in any order, with any picks taken back in between, it gives what
 * {@link PickResults#tally} gives.
 *
 * <p>Tell it about a change after the picker's own picks reflect it: whether someone starts or stops
 * counting as a participant with picks is read from their remaining picks.
 */
public final class PickTally {

    private final Comparator<String> byGroupOrder;
    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, Integer> pickersPerGroup = new HashMap<>();
    private int withPicks;
    private PickResults results;

    /**
     * @param terms      the word cloud, in template order
     * @param groupOrder the template's group ids, so tables read in the same order everywhere
     */
    public PickTally(List<String> terms, List<String> groupOrder) {
        List<String> order = List.copyOf(groupOrder);
        this.byGroupOrder = Comparator.comparingInt(g -> {
            int i = order.indexOf(g);
            return i < 0 ? Integer.MAX_VALUE : i;
        });
        terms.forEach(t -> counters.put(t, new Counter(t, false)));
    }

    /** An own word shows in the results from the moment it is written, even once nobody picks it any more. */
    public void ownWord(String term) {
        if (!counters.containsKey(term)) {
            counters.put(term, new Counter(term, true));
            results = null;
        }
    }

    /** {@code picker} now has {@code term} among its {@code kind} picks. */
    public void added(Picker picker, PickKind kind, String term) {
        if (totalPicks(picker) == 1) {
            withPicks++;
            pickersPerGroup.merge(picker.group(), 1, Integer::sum);
            pickersChanged();
        }
        counters.computeIfAbsent(term, t -> new Counter(t, true)).change(picker, kind, +1);
        results = null;
    }

    /** {@code picker} no longer has {@code term} among its {@code kind} picks. */
    public void removed(Picker picker, PickKind kind, String term) {
        Counter counter = counters.get(term);
        if (counter == null) {
            throw new IllegalStateException("'" + term + "' was never picked");
        }
        counter.change(picker, kind, -1);
        if (totalPicks(picker) == 0) {
            stopCounting(picker);
        }
        results = null;
    }

    /** Counts everything {@code picker} has picked so far, e.g. when tallying a finished session at once. */
    public void joined(Picker picker) {
        if (totalPicks(picker) == 0) {
            return;
        }
        withPicks++;
        pickersPerGroup.merge(picker.group(), 1, Integer::sum);
        pickersChanged();
        for (PickKind kind : PickKind.values()) {
            for (String term : picker.picks(kind)) {
                counters.computeIfAbsent(term, t -> new Counter(t, true)).change(picker, kind, +1);
            }
        }
        results = null;
    }

    /** {@code picker} leaves the session with whatever it had picked. */
    public void left(Picker picker) {
        if (totalPicks(picker) == 0) {
            return;
        }
        for (PickKind kind : PickKind.values()) {
            for (String term : picker.picks(kind)) {
                counters.get(term).change(picker, kind, -1);
            }
        }
        stopCounting(picker);
        results = null;
    }

    /** The current results; built again only after a change, so every screen in between shares one. */
    public PickResults results() {
        if (results == null) {
            List<PickResults.TermResult> terms = new ArrayList<>(counters.size());
            for (Counter c : counters.values()) {
                terms.add(c.result(pickersPerGroup, byGroupOrder));
            }
            terms.sort(Comparator.comparingInt((PickResults.TermResult r) -> r.most() + r.least()).reversed()
                    .thenComparing(PickResults.TermResult::term, String.CASE_INSENSITIVE_ORDER));
            results = new PickResults(withPicks, List.copyOf(terms));
        }
        return results;
    }

    private void stopCounting(Picker picker) {
        withPicks--;
        pickersPerGroup.computeIfPresent(picker.group(), (g, n) -> n == 1 ? null : n - 1);
        pickersChanged();
    }

    /** Every term's divergence depends on how many in each group picked anything. */
    private void pickersChanged() {
        counters.values().forEach(c -> c.result = null);
    }

    private static int totalPicks(Picker picker) {
        return picker.picks(PickKind.MOST).size() + picker.picks(PickKind.LEAST).size();
    }

    private static final class Counter {
        private final String term;
        private final boolean own;
        private int most;
        private int least;
        private final Map<String, int[]> byGroup = new HashMap<>();
        /** Per group, per role: a role name means something only within its stakeholder group. */
        private final Map<String, Map<String, int[]>> byRole = new HashMap<>();
        /**
         * This term's line of the results, kept until its counts or the number of pickers per group change: in a busy
         * room a flush sees a few terms changed out of the whole cloud.
         */
        private PickResults.TermResult result;

        Counter(String term, boolean own) {
            this.term = term;
            this.own = own;
        }

        void change(Picker p, PickKind kind, int delta) {
            int slot = kind == PickKind.MOST ? 0 : 1;
            result = null;
            if (slot == 0) {
                most += delta;
            } else {
                least += delta;
            }
            count(byGroup, p.group(), slot, delta);
            Map<String, int[]> roles = byRole.computeIfAbsent(p.group(), g -> new HashMap<>());
            count(roles, p.role(), slot, delta);
            if (roles.isEmpty()) {
                byRole.remove(p.group());
            }
        }

        /** Keeps only keys with a count, so a group whose picks were all taken back drops out of the table. */
        private static void count(Map<String, int[]> counts, String key, int slot, int delta) {
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[slot] += delta;
            if (c[slot] < 0) {
                throw new IllegalStateException("more picks taken back than made");
            }
            if (c[0] == 0 && c[1] == 0) {
                counts.remove(key);
            }
        }

        PickResults.TermResult result(Map<String, Integer> pickersPerGroup, Comparator<String> groupOrder) {
            if (result == null) {
                result = build(pickersPerGroup, groupOrder);
            }
            return result;
        }

        private PickResults.TermResult build(Map<String, Integer> pickersPerGroup, Comparator<String> groupOrder) {
            List<PickResults.GroupCount> groups = byGroup.entrySet().stream()
                    .map(e -> new PickResults.GroupCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                    .sorted(Comparator.comparing(PickResults.GroupCount::group, groupOrder))
                    .toList();
            List<PickResults.RoleCount> roles = new ArrayList<>();
            byRole.entrySet().stream().sorted(Map.Entry.comparingByKey(groupOrder)).forEach(group ->
                    new TreeMap<>(group.getValue()).forEach((role, c) ->
                            roles.add(new PickResults.RoleCount(group.getKey(), role, c[0], c[1]))));
            return new PickResults.TermResult(term, own, most, least, divergence(pickersPerGroup),
                    groups, List.copyOf(roles));
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
