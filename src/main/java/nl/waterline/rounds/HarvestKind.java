package nl.waterline.rounds;

/** The two questions of the harvest per perspective: what did we hear, how do we want to continue. */
public enum HarvestKind {
    HEARD, CONTINUE
}
