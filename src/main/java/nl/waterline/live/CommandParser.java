package nl.waterline.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Waterline;
import nl.waterline.picks.PickKind;
import nl.waterline.rounds.DiscussionKind;
import nl.waterline.rounds.HarvestKind;
import nl.waterline.session.Secrets;
import nl.waterline.picks.ResultsMode;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.SessionCommand;

/**
 * Turns a client frame into a hello or a session command, or refuses it with a protocol error code.
 * Only shape is checked here; whether the command is allowed is the session's business.
 */
public final class CommandParser {

    static final int MAX_ID_LENGTH = 64;

    public sealed interface Frame {
    }

    public record Hello(String id, Audience audience, String secret, Long version) implements Frame {
    }

    public record Command(String id, SessionCommand command) implements Frame {
    }

    /** A refused frame, with the command id when the frame had a readable one. */
    public static final class BadFrame extends Exception {
        private final String id;
        private final ErrorCode code;

        BadFrame(String id, ErrorCode code, String message) {
            super(message, null, false, false);
            this.id = id;
            this.code = code;
        }

        public String id() {
            return id;
        }

        public ErrorCode code() {
            return code;
        }
    }

    private CommandParser() {
    }

    public static Frame parse(String text) throws BadFrame {
        JsonNode node;
        try {
            node = Frames.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFrame(null, ErrorCode.MALFORMED_JSON, "the frame is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadFrame(null, ErrorCode.MALFORMED_JSON, "a frame is a JSON object with a type");
        }
        String id = null;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() || idNode.asText().isEmpty() || idNode.asText().length() > MAX_ID_LENGTH) {
                throw new BadFrame(null, ErrorCode.MALFORMED_JSON, "id must be a text of 1 to " + MAX_ID_LENGTH + " characters");
            }
            id = idNode.asText();
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new BadFrame(id, ErrorCode.MISSING_FIELD, "type is required");
        }
        String type = typeNode.asText();
        if (type.equals("hello")) {
            return hello(node, id);
        }
        SessionCommand command = switch (type) {
            case "pick" -> new SessionCommand.Pick(kind(node, id), text(node, "term", id), bool(node, "own", false, id));
            case "unpick" -> new SessionCommand.Unpick(kind(node, id), text(node, "term", id));
            case "lockPicking" -> new SessionCommand.LockPicking(bool(node, "locked", null, id));
            case "setResultsMode" -> new SessionCommand.SetResultsMode(resultsMode(node, id));
            case "revealResults" -> new SessionCommand.RevealResults(bool(node, "revealed", null, id));
            case "lockJoining" -> new SessionCommand.LockJoining(bool(node, "locked", null, id));
            case "removeParticipant" -> new SessionCommand.RemoveParticipant(text(node, "participantId", id));
            case "setCapacity" -> new SessionCommand.SetCapacity(optionalInt(node, "capacity", id));
            case "setPhase" -> new SessionCommand.SetPhase(text(node, "phase", id));
            case "formSubgroups" -> new SessionCommand.FormSubgroups(optionalInt(node, "size", id),
                    optionalInt(node, "count", id), SEEDS.nextLong());
            case "moveParticipant" -> new SessionCommand.MoveParticipant(text(node, "participantId", id), text(node, "subgroup", id));
            case "setHost" -> new SessionCommand.SetHost(text(node, "subgroup", id), optionalText(node, "participantId", id));
            case "setTurnOrder" -> new SessionCommand.SetTurnOrder(text(node, "subgroup", id), texts(node, "order", true, id));
            case "setTurnSeconds" -> new SessionCommand.SetTurnSeconds(requiredInt(node, "seconds", id));
            case "nextSpeaker" -> new SessionCommand.NextSpeaker(optionalText(node, "subgroup", id), Instant.now());
            case "ask" -> new SessionCommand.Ask(Secrets.newId("q-"), text(node, "text", id), Instant.now());
            case "markAnswered" -> new SessionCommand.MarkAnswered(text(node, "question", id));
            case "park" -> new SessionCommand.Park(text(node, "question", id));
            case "addDiscussionNote" -> new SessionCommand.AddDiscussionNote(Secrets.newId("d-"),
                    optionalText(node, "subgroup", id), enumValue(node, "kind", DiscussionKind.class, true, id),
                    text(node, "text", id), texts(node, "groups", false, id), optionalText(node, "parkedQuestion", id));
            case "addHarvest" -> new SessionCommand.AddHarvest(Secrets.newId("h-"), optionalText(node, "group", id),
                    enumValue(node, "kind", HarvestKind.class, true, id), text(node, "text", id));
            case "addNote" -> new SessionCommand.AddNote(Secrets.newId("n-"), enumValue(node, "kind", NoteKind.class, true, id),
                    text(node, "text", id), text(node, "group", id), optionalText(node, "role", id),
                    enumValue(node, "waterline", Waterline.class, false, id), optionalText(node, "issue", id), Instant.now());
            case "addIssue" -> new SessionCommand.AddIssue(Secrets.newId("i-"), text(node, "title", id));
            case "renameIssue" -> new SessionCommand.RenameIssue(text(node, "issue", id), text(node, "title", id));
            case "setIssueIntro" -> new SessionCommand.SetIssueIntro(text(node, "issue", id), text(node, "text", id));
            case "moveIssue" -> new SessionCommand.MoveIssue(text(node, "issue", id), requiredInt(node, "position", id));
            case "mergeIssues" -> new SessionCommand.MergeIssues(text(node, "issue", id), text(node, "into", id));
            case "assignNote" -> new SessionCommand.AssignNote(text(node, "note", id), optionalText(node, "issue", id));
            case "addPerspective" -> new SessionCommand.AddPerspective(Secrets.newId("v-"), text(node, "issue", id),
                    text(node, "group", id), optionalText(node, "role", id), text(node, "text", id),
                    enumValue(node, "waterline", Waterline.class, false, id));
            case "editPerspective" -> new SessionCommand.EditPerspective(text(node, "perspective", id),
                    optionalText(node, "role", id), text(node, "text", id), enumValue(node, "waterline", Waterline.class, false, id));
            case "removePerspective" -> new SessionCommand.RemovePerspective(text(node, "perspective", id));
            case "attachQuote" -> new SessionCommand.AttachQuote(text(node, "perspective", id), text(node, "note", id));
            case "detachQuote" -> new SessionCommand.DetachQuote(text(node, "perspective", id), text(node, "note", id));
            case "setSeries" -> new SessionCommand.SetSeries(optionalText(node, "series", id));
            case "setMinutesPrivacy" -> new SessionCommand.SetMinutesPrivacy(bool(node, "mergeSmallRoles", null, id));
            default -> throw new BadFrame(id, ErrorCode.UNKNOWN_MESSAGE_TYPE, "unknown message type '" + shorten(type) + "'");
        };
        if (id == null) {
            throw new BadFrame(null, ErrorCode.MISSING_FIELD, "every command needs an id");
        }
        return new Command(id, command);
    }

    private static Hello hello(JsonNode node, String id) throws BadFrame {
        String role = text(node, "role", id);
        Audience audience = Audience.byWireName(role).orElseThrow(() ->
                new BadFrame(id, ErrorCode.INVALID_VALUE, "role must be facilitator, note-taker, projector or participant"));
        String secret = text(node, "secret", id);
        Long version = null;
        JsonNode v = node.get("version");
        if (v != null && !v.isNull()) {
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw new BadFrame(id, ErrorCode.MALFORMED_JSON, "version must be a whole number");
            }
            version = v.asLong();
        }
        return new Hello(id, audience, secret, version);
    }

    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    private static String optionalText(JsonNode node, String field, String id) throws BadFrame {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be text");
        }
        return value.asText();
    }

    private static java.util.List<String> texts(JsonNode node, String field, boolean required, String id) throws BadFrame {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadFrame(id, ErrorCode.MISSING_FIELD, field + " is required");
            }
            return java.util.List.of();
        }
        if (!value.isArray() || value.size() > 100) {
            throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be a list of at most 100 texts");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be a list of texts");
            }
            list.add(item.asText());
        }
        return list;
    }

    private static Integer optionalInt(JsonNode node, String field, String id) throws BadFrame {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be a whole number");
        }
        return value.asInt();
    }

    private static int requiredInt(JsonNode node, String field, String id) throws BadFrame {
        Integer value = optionalInt(node, field, id);
        if (value == null) {
            throw new BadFrame(id, ErrorCode.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, boolean required, String id)
            throws BadFrame {
        String value = required ? text(node, field, id) : optionalText(node, field, id);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadFrame(id, ErrorCode.INVALID_VALUE, field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String text(JsonNode node, String field, String id) throws BadFrame {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadFrame(id, ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (!value.isTextual()) {
            throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be text");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field, Boolean fallback, String id) throws BadFrame {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new BadFrame(id, ErrorCode.MISSING_FIELD, field + " is required");
            }
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new BadFrame(id, ErrorCode.MALFORMED_JSON, field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static PickKind kind(JsonNode node, String id) throws BadFrame {
        String kind = text(node, "kind", id);
        try {
            return PickKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new BadFrame(id, ErrorCode.INVALID_VALUE, "kind must be MOST or LEAST");
        }
    }

    private static ResultsMode resultsMode(JsonNode node, String id) throws BadFrame {
        String mode = text(node, "mode", id);
        try {
            return ResultsMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new BadFrame(id, ErrorCode.INVALID_VALUE, "mode must be LIVE or ON_REVEAL");
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

}
