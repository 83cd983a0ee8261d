package nl.waterline.subgroups;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A subgroup's live state: who is in it, who hosts it, the speaking order and whose turn it is. The
 * next speaker is the first in the order who has not spoken yet, so changing the order or adding a
 * late joiner mid-round never skips or repeats anyone. Mutated only by the session's owner.
 */
public final class Subgroup {

    private final String id;
    private final String label;
    private final String colour;
    private final List<String> members = new ArrayList<>();
    private final List<String> order = new ArrayList<>();
    private final Set<String> spoken = new LinkedHashSet<>();
    private String host;
    private String speaker;
    private boolean finished;

    public Subgroup(String id, String label, String colour, List<String> members, List<String> order) {
        this.id = id;
        this.label = label;
        this.colour = colour;
        this.members.addAll(members);
        this.order.addAll(order);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String colour() {
        return colour;
    }

    public List<String> members() {
        return Collections.unmodifiableList(members);
    }

    public List<String> order() {
        return Collections.unmodifiableList(order);
    }

    public String host() {
        return host;
    }

    /** The current speaker, or null before the first turn and after the last. */
    public String speaker() {
        return speaker;
    }

    public boolean finished() {
        return finished;
    }

    public boolean started() {
        return speaker != null || !spoken.isEmpty();
    }

    public boolean contains(String participantId) {
        return members.contains(participantId);
    }

    /** Who speaks after the current speaker; empty when everyone has had a turn. */
    public Optional<String> nextSpeaker() {
        return order.stream().filter(p -> !spoken.contains(p) && !p.equals(speaker)).findFirst();
    }

    public void addMember(String participantId) {
        members.add(participantId);
        order.add(participantId);
        finished = false;
    }

    public void removeMember(String participantId) {
        members.remove(participantId);
        order.remove(participantId);
        if (participantId.equals(host)) {
            host = null;
        }
        if (participantId.equals(speaker)) {
            spoken.add(speaker);
            speaker = null;
        }
    }

    public void setHost(String participantId) {
        host = participantId;
    }

    public void setOrder(List<String> newOrder) {
        order.clear();
        order.addAll(newOrder);
    }

    public void startTurn(String participantId) {
        if (speaker != null) {
            spoken.add(speaker);
        }
        speaker = participantId;
    }

    public void finish() {
        if (speaker != null) {
            spoken.add(speaker);
        }
        speaker = null;
        finished = true;
    }

    /** Everything a restart must bring back, for comparing a rebuilt session with the live one. */
    public String describe() {
        return id + "|" + label + "|" + colour + "|" + members + "|" + order + "|" + spoken + "|" + host + "|"
                + speaker + "|" + finished;
    }
}
