package nl.waterline.minutes;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The raw word-cloud picks as CSV, one row per pick: {@code term,kind,stakeholder_group,role,own_word}.
 * Anonymous on purpose: a pick carries its stakeholder group and role, never a participant id or name,
 * so the file can travel with the minutes.
 *
 * <p>Format: RFC 4180 (comma, CRLF, fields quoted only when needed, {@code "} doubled), header row first.
 *
 * <p><b>Byte order mark.</b> The returned text starts with U+FEFF; encode it as UTF-8 (the only encoding it
 * is meant for) and it becomes the bytes EF BB BF. Excel on Windows opens a CSV without a BOM in the
 * local ANSI code page, which turns "Cliënten" into "CliÃ«nten"; with the BOM it reads UTF-8. Tools that
 * follow RFC 4180 strictly may see the BOM as part of the first header name ("\uFEFFterm"): strip it
 * before parsing (commons-io's BOMInputStream, Python's "utf-8-sig").
 *
 * <p><b>Formula injection.</b> Terms can be participants' own words, and a spreadsheet runs a cell that
 * starts with {@code = + - @} (or a tab or carriage return) as a formula, e.g. {@code =cmd|' /C calc'!A0}.
 * Such cells are written with a leading apostrophe ({@code '=cmd|…}), the OWASP mitigation: Excel and
 * LibreOffice then show the text instead of evaluating it. This changes the text: a program reading the
 * file sees the apostrophe as part of the value. Only text fields that start with one of those characters
 * are touched; {@code kind} and {@code own_word} never are.
 */
public final class CsvPicks {

    /** One pick. {@code kind} is MOST or LEAST; {@code role} may be null for a group without roles. */
    public record PickRow(String term, String kind, String group, String role, boolean ownWord) {
    }

    static final List<String> HEADER = List.of("term", "kind", "stakeholder_group", "role", "own_word");

    private static final char BOM = '\uFEFF';

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(HEADER.toArray(String[]::new))
            .get();

    private CsvPicks() {
    }

    public static String write(List<PickRow> rows) {
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (PickRow row : rows) {
                printer.printRecord(neutralise(row.term()), row.kind(), neutralise(row.group()), neutralise(row.role()),
                        Boolean.toString(row.ownWord()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The text as a spreadsheet will show it: with a leading apostrophe if it would otherwise run as a formula. */
    static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
