package nl.waterline.picks;

import java.util.Set;

/** What the aggregation needs to know of one participant: who they speak for, and what they picked. */
public interface Picker {
    String group();

    String role();

    Set<String> picks(PickKind kind);
}
