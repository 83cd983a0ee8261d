package nl.waterline.rounds;

/** What became of a clarifying question: still open, answered by the speaker, or parked for the discussion. */
public enum QuestionStatus {
    OPEN, ANSWERED, PARKED
}
