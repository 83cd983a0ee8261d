package nl.waterline.notes;

import java.time.Instant;

/** A note for the minutes, attributed to a stakeholder group and role only — never to a person. */
public record Note(String id, NoteKind kind, String text, String group, String role, Waterline waterline,
                   String issue, Instant at) {
}
