package nl.waterline.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.waterline.crash.PackagedServer;
import nl.waterline.live.LiveClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server dies with SIGKILL in the middle of a perspective round, with a facilitator laptop and three
 * phones open in real Chromium. While it is down a listener types a clarifying question; the server comes
 * back on the same port and data. Every screen reconnects by itself and says so, shows the same round and
 * speaker, the question typed while offline arrives exactly once, and nothing acknowledged before the kill
 * is missing. Runs against the packaged jar (failsafe, after {@code package}).
 */
class RestartInTheBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ASKED_BEFORE = "Wat bedoel je met praktijkkennis?";
    private static final String ASKED_OFFLINE = "Hoe merk je dat in je werk?";

    /** Records every state of a page's connection status: it says "Bijgewerkt" only briefly after a resync. */
    private static final String RECORD_STATUS = """
            const node = document.querySelector("[data-testid='connection-status']");
            window.statusLog = [];
            new MutationObserver(() => window.statusLog.push((node.dataset.status || '') + '|' + (node.dataset.i18n || '')))
              .observe(node, { attributes: true, childList: true, characterData: true, subtree: true });
            """;

    private final List<ChromeDriver> browsers = new ArrayList<>();
    private Path data;
    private PackagedServer server;

    @BeforeEach
    void needsChromiumAndTheJar() throws Exception {
        Browsers.assumeAvailable();
        assertTrue(Files.exists(PackagedServer.jar()), "run through `./mvnw verify`: the packaged jar is needed at " + PackagedServer.jar());
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "crash")), "restart-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        browsers.forEach(WebDriver::quit);
        if (server != null) {
            server.kill();
        }
        PackagedServer.deleteTree(data);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private static WebElement visible(WebDriver driver, String id) {
        return waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    private String url(String path) {
        return server.base().toString().replaceAll("/$", "") + path;
    }

    private ChromeDriver open(int width, int height) throws Exception {
        ChromeDriver driver = Browsers.open(width, height, "nl");
        browsers.add(driver);
        return driver;
    }

    /** A phone joins through the join page, as a person would; returns its participant id. */
    private String joinOnPhone(ChromeDriver phone, String code, String name, String group, String role) {
        phone.get(url("/j/" + code));
        visible(phone, "display-name").sendKeys(name);
        new Select(phone.findElement(testId("group-select"))).selectByValue(group);
        waitOn(phone).until(d -> new Select(d.findElement(testId("role-select"))).getOptions().stream()
                .anyMatch(o -> role.equals(o.getAttribute("value"))));
        new Select(phone.findElement(testId("role-select"))).selectByValue(role);
        phone.findElement(testId("join-submit")).click();
        visible(phone, "mode-most");
        return identity(phone, code).path("participantId").asText();
    }

    private static JsonNode identity(ChromeDriver phone, String code) {
        try {
            return JSON.readTree((String) phone.executeScript("return localStorage.getItem(arguments[0]);", "waterline.participant." + code));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void tapTerm(WebDriver phone, String term) {
        waitOn(phone).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='term'][data-term='" + term + "']"))).click();
    }

    @SuppressWarnings("unchecked")
    private static List<String> statusLog(ChromeDriver page) {
        return (List<String>) page.executeScript("return window.statusLog;");
    }

    private static String status(WebDriver page) {
        return page.findElement(testId("connection-status")).getAttribute("data-status");
    }

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the server holds, as the facilitator sees it: participants with picks, subgroups, questions. */
    private Map<String, Object> serverState(String code, String facilitatorSecret, int questions) throws Exception {
        try (LiveClient facilitator = LiveClient.hello(server.base(), code, "facilitator", facilitatorSecret)) {
            JsonNode view = facilitator.awaitView(v -> v.path("subgroups").size() == 1
                    && v.path("subgroups").get(0).path("questions").size() >= questions);
            Map<String, Object> state = new TreeMap<>();
            for (JsonNode p : view.path("participants")) {
                state.put("participant " + p.path("id").asText(), p.path("group").asText() + "/" + p.path("role").asText()
                        + " most " + p.path("most") + " least " + p.path("least"));
            }
            JsonNode sub = view.path("subgroups").get(0);
            state.put("phase", view.path("phase").asText());
            state.put("speaker", sub.path("speaker").asText());
            state.put("members", sub.path("members").toString());
            state.put("order", sub.path("order").toString());
            List<String> texts = new ArrayList<>();
            sub.path("questions").forEach(q -> texts.add(q.path("text").asText() + " (" + q.path("speaker").asText() + ")"));
            state.put("questions", texts);
            return state;
        }
    }

    private static long count(List<String> texts, String text) {
        return texts.stream().filter(t -> t.startsWith(text)).count();
    }

    @Test
    void aServerRestartInTheMiddleOfAPerspectiveRound() throws Exception {
        int port = PackagedServer.freePort();
        server = PackagedServer.start(data, port);
        // From the machine itself (loopback) no organiser key is needed, as in a real venue laptop.
        HttpResponse<String> created = post(server.base().resolve("/api/sessions"),
                "{\"templateId\":\"stakeholdersessie\",\"title\":\"Herstart midden in de ronde\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = JSON.readTree(created.body());
        String code = session.path("code").asText().replace("-", "");
        String facilitatorSecret = session.path("facilitatorSecret").asText();

        ChromeDriver laptop = open(1280, 900);
        laptop.get(url("/ui/facilitator.html?code=" + code));
        laptop.executeScript("localStorage.setItem(arguments[0], arguments[1]);", "waterline.facilitator." + code, facilitatorSecret);
        laptop.navigate().refresh();
        visible(laptop, "join-code");

        Map<String, ChromeDriver> phones = new LinkedHashMap<>();
        String[][] people = {{"Anne", "gemeente", "uitvoering", "Praktijkkennis benutten"},
                {"Bert", "uwv", "management", "Verantwoorden"}, {"Carla", "szw", "beleid", "Reflecteren"}};
        for (String[] person : people) {
            ChromeDriver phone = open(390, 844);
            String id = joinOnPhone(phone, code, person[0], person[1], person[2]);
            phones.put(id, phone);
            tapTerm(phone, person[3]);
        }

        try (LiveClient facilitator = LiveClient.hello(server.base(), code, "facilitator", facilitatorSecret)) {
            facilitator.awaitView(v -> v.path("participants").size() == 3 && v.path("results").path("participantsWithPicks").asInt() == 3);
            assertEquals("ack", facilitator.call("setPhase", "phase", "subgroups").path("type").asText());
            facilitator.sendRaw("{\"type\":\"formSubgroups\",\"id\":\"f\",\"count\":1}");
            assertEquals("ack", facilitator.awaitMatching(f -> "f".equals(f.path("id").asText()), "subgroups formed").path("type").asText());
            String subgroup = facilitator.awaitView(v -> v.path("subgroups").size() == 1).path("subgroups").get(0).path("id").asText();
            assertEquals("ack", facilitator.call("setPhase", "phase", "perspective-round").path("type").asText());
            assertEquals("ack", facilitator.call("nextSpeaker", "subgroup", subgroup).path("type").asText());
        }
        Map<String, Object> roundStarted = serverState(code, facilitatorSecret, 0);
        String speaker = (String) roundStarted.get("speaker");
        assertTrue(phones.containsKey(speaker), "one of the phones speaks: " + roundStarted);
        List<String> listeners = phones.keySet().stream().filter(id -> !id.equals(speaker)).toList();
        ChromeDriver speakerPhone = phones.get(speaker);
        ChromeDriver asker = phones.get(listeners.get(0));
        ChromeDriver offlineAsker = phones.get(listeners.get(1));

        visible(asker, "question-text").sendKeys(ASKED_BEFORE);
        asker.findElement(testId("question-submit")).click();
        waitOn(speakerPhone).until(d -> d.findElement(testId("questions")).getText().contains(ASKED_BEFORE));
        Map<String, Object> beforeKill = serverState(code, facilitatorSecret, 1);
        Map<String, String> phaseShown = new LinkedHashMap<>();
        for (Map.Entry<String, ChromeDriver> phone : phones.entrySet()) {
            ChromeDriver p = phone.getValue();
            waitOn(p).until(d -> speaker.equals(d.findElement(testId("speaker")).getAttribute("data-speaker")));
            phaseShown.put(phone.getKey(), p.findElement(testId("phase")).getText());
        }
        visible(offlineAsker, "question-text");
        List<ChromeDriver> screens = new ArrayList<>(phones.values());
        screens.add(laptop);
        screens.forEach(page -> page.executeScript(RECORD_STATUS));

        server.kill();

        waitOn(offlineAsker).until(d -> !"online".equals(status(d)));
        WebElement box = offlineAsker.findElement(testId("question-text"));
        box.sendKeys(ASKED_OFFLINE);
        offlineAsker.findElement(testId("question-submit")).click();
        WebElement unsent = offlineAsker.findElement(By.cssSelector("#question-form [data-testid='unsent']"));
        waitOn(offlineAsker).until(d -> unsent.isDisplayed());
        assertEquals(ASKED_OFFLINE, box.getAttribute("value"), "what was typed stays on the screen while it is not sent");
        Browsers.screenshot(offlineAsker, "restart-question-typed-offline");

        server = PackagedServer.start(data, port);

        for (ChromeDriver page : screens) {
            waitOn(page).until(d -> statusLog((ChromeDriver) d).contains("online|live.updated"));
            waitOn(page).until(d -> "online".equals(status(d)));
        }
        assertTrue(statusLog(offlineAsker).stream().anyMatch(s -> s.startsWith("reconnecting") || s.startsWith("offline")),
                "the phone showed that it lost the connection: " + statusLog(offlineAsker));
        waitOn(offlineAsker).until(d -> !unsent.isDisplayed() && box.getAttribute("value").isEmpty());

        for (Map.Entry<String, ChromeDriver> phone : phones.entrySet()) {
            ChromeDriver p = phone.getValue();
            waitOn(p).until(d -> speaker.equals(d.findElement(testId("speaker")).getAttribute("data-speaker")));
            assertEquals(phaseShown.get(phone.getKey()), p.findElement(testId("phase")).getText(), "same phase on " + phone.getKey());
        }
        waitOn(speakerPhone).until(d -> d.findElement(testId("questions")).getText().contains(ASKED_OFFLINE));
        waitOn(laptop).until(d -> d.findElement(testId("questions")).getText().contains(ASKED_OFFLINE));
        assertEquals(1, speakerPhone.findElements(By.cssSelector("[data-testid='questions'] li")).stream()
                .filter(li -> li.getText().contains(ASKED_OFFLINE)).count(), "the offline question shows once on the speaker's phone");
        assertEquals(1, laptop.findElements(By.cssSelector("[data-testid='questions'] li")).stream()
                .filter(li -> li.getText().contains(ASKED_OFFLINE)).count(), "and once on the facilitator's screen");
        assertTrue(laptop.findElement(testId("questions")).getText().contains(ASKED_BEFORE));
        Browsers.screenshot(laptop, "restart-facilitator-after");
        Browsers.screenshot(speakerPhone, "restart-speaker-after");

        Map<String, Object> afterRestart = serverState(code, facilitatorSecret, 2);
        @SuppressWarnings("unchecked")
        List<String> questions = (List<String>) afterRestart.get("questions");
        assertEquals(1, count(questions, ASKED_BEFORE), "acknowledged before the kill, kept once: " + questions);
        assertEquals(1, count(questions, ASKED_OFFLINE), "typed while the server was down, stored once: " + questions);
        Map<String, Object> expected = new TreeMap<>(beforeKill);
        Map<String, Object> actual = new TreeMap<>(afterRestart);
        expected.remove("questions");
        actual.remove("questions");
        assertEquals(expected, actual, "participants, picks, subgroup, order and speaker as before the kill");

        // The join idempotency survives the restart: the first phone's join, retried with its secret, is the same participant.
        JsonNode anne = identity(phones.values().iterator().next(), code);
        HttpResponse<String> again = post(server.base().resolve("/api/sessions/" + code + "/participants"),
                "{\"group\":\"gemeente\",\"role\":\"uitvoering\",\"secret\":\"" + anne.path("secret").asText() + "\"}");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(anne.path("participantId").asText(), JSON.readTree(again.body()).path("participantId").asText());
        assertEquals(3, serverState(code, facilitatorSecret, 2).keySet().stream().filter(k -> k.startsWith("participant ")).count(),
                "still three participants");
    }
}
