package nl.waterline.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.waterline.picks.PickResults;
import nl.waterline.session.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server-to-client frames of docs/protocol.md, each encoded once and sent as is to every recipient. */
public final class Frames {

    // ASCII-only frames (other characters escaped in the JSON): Vert.x turns every sent String into UTF-8 bytes once per
    // connection, and for an ASCII string that is a plain copy instead of a character-by-character encoding.
    static final ObjectMapper JSON = mapper()
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("results-once")
                    .addSerializer(PickResults.class, new ResultsEncodedOnce()));

    private static ObjectMapper mapper() {
        return new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * The word-cloud results of one version appear in the facilitator's, the projector's and a note-taker's view, built
     * one after the other on the session's writer: they are encoded once and copied into each. The results (counts per
     * term, per group and per role) are most of those views, and they are rebuilt ten times a second per busy session.
     * {@link nl.waterline.picks.PickTally} hands out the same {@link PickResults} object until a pick changes them, so
     * the object itself says whether the last encoding on this thread still fits.
     */
    private static final class ResultsEncodedOnce extends com.fasterxml.jackson.databind.ser.std.StdSerializer<PickResults> {
        private static final ObjectMapper PLAIN = mapper();
        private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

        ResultsEncodedOnce() {
            super(PickResults.class);
        }

        @Override
        public void serialize(PickResults results, com.fasterxml.jackson.core.JsonGenerator json,
                              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
            if (json instanceof com.fasterxml.jackson.databind.util.TokenBuffer) {
                json.writeTree(PLAIN.valueToTree(results)); // valueToTree and the like: a tree, not raw text
                return;
            }
            Object[] encoded = last.get();
            if (encoded[0] != results) {
                encoded[1] = PLAIN.writeValueAsString(results);
                encoded[0] = results;
            }
            json.writeRawValue((String) encoded[1]);
        }
    }

    private Frames() {
    }

    public static String welcome(String role, String participantId, long version, Views.SessionInfo session) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "welcome");
        frame.put("role", role);
        frame.put("participantId", participantId);
        frame.put("version", version);
        frame.put("session", session);
        return encode(frame);
    }

    public static String view(String audience, long version, Object view) {
        return view(audience, null, version, view);
    }

    /** A view for one subgroup or one stakeholder group's harvest names which one in {@code scope}. */
    public static String view(String audience, String scope, long version, Object view) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "view");
        frame.put("audience", audience);
        if (scope != null) {
            frame.put("scope", scope);
        }
        frame.put("version", version);
        // Lets screens correct their clock for turn countdowns; outside "view" so that unchanged views stay equal.
        frame.put("serverTime", java.time.Instant.now());
        frame.put("view", view);
        return encode(frame);
    }

    /**
     * The facilitator's participant list ({@link ParticipantRows}): {@code full}, every row (the list is replaced);
     * otherwise the rows that changed (each replaces the row with its id, a new id is added at the end) and the ids
     * of those who left.
     */
    static String participants(long version, boolean full, java.util.List<?> rows, java.util.List<String> removed) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "participants");
        frame.put("version", version);
        frame.put("full", full);
        frame.put("rows", rows);
        frame.put("removed", removed);
        return encode(frame);
    }

    public static String you(long version, Views.You participant) {
        return you(personal(version, participant));
    }

    /** A {@code you} frame around a personal state from {@link #personal}. */
    static String you(String personal) {
        return "{\"type\":\"you\"," + personal.substring(1);
    }

    /** A participant's own state at a version, {@code {"version":…,"participant":…}}: a {@code you} frame's body. */
    static String personal(long version, Views.You participant) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("version", version);
        state.put("participant", participant);
        return encode(state);
    }

    public static String ack(String id, long version) {
        return ack(id, version, null);
    }

    /** An acknowledgement; {@code you}, when not null, is the sender's new personal state from {@link #personal}. */
    public static String ack(String id, long version, String you) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "ack");
        frame.put("id", id);
        frame.put("version", version);
        if (you != null) {
            frame.put("you", new com.fasterxml.jackson.databind.util.RawValue(you));
        }
        return encode(frame);
    }

    public static String error(String id, ErrorCode code, String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("id", id);
        frame.put("code", code.name());
        frame.put("message", message);
        return encode(frame);
    }

    static String encode(Object frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame cannot be encoded", e);
        }
    }
}
