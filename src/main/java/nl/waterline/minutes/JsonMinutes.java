package nl.waterline.minutes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;

/**
 * The minutes as JSON for other programs: the {@link Minutes} record as it is, plus {@code schema} and
 * {@code format} up front so a reader knows which contract it holds before reading on. The contract is
 * {@code src/main/resources/minutes-schema.json} (docs/minutes-json.md). Any change to {@link Minutes}
 * changes the schema too, and since the schema allows no unknown properties, even an added field means
 * a higher {@code format} and a new schema URL.
 *
 * <p>A private mapper rather than Quarkus' shared one: the file format must not shift when someone
 * configures the REST layer's JSON differently (naming strategy, null handling, date format).
 */
public final class JsonMinutes {

    public static final String SCHEMA = "https://waterline.nl/schema/minutes-1.json";
    public static final int FORMAT = 1;

    // Nulls stay in (as null) so every property the schema requires is present even when empty of meaning.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonMinutes() {
    }

    public static String write(Minutes m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("format", FORMAT);
        root.setAll((ObjectNode) MAPPER.valueToTree(m));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
