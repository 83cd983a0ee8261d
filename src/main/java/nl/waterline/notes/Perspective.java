package nl.waterline.notes;

import java.util.List;

/**
 * A perspective statement of the minutes: for one issue, what one stakeholder group (and role) holds,
 * supported by quotes captured during the session (notes of kind QUOTE, referred to by id).
 */
public record Perspective(String id, String issue, String group, String role, String text, Waterline waterline,
                          List<String> quotes) {

    public Perspective {
        quotes = List.copyOf(quotes);
    }
}
