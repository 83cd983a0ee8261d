package nl.waterline.notes;

/** A note for the minutes is either a perspective (summarised) or a quote (citaat, in someone's words). */
public enum NoteKind {
    PERSPECTIVE, QUOTE
}
