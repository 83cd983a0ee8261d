package nl.waterline.subgroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a subgroup's members speak: perspectives alternate, so two people of the same
 * stakeholder group do not speak one after the other when it can be avoided.
 */
public final class SpeakingOrder {

    private SpeakingOrder() {
    }

    public static List<String> alternating(List<SubgroupMember> members) {
        Map<String, List<SubgroupMember>> byGroup = new LinkedHashMap<>();
        for (SubgroupMember m : members) {
            byGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
        }
        List<String> order = new ArrayList<>();
        String lastGroup = null;
        while (order.size() < members.size()) {
            String pick = null;
            int most = -1;
            for (Map.Entry<String, List<SubgroupMember>> e : byGroup.entrySet()) {
                int left = e.getValue().size();
                if (left > most && !e.getKey().equals(lastGroup) && left > 0) {
                    pick = e.getKey();
                    most = left;
                }
            }
            if (pick == null) {
                pick = lastGroup;
            }
            SubgroupMember next = byGroup.get(pick).remove(0);
            order.add(next.participantId());
            lastGroup = pick;
        }
        return order;
    }
}
