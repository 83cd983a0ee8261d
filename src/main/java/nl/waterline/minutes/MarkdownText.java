package nl.waterline.minutes;

import io.quarkus.qute.TemplateExtension;

import java.util.regex.Pattern;

/**
 * Everything people typed in a session is literal text: in the Markdown minutes nothing a participant
 * wrote may become a heading, a list, a link, raw HTML or an extra table column. The template places
 * every value inside a single Markdown line (a table cell, a heading, a list item or a paragraph), so
 * line breaks become {@code <br>} and only the start of the value can open a block.
 */
public final class MarkdownText {

    /** Characters that format inline anywhere; escaped wherever they occur. */
    private static final String INLINE = "\\`*_[]<|~";

    /** An entity reference would be decoded by a Markdown renderer: "&amp;amp;" must stay as typed. */
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");

    /** At the start of a line: ATX heading, block quote, list bullet, setext underline. */
    private static final String BLOCK_START = "#>-+=";

    /** An ordered-list marker ("1." or "1)") at the start of a line. */
    private static final Pattern ORDERED = Pattern.compile("^([0-9]{1,9})([.)])");

    private MarkdownText() {
    }

    /** Used in templates as {@code {value.md}}; null renders as nothing. */
    @TemplateExtension
    public static String md(String s) {
        if (s == null) {
            return "";
        }
        String text = s.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == '\n') {
                out.append("<br>");
                // Spaces after a break would be shown by nobody and could only line up into code-block indentation.
                while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                    next++;
                }
            } else if (cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp)) {
                // Dropped: invisible, and some would break a reader's parser.
            } else if (cp == '&' && ENTITY.matcher(text).region(i, text.length()).lookingAt()) {
                out.append("\\&");
            } else if (cp < 128 && INLINE.indexOf(cp) >= 0) {
                out.append('\\').appendCodePoint(cp);
            } else {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return escapeBlockStart(out.toString());
    }

    private static String escapeBlockStart(String s) {
        if (s.isEmpty()) {
            return s;
        }
        if (BLOCK_START.indexOf(s.charAt(0)) >= 0) {
            return "\\" + s;
        }
        var ordered = ORDERED.matcher(s);
        if (ordered.find()) {
            return ordered.group(1) + "\\" + ordered.group(2) + s.substring(ordered.end());
        }
        return s;
    }
}
