package nl.waterline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events as JSON rows: the type name in its own column and the record's fields as the payload, so the
 * domain records stay free of serialisation annotations. Unknown fields are tolerated so an older
 * build can still read newer rows it does not fully understand.
 */
public final class EventCodec {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(SessionEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String typeOf(SessionEvent event) {
        return event.getClass().getSimpleName();
    }

    public String encode(SessionEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + typeOf(event), e);
        }
    }

    public SessionEvent decode(String type, String payload) {
        Class<?> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalStateException("unknown event type in store: " + type);
        }
        try {
            return (SessionEvent) mapper.readValue(payload, cls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode stored " + type, e);
        }
    }

    /**
     * One stored event as an element of a batch: {@code {"type":…,"commandKey":…,"event":{…}}}; elements joined
     * with commas inside brackets, oldest first, are a batch {@link #decodeBatch} reads.
     */
    public String encodeEntry(SessionStore.Stored stored) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", typeOf(stored.event()));
            json.writeStringField("commandKey", stored.commandKey());
            json.writeFieldName("event");
            mapper.writeValue(json, stored.event());
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + typeOf(stored.event()), e);
        }
        return out.toString();
    }

    public List<SessionStore.Stored> decodeBatch(String batch) {
        try {
            List<SessionStore.Stored> events = new ArrayList<>();
            for (JsonNode entry : mapper.readTree(batch)) {
                String type = entry.path("type").asText();
                JsonNode key = entry.path("commandKey");
                events.add(new SessionStore.Stored(decode(type, entry.path("event")), key.isTextual() ? key.asText() : null));
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot decode a stored batch of events", e);
        }
    }

    private SessionEvent decode(String type, JsonNode payload) throws JsonProcessingException {
        Class<?> cls = TYPES.get(type);
        if (cls == null) {
            throw new IllegalStateException("unknown event type in store: " + type);
        }
        return (SessionEvent) mapper.treeToValue(payload, cls);
    }
}
