package nl.waterline.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SessionApiTest {

    @Test
    void templatesAreListedWithTheSeedSessionFirstClass() {
        given().get("/api/templates").then().statusCode(200)
                .body("templates.id", hasItem("stakeholdersessie"))
                .body("templates.id", hasItem("knowledge-dialogue-en"))
                .body("problems", hasSize(0));
    }

    @Test
    void creatingASessionNeedsTheOrganiserKey() {
        given().contentType(ContentType.JSON).body(Map.of("templateId", "stakeholdersessie"))
                .post("/api/sessions").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("ORGANISER_KEY_REQUIRED"));
        given().header("X-Organiser-Key", "wrong").get("/api/organiser").then().statusCode(401);
        given().header("X-Organiser-Key", TestSessions.ORGANISER_KEY).get("/api/organiser").then().statusCode(204);
    }

    @Test
    void aNewSessionHasATypeableCodeAndASecretAndDefaultsToTheTemplate() {
        given().header("X-Organiser-Key", TestSessions.ORGANISER_KEY).contentType(ContentType.JSON)
                .body(Map.of("templateId", "knowledge-dialogue-en"))
                .post("/api/sessions").then().statusCode(201)
                .body("code", matchesPattern("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}"))
                .body("facilitatorSecret", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("joinUrl", containsString("/j/"))
                .body("facilitatorUrl", containsString("/ui/facilitator.html?code="));
    }

    @Test
    void unknownTemplateAndBadLanguageAreRefused() {
        given().header("X-Organiser-Key", TestSessions.ORGANISER_KEY).contentType(ContentType.JSON)
                .body(Map.of("templateId", "nope")).post("/api/sessions").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_TEMPLATE"));
        given().header("X-Organiser-Key", TestSessions.ORGANISER_KEY).contentType(ContentType.JSON)
                .body(Map.of("templateId", "stakeholdersessie", "language", "de")).post("/api/sessions").then()
                .statusCode(400).body("code", equalTo("INVALID_VALUE"));
    }

    @Test
    void thePublicSessionInfoHasWhatAPhoneNeedsAndNoSecrets() {
        var session = TestSessions.create();
        TestSessions.join(session, "Anne", "gemeente", "uitvoering");
        given().get("/api/sessions/" + session.code().toLowerCase()).then().statusCode(200)
                .body("code", equalTo(session.code()))
                .body("terms", hasSize(19))
                .body("mostPicks", equalTo(2))
                .body("groups.id", hasItem("clienten-werkzoekenden"))
                .body(not(containsString(session.facilitatorSecret())))
                .body(not(containsString("Anne")));
    }

    @Test
    void joiningGivesASecretAndValidatesGroupRoleAndName() {
        var session = TestSessions.create();
        String path = "/api/sessions/" + session.code() + "/participants";
        given().contentType(ContentType.JSON).body(Map.of("group", "gemeente", "role", "bestuur"))
                .post(path).then().statusCode(201)
                .body("participantId", notNullValue()).body("secret", matchesPattern("[A-Za-z0-9_-]{22}"));
        given().contentType(ContentType.JSON).body(Map.of("group", "ministerie", "role", "bestuur"))
                .post(path).then().statusCode(400).body("code", equalTo("UNKNOWN_GROUP"));
        given().contentType(ContentType.JSON).body(Map.of("group", "uwv", "role", "bestuur"))
                .post(path).then().statusCode(400).body("code", equalTo("UNKNOWN_ROLE"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(41), "group", "uwv", "role", "management"))
                .post(path).then().statusCode(400).body("code", equalTo("TEXT_TOO_LONG"));
        given().contentType(ContentType.JSON).body(Map.of("name", "bell\u0007", "group", "uwv", "role", "management"))
                .post(path).then().statusCode(400).body("code", equalTo("INVALID_TEXT"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Bert"))
                .post(path).then().statusCode(400).body("code", equalTo("MISSING_FIELD"));
        given().contentType(ContentType.JSON).body("{\"group\": ")
                .post(path).then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        given().contentType(ContentType.JSON).body("{\"group\": [1,2], \"role\": \"x\"}")
                .post(path).then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        given().contentType(ContentType.JSON).body(Map.of("group", "uwv", "role", "management"))
                .post("/api/sessions/AAAA-BBBB/participants").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_SESSION")).body("detail", notNullValue()).body("trace", nullValue());
    }

    @Test
    void theQrCodeIsAnSvgOfTheJoinLink() {
        var session = TestSessions.create();
        given().get("/api/sessions/" + session.code() + "/qr.svg").then().statusCode(200)
                .contentType(containsString("image/svg+xml"))
                .body(containsString("<svg")).body(containsString("<path"));
        given().get("/api/sessions/ZZZZ-ZZZZ/qr.svg").then().statusCode(404);
    }

    @Test
    void shortAddressesLeadToThePages() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", containsString("/ui/index.html"));
        given().redirects().follow(false).get("/j/k7pm-q2xd").then().statusCode(303)
                .header("Location", containsString("/ui/join.html?code=K7PMQ2XD"));
        given().get("/ui/join.html").then().statusCode(200).body(containsString("<html"));
    }

    @Test
    void openApiIsServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/sessions"));
    }
}
