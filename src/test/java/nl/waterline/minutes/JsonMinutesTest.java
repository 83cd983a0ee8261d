package nl.waterline.minutes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import static nl.waterline.minutes.MinutesFixture.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonMinutesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    // The schema's $id is mapped to the file in src/main/resources, so validation never goes to the network.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(JsonMinutes.SCHEMA, "classpath:minutes-schema.json")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema SCHEMA = FACTORY.getSchema(SchemaLocation.of(JsonMinutes.SCHEMA), CONFIG);

    @Test
    void theSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        try (InputStream in = JsonMinutesTest.class.getResourceAsStream("/minutes-schema.json")) {
            JsonNode schema = MAPPER.readTree(in);
            assertEquals(Set.of(), meta.validate(schema));
            assertEquals(JsonMinutes.SCHEMA, schema.get("$id").asText(), "the file is the schema the JSON points to");
        }
    }

    @Test
    void theSeedExampleMatchesTheSchema() throws IOException {
        JsonNode json = MAPPER.readTree(JsonMinutes.write(MinutesFixture.seedExample()));
        assertEquals(Set.of(), SCHEMA.validate(json));
    }

    @Test
    void theHostileExampleMatchesTheSchema() throws IOException {
        JsonNode json = MAPPER.readTree(JsonMinutes.write(MinutesFixture.hostile()));
        assertEquals(Set.of(), SCHEMA.validate(json));
    }

    @Test
    void theSchemaRejectsWhatItShould() throws IOException {
        String good = JsonMinutes.write(MinutesFixture.seedExample());
        assertInvalid(good, j -> ((ObjectNode) j).remove("attendance"), "required property missing");
        assertInvalid(good, j -> ((ObjectNode) j).put("participantNames", "Jan"), "no additional properties");
        assertInvalid(good, j -> ((ObjectNode) j.at("/issues/0/groups/0/rows/0")).put("name", "Jan"),
                "no additional properties deep down either");
        assertInvalid(good, j -> ((ObjectNode) j.get("attendance")).put("total", "18"), "counts are integers");
        assertInvalid(good, j -> ((ObjectNode) j.get("attendance")).put("total", -1), "counts are not negative");
        assertInvalid(good, j -> ((ObjectNode) j).put("date", "12-03-2009"), "dates are ISO");
        assertInvalid(good, j -> ((ObjectNode) j).put("format", 2), "format 1 only");
        assertInvalid(good, j -> ((ObjectNode) j.at("/issues/0/groups/0/rows/0")).putNull("perspective"),
                "only the fields documented as nullable may be null");
    }

    @Test
    void schemaAndFormatComeFirstAndDatesAreIsoStrings() throws IOException {
        String text = JsonMinutes.write(MinutesFixture.seedExample());
        JsonNode json = MAPPER.readTree(text);
        assertEquals(java.util.List.of("schema", "format", "language", "title", "date"),
                java.util.stream.StreamSupport.stream(((Iterable<String>) json::fieldNames).spliterator(), false)
                        .limit(5).toList());
        assertEquals("https://waterline.nl/schema/minutes-1.json", json.get("schema").asText());
        assertEquals(1, json.get("format").intValue());
        assertEquals("2009-03-12", json.get("date").asText());
        assertEquals(18, json.at("/attendance/total").intValue());
        assertEquals(MinutesFixture.MISSING, json.at("/attendance/missingSentence").asText());
        assertEquals("Doelen van re-integratie", json.at("/issues/0/title").asText());
        assertEquals("Uitvoering", json.at("/issues/0/groups/0/rows/0/role").asText());
        assertEquals("onder de waterlijn", json.at("/issues/0/groups/0/rows/5/waterline").asText());
        assertTrue(json.at("/issues/0/groups/0/rows/0/waterline").isNull(), "null stays in, as the schema requires");
        assertEquals(1.5, json.at("/wordCloud/terms/0/divergence").doubleValue());
    }

    @Test
    void bothFixturesRoundTripToEqualMinutes() throws IOException {
        ObjectMapper reader = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Minutes m : java.util.List.of(MinutesFixture.seedExample(), MinutesFixture.hostile())) {
            assertEquals(m, reader.readValue(JsonMinutes.write(m), Minutes.class));
        }
    }

    @Test
    void hostileTextIsIntact() throws IOException {
        String text = JsonMinutes.write(MinutesFixture.hostile());
        JsonNode json = MAPPER.readTree(text);
        assertEquals(h("titel"), json.get("title").asText());
        assertEquals(h("perspectief"), json.at("/issues/0/groups/0/rows/0/perspective").asText());
        assertEquals(MinutesFixture.FORMULA, json.at("/issues/0/groups/0/rows/0/quotes/1").asText());
        assertEquals(MinutesFixture.FORMULA, json.at("/wordCloud/terms/0/term").asText(), "JSON is not a spreadsheet: no apostrophe");
        assertTrue(json.at("/parked/0/status").isNull());
        assertFalse(text.contains("line1\nline2"), "a newline inside a string is escaped");
        assertTrue(text.contains("line1\\nline2"));
        assertTrue(text.contains("&amp;"), "not decoded, not escaped again");
        assertTrue(text.contains("Cliënt café 🌊👩🏽‍💼"), "Unicode as is, not \\u escapes");
    }

    private interface Edit {
        void apply(JsonNode json);
    }

    private static void assertInvalid(String good, Edit edit, String why) throws IOException {
        JsonNode json = MAPPER.readTree(good);
        edit.apply(json);
        assertFalse(SCHEMA.validate(json).isEmpty(), why);
    }
}
