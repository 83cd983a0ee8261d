package nl.waterline.minutes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static nl.waterline.minutes.MarkdownText.md;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MarkdownTextTest {

    @Test
    void nothingRendersAsNothing() {
        assertEquals("", md(null));
        assertEquals("", md(""));
        assertEquals("", md("  \n "));
    }

    @Test
    void plainDutchTextStaysAsTyped() {
        String text = "Cliënten/werkzoekenden: ‘het hoogst haalbare’ – (vrijwilligers)werk, 100% & meer!";
        assertEquals(text, md(text));
    }

    @Test
    void pipesCannotOpenATableColumn() {
        assertEquals("a \\| b", md("a | b"));
        assertEquals(0, MinutesDocumentsTest.unescapedPipes(md("|a|b|\\|")));
    }

    @Test
    void aTrailingBackslashCannotEscapeTheCellsClosingPipe() {
        assertEquals("C:\\\\pad\\\\", md("C:\\pad\\"));
        assertEquals(2, MinutesDocumentsTest.unescapedPipes("| " + md("eind\\") + " |"));
    }

    @Test
    void lineBreaksStayInsideTheCell() {
        assertEquals("line1<br>line2", md("line1\nline2"));
        assertEquals("line1<br>line2", md("line1\r\nline2"));
        assertEquals("line1<br>line2", md("line1\rline2"));
        assertEquals("alinea 1<br><br>alinea 2", md("alinea 1\n\nalinea 2"));
        assertEquals("regel<br>ingesprongen", md("regel\n        ingesprongen"), "indentation could become a code block");
    }

    @Test
    void rawHtmlDoesNotReachTheReader() {
        assertEquals("\\<script>alert(1)\\</script>", md("<script>alert(1)</script>"));
        assertEquals("\\<img src=x onerror=alert(1)>", md("<img src=x onerror=alert(1)>"));
    }

    @Test
    void entitiesAreShownNotDecoded() {
        assertEquals("\\&amp; en \\&#39; en \\&#x41;", md("&amp; en &#39; en &#x41;"));
        assertEquals("R&D en A & B", md("R&D en A & B"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', value = {
            "*nadruk* en _ook_ § \\*nadruk\\* en \\_ook\\_",
            "`code` § \\`code\\`",
            "[link](https://example.org) § \\[link\\](https://example.org)",
            "![beeld](x.png) § !\\[beeld\\](x.png)",
            "~~doorgehaald~~ § \\~\\~doorgehaald\\~\\~",
    })
    void inlineFormattingIsLiteral(String typed, String expected) {
        assertEquals(expected, md(typed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', value = {
            "# Kop § \\# Kop",
            "## Kop § \\## Kop",
            "> citaat § \\> citaat",
            "- punt § \\- punt",
            "+ punt § \\+ punt",
            "--- § \\---",
            "=== § \\===",
            "1. eerste § 1\\. eerste",
            "12) twaalfde § 12\\) twaalfde",
            "*** § \\*\\*\\*",
            "``` § \\`\\`\\`",
            "2013 was het jaar § 2013 was het jaar",
            "a # b - c > d § a # b - c > d",
    })
    void nothingOpensABlockAtTheStartOfALine(String typed, String expected) {
        assertEquals(expected, md(typed));
    }

    @Test
    void controlCharactersAreDroppedAndTabsBecomeSpaces() {
        assertEquals("ab c", md("a\u0007b\tc"));
        assertFalse(md("x\u0000y").contains("\u0000"));
    }
}
