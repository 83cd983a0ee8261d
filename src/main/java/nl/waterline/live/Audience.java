package nl.waterline.live;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of screen that connect; each gets its own projection of the session. */
public enum Audience {
    FACILITATOR("facilitator"), NOTE_TAKER("note-taker"), PROJECTOR("projector"), PARTICIPANT("participant");

    private final String wireName;

    Audience(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Audience> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
