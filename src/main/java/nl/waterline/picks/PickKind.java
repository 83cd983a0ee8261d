package nl.waterline.picks;

/** Whether a participant associates a term MOST or LEAST with the session question. */
public enum PickKind {
    MOST, LEAST;

    public PickKind other() {
        return this == MOST ? LEAST : MOST;
    }
}
