package nl.waterline.minutes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.waterline.live.LiveClient;
import nl.waterline.web.TestSessions;
import nl.waterline.web.TestSessions.NewSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions linked into a series: attendance per session and the issues across sessions, per stakeholder group. */
@QuarkusTest
class SeriesTest {

    @TestHTTPResource("/")
    URI base;

    private void inSeries(NewSession s, String series, String group, String role, String perspective) throws Exception {
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            assertEquals("ack", facilitator.call("setSeries", "series", series).path("type").asText());
            JsonNode answer = facilitator.call("addPerspective", "issue", "doelen-van-re-integratie", "group", group,
                    "role", role, "text", perspective);
            assertEquals("ack", answer.path("type").asText(), answer.toString());
        }
    }

    @Test
    void aSeriesReportCombinesAttendanceAndIssuesAcrossSessions() throws Exception {
        String series = "Traject " + UUID.randomUUID();
        NewSession first = TestSessions.create();
        TestSessions.join(first, "A", "gemeente", "uitvoering");
        TestSessions.join(first, "B", "uwv", "management");
        inSeries(first, series, "gemeente", "uitvoering", "Werk is meer dan uitstroom");
        NewSession second = TestSessions.create();
        for (int i = 0; i < 3; i++) {
            TestSessions.join(second, "C" + i, "szw", "beleid");
        }
        inSeries(second, series, "szw", "beleid", "Beleidsdoelen moeten scherp zijn");

        given().queryParam("name", series).get("/api/series/report").then().statusCode(401);
        JsonPath report = given().header("X-Organiser-Key", TestSessions.ORGANISER_KEY).queryParam("name", series)
                .get("/api/series/report").then().statusCode(200).extract().jsonPath();
        assertEquals("Aan de 2 bijeenkomsten namen respectievelijk 2 en 3 deelnemers deel.", report.getString("attendanceSentence"));
        assertEquals(List.of(2, 3), report.getList("sessions.participants"));
        assertEquals("Doelen van re-integratie", report.getString("issues[0].title"));
        assertEquals(List.of("Gemeente", "SZW"), report.getList("issues[0].groups.group"));
        assertEquals("Werk is meer dan uitstroom", report.getString("issues[0].groups[0].contributions[0].perspective"));
        assertEquals("(rollen samengevoegd)", report.getString("issues[0].groups[0].contributions[0].role"),
                "one person in Gemeente · Uitvoering: the role is not named, as in the minutes");
        assertEquals("Beleid", report.getString("issues[0].groups[1].contributions[0].role"), "three in SZW · Beleid: named");

        JsonPath earlier = given().header("Authorization", "Bearer " + second.facilitatorSecret())
                .get("/api/sessions/" + second.code() + "/series-outcomes").then().statusCode(200).extract().jsonPath();
        assertEquals(1, earlier.getList("sessions").size(), "the room sees what the earlier sessions brought up");
        assertTrue(earlier.getString("issues[0].groups[0].contributions[0].perspective").contains("uitstroom"));
        given().header("Authorization", "Bearer wrong").get("/api/sessions/" + second.code() + "/series-outcomes")
                .then().statusCode(401);
    }
}
