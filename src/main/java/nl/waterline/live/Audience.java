package nl.waterline.live;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of screen; each gets its own projection of the session. */
public enum Audience {
    FACILITATOR, PROJECTOR, PARTICIPANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Audience> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(name)).findFirst();
    }
}
