package nl.waterline.template;

import java.util.Arrays;
import java.util.Optional;

/** The steps of the method (product brief, "The session, step by step"), in their usual order. */
public enum Phase {
    JOIN("join"),
    PICKS("picks"),
    RESULTS("results"),
    SUBGROUPS("subgroups"),
    PERSPECTIVE_ROUND("perspective-round"),
    DISCUSSION("discussion"),
    HARVEST("harvest"),
    CLOSE("close");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Phase> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
