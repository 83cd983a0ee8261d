package nl.waterline.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.live.LiveClient;
import nl.waterline.live.SessionRegistry;
import nl.waterline.session.Session;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every live command and every protected endpoint against every role: facilitator, note-taker,
 * projector, participant, a stranger without hello, and a secret of another session. A cell that is
 * not allowed is refused and changes nothing; a cell that is allowed is never refused for who sent it.
 */
@QuarkusTest
class AccessMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private static final Set<String> WHO_REFUSALS = Set.of("FORBIDDEN", "HELLO_REQUIRED", "WRONG_SECRET", "NOT_THE_SPEAKER");

    /** Command frame (without id) → roles allowed to send it. */
    private static Map<String, Set<String>> commands() {
        Map<String, Set<String>> c = new LinkedHashMap<>();
        Set<String> facilitator = Set.of("facilitator");
        Set<String> notes = Set.of("facilitator", "note-taker");
        Set<String> participant = Set.of("participant");
        c.put("{\"type\":\"lockPicking\",\"locked\":true}", facilitator);
        c.put("{\"type\":\"setResultsMode\",\"mode\":\"LIVE\"}", facilitator);
        c.put("{\"type\":\"revealResults\",\"revealed\":true}", facilitator);
        c.put("{\"type\":\"setPhase\",\"phase\":\"picks\"}", facilitator);
        c.put("{\"type\":\"formSubgroups\",\"count\":1}", facilitator);
        c.put("{\"type\":\"setTurnSeconds\",\"seconds\":60}", facilitator);
        c.put("{\"type\":\"setIssueIntro\",\"issue\":\"doelen-van-re-integratie\",\"text\":\"Intro\"}", facilitator);
        c.put("{\"type\":\"moveIssue\",\"issue\":\"doelen-van-re-integratie\",\"position\":1}", facilitator);
        c.put("{\"type\":\"addPerspective\",\"issue\":\"doelen-van-re-integratie\",\"group\":\"uwv\",\"text\":\"x\"}", facilitator);
        c.put("{\"type\":\"setSeries\",\"series\":\"Traject\"}", facilitator);
        c.put("{\"type\":\"setMinutesPrivacy\",\"mergeSmallRoles\":false}", facilitator);
        c.put("{\"type\":\"mergeIssues\",\"issue\":\"het-leren-van-kennis\",\"into\":\"doelen-van-re-integratie\"}", facilitator);
        c.put("{\"type\":\"addNote\",\"kind\":\"QUOTE\",\"text\":\"Citaat\",\"group\":\"uwv\"}", notes);
        c.put("{\"type\":\"addIssue\",\"title\":\"Nieuw\"}", notes);
        c.put("{\"type\":\"renameIssue\",\"issue\":\"doelen-van-re-integratie\",\"title\":\"Doelen\"}", notes);
        c.put("{\"type\":\"pick\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}", participant);
        c.put("{\"type\":\"unpick\",\"kind\":\"MOST\",\"term\":\"Reflecteren\"}", participant);
        return c;
    }

    private static final List<String> ROLES = List.of("facilitator", "note-taker", "projector", "participant", "stranger", "other-session");

    private String state(String code) throws Exception {
        return registry.owner(code).read(Session::describe).get(5, TimeUnit.SECONDS);
    }

    private LiveClient connect(String role, TestSessions.NewSession s, String noteSecret, String participantSecret,
                               TestSessions.NewSession other) throws Exception {
        return switch (role) {
            case "facilitator", "projector" -> LiveClient.hello(base, s.code(), role, s.facilitatorSecret());
            case "note-taker" -> LiveClient.hello(base, s.code(), role, noteSecret);
            case "participant" -> LiveClient.hello(base, s.code(), role, participantSecret);
            case "stranger" -> LiveClient.connect(base, s.code());
            default -> {
                LiveClient c = LiveClient.connect(base, s.code());
                c.sendRaw("{\"type\":\"hello\",\"role\":\"facilitator\",\"secret\":\"" + other.facilitatorSecret() + "\"}");
                assertEquals("WRONG_SECRET", c.await("error").path("code").asText(), "another session's secret opens nothing");
                c.awaitClose();
                yield null;
            }
        };
    }

    @Test
    void everyLiveCommandAgainstEveryRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        TestSessions.NewSession other = TestSessions.create();
        for (Map.Entry<String, Set<String>> command : commands().entrySet()) {
            // One session per command; the roles take turns, the allowed ones first.
            TestSessions.NewSession s = TestSessions.create();
            TestSessions.NewParticipant p = TestSessions.join(s, "P", "gemeente", "uitvoering");
            String noteSecret = given().header("Authorization", "Bearer " + s.facilitatorSecret())
                    .post("/api/sessions/" + s.code() + "/note-takers").then().statusCode(201).extract().path("secret");
            for (String role : ROLES) {
                String before = state(s.code());
                try (LiveClient client = connect(role, s, noteSecret, p.secret(), other)) {
                    if (client == null) {
                        continue;
                    }
                    String frame = command.getKey().replaceFirst("\\{", "{\"id\":\"m1\",");
                    client.sendRaw(frame);
                    JsonNode answer = client.awaitMatching(f -> "m1".equals(f.path("id").asText())
                            || "WRONG_SECRET".equals(f.path("code").asText()), "an answer");
                    boolean allowed = command.getValue().contains(role);
                    String type = answer.path("type").asText();
                    String code = answer.path("code").asText();
                    if (allowed && type.equals("error") && WHO_REFUSALS.contains(code)) {
                        wrong.add(role + " refused " + command.getKey() + ": " + code);
                    }
                    if (!allowed && type.equals("ack")) {
                        wrong.add(role + " was allowed " + command.getKey());
                    }
                    if (!allowed && !before.equals(state(s.code()))) {
                        wrong.add(role + " changed the session with " + command.getKey());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyProtectedEndpointAgainstEveryRole() {
        TestSessions.NewSession s = TestSessions.create();
        TestSessions.NewSession other = TestSessions.create();
        TestSessions.NewParticipant p = TestSessions.join(s, "P", "gemeente", "uitvoering");
        String noteSecret = given().header("Authorization", "Bearer " + s.facilitatorSecret())
                .post("/api/sessions/" + s.code() + "/note-takers").then().statusCode(201).extract().path("secret");
        Map<String, String> bearer = new LinkedHashMap<>();
        bearer.put("participant", p.secret());
        bearer.put("note-taker", noteSecret);
        bearer.put("other-session", other.facilitatorSecret());
        bearer.put("garbage", "x");
        List<String> gets = List.of("minutes.md", "minutes.html", "minutes.docx", "minutes.json", "picks.csv", "series-outcomes");
        List<String> wrong = new ArrayList<>();
        for (String file : gets) {
            String path = "/api/sessions/" + s.code() + "/" + file;
            if (given().get(path).statusCode() != 401) {
                wrong.add("anonymous GET " + file);
            }
            bearer.forEach((role, secret) -> {
                if (given().header("Authorization", "Bearer " + secret).get(path).statusCode() != 401) {
                    wrong.add(role + " GET " + file);
                }
            });
            if (given().header("Authorization", "Bearer " + s.facilitatorSecret()).get(path).statusCode() != 200) {
                wrong.add("facilitator refused GET " + file);
            }
        }
        bearer.forEach((role, secret) -> {
            if (given().header("Authorization", "Bearer " + secret).post("/api/sessions/" + s.code() + "/note-takers").statusCode() != 401) {
                wrong.add(role + " added a note-taker");
            }
            if (given().header("Authorization", "Bearer " + secret).delete("/api/sessions/" + s.code()).statusCode() != 401) {
                wrong.add(role + " deleted the session");
            }
        });
        for (String path : List.of("/api/series", "/api/series/report?name=x", "/api/organiser")) {
            if (given().get(path).statusCode() != 401) {
                wrong.add("anonymous GET " + path);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
