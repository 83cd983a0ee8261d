package nl.waterline.rounds;

/** Differences come first: they are the result of the session, similarities are not its goal. */
public enum DiscussionKind {
    DIFFERENCE, SIMILARITY
}
