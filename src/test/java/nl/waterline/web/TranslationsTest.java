package nl.waterline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.waterline.session.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every screen exists in Dutch and English: both files hold the same keys, and every key the UI uses. */
class TranslationsTest {

    private static final Path UI = Path.of("facilitator-ui");

    private static Set<String> keys(String language) throws IOException {
        JsonNode node = new ObjectMapper().readTree(UI.resolve("i18n/" + language + ".json").toFile());
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void dutchAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> nl = keys("nl");
        Set<String> en = keys("en");
        Set<String> onlyNl = new TreeSet<>(nl);
        onlyNl.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(nl);
        assertEquals(Set.of(), onlyNl, "keys without English text");
        assertEquals(Set.of(), onlyEn, "keys without Dutch text");
    }

    @Test
    void everyErrorCodeHasAFriendlyMessage() throws IOException {
        Set<String> nl = keys("nl");
        List<String> missing = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (!nl.contains("error." + code.name())) {
                missing.add(code.name());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyKeyThePagesUseIsTranslated() throws IOException {
        Set<String> nl = keys("nl");
        Pattern attribute = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(UI)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = attribute.matcher(Files.readString(file));
                while (m.find()) {
                    if (!nl.contains(m.group(1))) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }
}
