package nl.waterline.picks;

/** Whether the room sees results while people pick, or only once the facilitator reveals them. */
public enum ResultsMode {
    LIVE, ON_REVEAL
}
