package nl.waterline.session;

import java.text.Normalizer;

/**
 * Everything people type is hostile until proven otherwise: normalised to NFC, trimmed, inner white
 * space collapsed, control and formatting characters refused, length capped.
 */
public final class TextRules {

    /** Compiled once: every pick and note passes through here (String.replaceAll compiles its pattern per call). */
    private static final java.util.regex.Pattern WHITESPACE_RUNS = java.util.regex.Pattern.compile("\\s+");

    public static final int MAX_NAME = 40;
    public static final int MAX_OWN_WORD = 40;
    public static final int MAX_TITLE = 120;

    private TextRules() {
    }

    /** The cleaned text, or a {@link Refusal} naming the field. Blank input gives an empty string. */
    public static String clean(String raw, String field, int maxLength) {
        if (raw == null) {
            return "";
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean whitespace = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
            // ZWJ joins emoji such as family or flag sequences, which people do put in their names.
            boolean emojiJoiner = cp == 0x200D;
            if (!whitespace && !emojiJoiner && (type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || cp == 0x2028 || cp == 0x2029)) {
                throw new Refusal(ErrorCode.INVALID_TEXT, field + " contains a control or invisible character");
            }
            i += Character.charCount(cp);
        }
        String cleaned = WHITESPACE_RUNS.matcher(text.strip()).replaceAll(" ");
        if (cleaned.codePointCount(0, cleaned.length()) > maxLength) {
            throw new Refusal(ErrorCode.TEXT_TOO_LONG, field + " is longer than " + maxLength + " characters");
        }
        return cleaned;
    }

    /**
     * Like {@link #clean} but keeps line breaks (normalised to \n, at most one blank line in a row):
     * introductions and perspectives are paragraphs, not one-liners.
     */
    public static String cleanMultiline(String raw, String field, int maxLength) {
        if (raw == null) {
            return "";
        }
        String[] lines = raw.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String cleaned = clean(line, field, maxLength);
            if (cleaned.isEmpty() && (sb.length() == 0 || sb.toString().endsWith("\n\n"))) {
                continue;
            }
            sb.append(cleaned).append('\n');
        }
        String text = sb.toString().strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new Refusal(ErrorCode.TEXT_TOO_LONG, field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    public static String required(String raw, String field, int maxLength) {
        String cleaned = clean(raw, field, maxLength);
        if (cleaned.isEmpty()) {
            throw new Refusal(ErrorCode.MISSING_FIELD, field + " is required");
        }
        return cleaned;
    }
}
