package nl.waterline.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.waterline.session.ErrorCode;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of malformed, wrongly typed, oversized-field and out-of-order frames and bodies, from a
 * seeded generator: each gets a clear error with a protocol code (never an internal error, never a
 * stack trace), and an honest phone in the same session notices nothing.
 */
@QuarkusTest
class FuzzTest {

    @TestHTTPResource("/")
    URI base;

    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final String[] TYPES = {"hello", "pick", "unpick", "lockPicking", "setResultsMode", "revealResults",
            "setPhase", "formSubgroups", "moveParticipant", "setHost", "setTurnOrder", "setTurnSeconds", "nextSpeaker", "ask",
            "markAnswered", "park", "addDiscussionNote", "addHarvest", "addNote", "addIssue", "renameIssue", "setIssueIntro",
            "moveIssue", "mergeIssues", "assignNote", "addPerspective", "editPerspective", "removePerspective", "attachQuote",
            "detachQuote", "setSeries", "setMinutesPrivacy", "vote", "", "HELLO", "__proto__"};
    private static final String[] FIELDS = {"id", "type", "kind", "term", "own", "locked", "mode", "revealed", "phase", "size",
            "count", "participantId", "subgroup", "order", "seconds", "text", "question", "groups", "group", "role",
            "waterline", "issue", "title", "into", "note", "perspective", "series", "position", "secret", "version",
            "mergeSmallRoles", "parkedQuestion"};

    private static String randomValue(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Integer.toString(r.nextInt());
            case 3 -> "-1";
            case 4 -> "1e309";
            case 5 -> "[]";
            case 6 -> "[\"a\",1,null,{}]";
            case 7 -> "{\"nested\":{\"deeper\":[1,2,3]}}";
            case 8 -> "\"MOST\"";
            case 9 -> "\"<img src=x onerror=alert(1)>\"";
            case 10 -> "\"\\u0000\\u0007\\u202e\"";
            case 11 -> "\"" + "x".repeat(r.nextInt(3000)) + "\"";
            case 12 -> "\"Reflecteren\"";
            default -> "\"" + Long.toString(r.nextLong(), 36) + "\"";
        };
    }

    private static String randomFrame(Random r) {
        switch (r.nextInt(10)) {
            case 0:
                return "{\"type\":" + randomValue(r);
            case 1:
                return "[" + randomValue(r) + "]";
            case 2:
                return randomValue(r);
            case 3:
                return "not json at all " + r.nextInt();
            default:
                StringBuilder sb = new StringBuilder("{\"type\":\"").append(TYPES[r.nextInt(TYPES.length)]).append('"');
                int fields = r.nextInt(6);
                for (int i = 0; i < fields; i++) {
                    sb.append(",\"").append(FIELDS[r.nextInt(FIELDS.length)]).append("\":").append(randomValue(r));
                }
                if (r.nextBoolean()) {
                    sb.append(",\"id\":\"f").append(r.nextInt(1_000_000)).append('"');
                }
                return sb.append('}').toString();
        }
    }

    @Test
    void malformedFramesGetProtocolErrorsAndHonestPhonesAreUnaffected() throws Exception {
        var session = TestSessions.create();
        var honest = TestSessions.join(session, "Honest", "gemeente", "uitvoering");
        Random random = new Random(20261128);
        int frames = 0;
        List<String> problems = new ArrayList<>();
        try (LiveClient phone = LiveClient.hello(base, session.code(), "participant", honest.secret())) {
            for (int connection = 0; connection < 100; connection++) {
                boolean greeted = connection % 2 == 0;
                var p = TestSessions.join(session, "F" + connection, "uwv", "management");
                try (LiveClient fuzzer = greeted ? LiveClient.hello(base, session.code(), "participant", p.secret())
                        : LiveClient.connect(base, session.code())) {
                    for (int i = 0; i < 20; i++) {
                        fuzzer.sendRaw(randomFrame(random));
                        frames++;
                    }
                    // Every frame is answered; collect until a marker command comes back.
                    fuzzer.sendRaw("{\"type\":\"unpick\",\"id\":\"marker\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}");
                    fuzzer.awaitMatching(f -> "marker".equals(f.path("id").asText()) || fuzzer.closed.isDone(), "the marker");
                }
                if (connection % 10 == 0) {
                    JsonNode answer = phone.pick(connection % 20 == 0 ? "MOST" : "LEAST", "Verantwoorden");
                    if (!"ack".equals(answer.path("type").asText()) && !"PICK_CONFLICT".equals(answer.path("code").asText())) {
                        problems.add("honest phone got " + answer);
                    }
                    phone.call("unpick", "kind", connection % 20 == 0 ? "MOST" : "LEAST", "term", "Verantwoorden");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(frames >= 2000, "thousands of frames: " + frames);
    }

    @Test
    void everyAnswerToAFuzzedFrameIsAKnownErrorOrAnAck() throws Exception {
        var session = TestSessions.create();
        Random random = new Random(7);
        List<String> bad = new ArrayList<>();
        for (int connection = 0; connection < 40; connection++) {
            var p = TestSessions.join(session, "G" + connection, "szw", "beleid");
            try (LiveClient fuzzer = LiveClient.hello(base, session.code(), "participant", p.secret())) {
                for (int i = 0; i < 20; i++) {
                    String frame = randomFrame(random).replaceFirst("\\{\"type\"", "{\"id\":\"x" + i + "\",\"type\"");
                    fuzzer.sendRaw(frame);
                }
                fuzzer.sendRaw("{\"type\":\"unpick\",\"id\":\"marker\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}");
                List<JsonNode> answers = new ArrayList<>();
                fuzzer.awaitMatching(f -> {
                    answers.add(f);
                    return "marker".equals(f.path("id").asText());
                }, "the marker");
                for (JsonNode a : answers) {
                    String type = a.path("type").asText();
                    if (type.equals("error")) {
                        String code = a.path("code").asText();
                        if (!CODES.contains(code) || code.equals("INTERNAL") || a.toString().contains("Exception")
                                || a.toString().contains("\tat ")) {
                            bad.add(a.toString());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad, "no internal errors, no stack traces");
    }

    @Test
    void fuzzedRestBodiesNeverCauseAServerError() {
        var session = TestSessions.create();
        Random random = new Random(42);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String body = randomFrame(random).replace("\"type\"", random.nextBoolean() ? "\"group\"" : "\"templateId\"");
            String path = random.nextBoolean() ? "/api/sessions/" + session.code() + "/participants" : "/api/sessions";
            Response response = given().header("X-Organiser-Key", random.nextInt(4) == 0 ? TestSessions.ORGANISER_KEY : "nope")
                    .contentType(ContentType.JSON).body(body).post(path);
            int status = response.statusCode();
            if (status >= 500 || (status >= 400 && !CODES.contains(response.jsonPath().getString("code")))) {
                bad.add(status + " " + path + " " + body + " -> " + response.asString());
            }
            assertFalse(response.asString().contains("\tat "), "no stack trace");
        }
        assertEquals(List.of(), bad);
    }
}
