package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.Picker;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A participant speaks for one stakeholder group and one role; the display name is optional and private by default. */
public final class Participant implements Picker {

    private final String id;
    private final String secretHash;
    private final String name;
    private final String group;
    private final String role;
    private final Instant joinedAt;
    private final Set<String> most = new LinkedHashSet<>();
    private final Set<String> least = new LinkedHashSet<>();
    private List<String> mostList;
    private List<String> leastList;

    Participant(String id, String secretHash, String name, String group, String role, Instant joinedAt) {
        this.id = id;
        this.secretHash = secretHash;
        this.name = name;
        this.group = group;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    public String id() {
        return id;
    }

    String secretHash() {
        return secretHash;
    }

    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    @Override
    public Set<String> picks(PickKind kind) {
        return Collections.unmodifiableSet(kind == PickKind.MOST ? most : least);
    }

    /**
     * The picks of a kind as an immutable list in pick order, kept until they change: every screen view of a
     * big room lists everyone's picks, ten times a second, and copying them each time was a visible cost.
     */
    public List<String> pickList(PickKind kind) {
        if (kind == PickKind.MOST) {
            if (mostList == null) {
                mostList = List.copyOf(most);
            }
            return mostList;
        }
        if (leastList == null) {
            leastList = List.copyOf(least);
        }
        return leastList;
    }

    /** Adds a pick; false if it was already there. */
    boolean addPick(PickKind kind, String term) {
        boolean added = (kind == PickKind.MOST ? most : least).add(term);
        if (added) {
            forgetLists();
        }
        return added;
    }

    /** Removes a pick; false if it was not there. */
    boolean removePick(PickKind kind, String term) {
        boolean removed = (kind == PickKind.MOST ? most : least).remove(term);
        if (removed) {
            forgetLists();
        }
        return removed;
    }

    private void forgetLists() {
        mostList = null;
        leastList = null;
    }

    /** Everything a restart must bring back, for comparing a rebuilt session with the live one. */
    public String describe() {
        return id + "|" + secretHash + "|" + name + "|" + group + "|" + role + "|" + joinedAt + "|" + most + "|" + least;
    }
}
