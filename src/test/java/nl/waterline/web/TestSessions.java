package nl.waterline.web;

import io.restassured.http.ContentType;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** REST set-up steps shared by the integration tests. */
public final class TestSessions {

    public record NewSession(String code, String facilitatorSecret) {
        public String compactCode() {
            return code.replace("-", "");
        }
    }

    public record NewParticipant(String participantId, String secret) {
    }

    public static final String ORGANISER_KEY = "test-organiser-key";

    private TestSessions() {
    }

    public static NewSession create() {
        var body = given().header("X-Organiser-Key", ORGANISER_KEY).contentType(ContentType.JSON).body(Map.of("templateId", "stakeholdersessie", "title", "Test"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        return new NewSession(body.getString("code"), body.getString("facilitatorSecret"));
    }

    public static NewParticipant join(NewSession session, String name, String group, String role) {
        var body = given().contentType(ContentType.JSON).body(Map.of("name", name, "group", group, "role", role))
                .post("/api/sessions/" + session.code() + "/participants").then().statusCode(201).extract().jsonPath();
        return new NewParticipant(body.getString("participantId"), body.getString("secret"));
    }
}
