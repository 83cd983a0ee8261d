package nl.waterline.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.live.LiveClient;
import nl.waterline.web.TestSessions;
import nl.waterline.web.TestSessions.NewParticipant;
import nl.waterline.web.TestSessions.NewSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One perspective round on three phone-sized screens: the speaker sees their own words as prompts and
 * the incoming questions; the listeners get only a question box, and a statement is refused kindly.
 */
@QuarkusTest
class PerspectiveRoundInTheBrowserTest {

    @TestHTTPResource("/")
    URI base;

    private final List<ChromeDriver> browsers = new ArrayList<>();

    @BeforeEach
    void needsChromium() {
        Browsers.assumeAvailable();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private static WebElement visible(WebDriver driver, String id) {
        return waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /** A phone that is already this participant: the secret in local storage, as after joining. */
    private ChromeDriver phoneAs(NewSession s, NewParticipant p) throws Exception {
        ChromeDriver phone = Browsers.open(390, 844, "nl");
        browsers.add(phone);
        String code = s.compactCode();
        phone.get(base.toString().replaceAll("/$", "") + "/ui/join.html?code=" + code);
        ((JavascriptExecutor) phone).executeScript("localStorage.setItem(arguments[0], arguments[1]);",
                "waterline.participant." + code,
                "{\"participantId\":\"" + p.participantId() + "\",\"secret\":\"" + p.secret() + "\"}");
        phone.navigate().refresh();
        return phone;
    }

    @Test
    void aSpeakerAndTwoListenersOnTheirPhones() throws Exception {
        NewSession s = TestSessions.create();
        Map<String, NewParticipant> people = new HashMap<>();
        people.put("gemeente", TestSessions.join(s, "Anne", "gemeente", "uitvoering"));
        people.put("uwv", TestSessions.join(s, "Bert", "uwv", "management"));
        people.put("szw", TestSessions.join(s, "Carla", "szw", "beleid"));
        try (LiveClient anne = LiveClient.hello(base, s.code(), "participant", people.get("gemeente").secret());
             LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            anne.pick("MOST", "Praktijkkennis benutten");
            anne.pick("LEAST", "Verantwoorden");
            facilitator.call("setPhase", "phase", "subgroups");
            facilitator.sendRaw("{\"type\":\"formSubgroups\",\"id\":\"f\",\"count\":1}");
            facilitator.awaitMatching(f -> "f".equals(f.path("id").asText()), "subgroups formed");
            JsonNode subgroup = facilitator.awaitView(v -> v.path("subgroups").size() == 1).path("subgroups").get(0);
            List<String> order = new ArrayList<>();
            subgroup.path("order").forEach(o -> order.add(o.asText()));
            facilitator.call("setPhase", "phase", "perspective-round");
            String anneId = people.get("gemeente").participantId();
            List<String> reordered = new ArrayList<>(order);
            reordered.remove(anneId);
            reordered.add(0, anneId);
            facilitator.sendRaw("{\"type\":\"setTurnOrder\",\"id\":\"o\",\"subgroup\":\"" + subgroup.path("id").asText()
                    + "\",\"order\":[\"" + String.join("\",\"", reordered) + "\"]}");
            facilitator.awaitMatching(f -> "o".equals(f.path("id").asText()), "order set");
            facilitator.call("nextSpeaker", "subgroup", subgroup.path("id").asText());
        }

        ChromeDriver speaker = phoneAs(s, people.get("gemeente"));
        ChromeDriver listener = phoneAs(s, people.get("uwv"));
        ChromeDriver other = phoneAs(s, people.get("szw"));

        WebElement prompt = visible(speaker, "my-picks-prompt");
        waitOn(speaker).until(d -> prompt.getText().contains("Praktijkkennis benutten"));
        assertTrue(prompt.getText().contains("Verantwoorden"), "the speaker sees their own MOST and LEAST words");
        assertTrue(speaker.findElements(testId("question-text")).stream().noneMatch(WebElement::isDisplayed),
                "the speaker gets no question box");

        WebElement box = visible(listener, "question-text");
        assertTrue(listener.findElements(By.cssSelector("textarea:not([data-testid='question-text'])")).stream()
                .noneMatch(WebElement::isDisplayed), "listeners have no comment box");
        box.sendKeys("Dat is gewoon niet waar.");
        listener.findElement(testId("question-submit")).click();
        WebElement error = visible(listener, "error-message");
        assertTrue(error.getText().contains("?"), "the refusal explains the rule: " + error.getText());
        Browsers.screenshot(listener, "round-listener-refused");

        box.clear();
        box.sendKeys("Wat bedoel je met praktijkkennis?");
        listener.findElement(testId("question-submit")).click();
        visible(other, "question-text").sendKeys("Hoe merk je dat in je werk?");
        other.findElement(testId("question-submit")).click();

        waitOn(speaker).until(d -> d.findElement(testId("questions")).getText().contains("Wat bedoel je met praktijkkennis?")
                && d.findElement(testId("questions")).getText().contains("Hoe merk je dat in je werk?"));
        List<WebElement> answer = speaker.findElements(testId("mark-answered"));
        assertEquals(2, answer.size());
        answer.get(0).click();
        waitOn(speaker).until(d -> d.findElements(testId("mark-answered")).size() == 1);
        Browsers.screenshot(speaker, "round-speaker");

        speaker.findElement(testId("next-speaker")).click();
        waitOn(speaker).until(d -> d.findElements(testId("question-text")).stream().anyMatch(WebElement::isDisplayed));
        assertTrue(speaker.findElements(testId("my-picks-prompt")).stream().noneMatch(WebElement::isDisplayed),
                "after handing over, Anne listens and may ask");
        Browsers.screenshot(listener, "round-next-speaker");
    }
}
