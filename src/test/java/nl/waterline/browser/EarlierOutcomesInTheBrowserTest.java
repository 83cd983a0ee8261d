package nl.waterline.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.live.LiveClient;
import nl.waterline.web.TestSessions;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the projector the facilitator switches to what the earlier sessions of the series brought up, and back. */
@QuarkusTest
class EarlierOutcomesInTheBrowserTest {

    private static final String ISSUE = "doelen-van-re-integratie";

    @TestHTTPResource("/")
    URI base;

    private ChromeDriver projector;

    @BeforeEach
    void needsChromium() {
        Browsers.assumeAvailable();
    }

    @AfterEach
    void close() {
        if (projector != null) {
            projector.quit();
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private static void ack(JsonNode answer) {
        assertEquals("ack", answer.path("type").asText(), answer.toString());
    }

    /** The projector of this session, in a browser that holds its facilitator secret, as on the facilitator's laptop. */
    private ChromeDriver openProjector(NewSession s) throws Exception {
        projector = Browsers.open(1280, 800, "nl");
        String code = s.compactCode();
        projector.get(base.toString().replaceAll("/$", "") + "/ui/projector.html?code=" + code);
        ((JavascriptExecutor) projector).executeScript("localStorage.setItem(arguments[0], arguments[1]);",
                "waterline.facilitator." + code, s.facilitatorSecret());
        projector.navigate().refresh();
        waitOn(projector).until(d -> !d.findElement(testId("join-code")).getText().isBlank());
        return projector;
    }

    @Test
    void theRoomSeesWhatTheEarlierSessionOfTheSeriesBroughtUp() throws Exception {
        String series = "Traject " + UUID.randomUUID().toString().substring(0, 8);
        String perspective = "Werk is meer dan uitstroom naar een baan";
        String quote = "Iemand die vrijwilligerswerk doet, doet ook mee";

        NewSession first = TestSessions.create();
        // Three in the role, so the minutes may name it (smaller roles are merged into the group).
        TestSessions.join(first, "A", "gemeente", "uitvoering");
        TestSessions.join(first, "B", "gemeente", "uitvoering");
        TestSessions.join(first, "C", "gemeente", "uitvoering");
        try (LiveClient facilitator = LiveClient.hello(base, first.code(), "facilitator", first.facilitatorSecret())) {
            ack(facilitator.call("setSeries", "series", series));
            ack(facilitator.call("addNote", "kind", "QUOTE", "text", quote, "group", "gemeente", "role", "uitvoering",
                    "issue", ISSUE));
            ack(facilitator.call("addPerspective", "issue", ISSUE, "group", "gemeente", "role", "uitvoering",
                    "text", perspective));
            JsonNode view = facilitator.awaitView(v -> v.path("perspectives").size() == 1 && v.path("notes").size() == 1);
            ack(facilitator.call("attachQuote", "perspective", view.path("perspectives").get(0).path("id").asText(),
                    "note", view.path("notes").get(0).path("id").asText()));
        }
        NewSession second = TestSessions.create();
        try (LiveClient facilitator = LiveClient.hello(base, second.code(), "facilitator", second.facilitatorSecret())) {
            ack(facilitator.call("setSeries", "series", series));
        }

        ChromeDriver driver = openProjector(second);
        assertTrue(driver.findElement(testId("earlier-outcomes")).getAttribute("hidden") != null,
                "the projector starts in its live view");
        WebElement toggle = driver.findElement(testId("toggle-earlier-outcomes"));
        toggle.click();

        WebElement panel = waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(testId("earlier-outcomes")));
        waitOn(driver).until(d -> panel.getText().contains(perspective));
        String text = panel.getText();
        assertTrue(text.contains(series), text);
        assertTrue(text.contains("Aan de bijeenkomst namen 3 deelnemers deel."), text);
        assertTrue(text.contains("Doelen van re-integratie"), text);
        assertTrue(text.contains("Gemeente"), text);
        assertTrue(text.contains("Uitvoering"), text);
        assertTrue(text.contains("“" + quote + "”"), "the quote in typographic quotes: " + text);
        assertFalse(driver.findElement(By.id("live-view")).isDisplayed(), "the live view steps aside");
        assertFalse(driver.findElement(testId("earlier-outcomes-empty")).isDisplayed());
        Browsers.screenshot(driver, "projector-earlier-outcomes");

        toggle.click();
        waitOn(driver).until(ExpectedConditions.invisibilityOfElementLocated(testId("earlier-outcomes")));
        assertTrue(driver.findElement(testId("join-code")).isDisplayed(), "back to the live view");
    }

    @Test
    void aSessionInNoSeriesSaysHowToLinkSessions() throws Exception {
        NewSession alone = TestSessions.create();
        ChromeDriver driver = openProjector(alone);
        driver.findElement(testId("toggle-earlier-outcomes")).click();

        WebElement empty = waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(testId("earlier-outcomes-empty")));
        assertTrue(empty.getText().contains("niet bij een traject"), empty.getText());
        assertTrue(empty.getText().contains("Traject"), "it tells how to link sessions: " + empty.getText());
        assertTrue(driver.findElements(By.cssSelector("[data-testid='earlier-contribution']")).isEmpty());
        Browsers.screenshot(driver, "projector-earlier-outcomes-empty");
    }
}
