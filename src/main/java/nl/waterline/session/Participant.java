package nl.waterline.session;

import nl.waterline.picks.PickKind;
import nl.waterline.picks.Picker;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
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

    Set<String> mutablePicks(PickKind kind) {
        return kind == PickKind.MOST ? most : least;
    }

    /** Everything a restart must bring back, for comparing a rebuilt session with the live one. */
    public String describe() {
        return id + "|" + secretHash + "|" + name + "|" + group + "|" + role + "|" + joinedAt + "|" + most + "|" + least;
    }
}
