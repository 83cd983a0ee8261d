package nl.waterline.minutes;

import nl.waterline.minutes.CsvPicks.PickRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvPicksTest {

    private static final List<PickRow> SEED = List.of(
            new PickRow("Mensen aan het werk helpen", "MOST", "Gemeente", "Uitvoering", false),
            new PickRow("Beleidsdoelen halen", "LEAST", "Gemeente", "Uitvoering", false),
            new PickRow("Leren van en met collega’s", "MOST", "Cliënten/werkzoekenden", "Cliëntvertegenwoordiging", false),
            new PickRow("Klant centraal", "MOST", "UWV", "Management", true));

    @Test
    void oneRowPerPickUnderAHeaderWithoutParticipants() throws IOException {
        String csv = CsvPicks.write(SEED);
        assertTrue(csv.startsWith("\uFEFFterm,kind,stakeholder_group,role,own_word\r\n"), "BOM, header, CRLF");
        List<CSVRecord> records = parse(csv);
        assertEquals(SEED.size(), records.size());
        for (int i = 0; i < SEED.size(); i++) {
            PickRow want = SEED.get(i);
            CSVRecord got = records.get(i);
            assertEquals(5, got.size());
            assertEquals(want.term(), got.get("term"));
            assertEquals(want.kind(), got.get("kind"));
            assertEquals(want.group(), got.get("stakeholder_group"));
            assertEquals(want.role(), got.get("role"));
            assertEquals(Boolean.toString(want.ownWord()), got.get("own_word"));
        }
    }

    @Test
    void dutchCharactersSurviveAsUtf8WithAByteOrderMark() {
        byte[] bytes = CsvPicks.write(SEED).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        String back = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(back.contains("Cliënten/werkzoekenden,Cliëntvertegenwoordiging"));
        assertTrue(back.contains("collega’s"));
    }

    @Test
    void hostileTextRoundTripsFieldByField() throws IOException {
        List<PickRow> rows = List.of(
                new PickRow("a, b", "MOST", "Gemeente", "Uitvoering", true),
                new PickRow("\"quoted\" and \"\"twice\"\"", "LEAST", "a | b", "<script>alert(1)</script>", true),
                new PickRow("line1\nline2", "MOST", "line1\r\nline2", "&amp;", true),
                new PickRow("ë é 🌊👩🏽‍💼", "LEAST", "Cliënten/werkzoekenden", null, true),
                new PickRow("  spaced  ", "MOST", "", "tab\tinside", true),
                new PickRow("'already quoted", "MOST", "it's", "x=1", false));
        List<CSVRecord> records = parse(CsvPicks.write(rows));
        assertEquals(rows.size(), records.size(), "embedded newlines stay inside their field");
        for (int i = 0; i < rows.size(); i++) {
            PickRow want = rows.get(i);
            CSVRecord got = records.get(i);
            assertEquals(want.term(), got.get("term"));
            assertEquals(want.kind(), got.get("kind"));
            assertEquals(want.group(), got.get("stakeholder_group"));
            assertEquals(want.role() == null ? "" : want.role(), got.get("role"), "no role: an empty field");
            assertEquals(Boolean.toString(want.ownWord()), got.get("own_word"));
        }
    }

    @Test
    void cellsASpreadsheetWouldRunAsAFormulaGetALeadingApostrophe() throws IOException {
        List<PickRow> rows = List.of(
                new PickRow(MinutesFixture.FORMULA, "MOST", "=HYPERLINK(\"http://x\")", "+31", true),
                new PickRow("-2+3", "LEAST", "@SUM(A1)", "\tlead tab", true),
                new PickRow("\rlead cr", "MOST", "Gemeente", "Bestuur", false));
        String csv = CsvPicks.write(rows);
        assertFalse(csv.contains("\n=") || csv.contains(",="), "no field starts with = on disk");
        List<CSVRecord> records = parse(csv);
        assertEquals(List.of("'=cmd|' /C calc'!A0", "MOST", "'=HYPERLINK(\"http://x\")", "'+31", "true"), records.get(0).toList());
        assertEquals(List.of("'-2+3", "LEAST", "'@SUM(A1)", "'\tlead tab", "true"), records.get(1).toList());
        assertEquals(List.of("'\rlead cr", "MOST", "Gemeente", "Bestuur", "false"), records.get(2).toList());
    }

    @Test
    void noPicksIsJustTheHeader() {
        assertEquals("\uFEFFterm,kind,stakeholder_group,role,own_word\r\n", CsvPicks.write(List.of()));
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        assertEquals('\uFEFF', csv.charAt(0));
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv.substring(1)), format)) {
            assertEquals(CsvPicks.HEADER, parser.getHeaderNames());
            return parser.getRecords();
        }
    }
}
