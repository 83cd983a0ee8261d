package nl.waterline.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.live.LiveClient;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The venue Wi-Fi silently drops a phone: no close, no reset, bytes just stop. A word tapped meanwhile is
 * shown as not sent yet; the phone notices the dead connection by itself (no answer to its command), keeps
 * trying, and once the network is back it resyncs, says so, and the word is stored exactly once.
 */
@QuarkusTest
class NetworkDropInTheBrowserTest {

    @TestHTTPResource("/")
    URI base;

    private ChromeDriver phone;
    private FlakyNetwork network;

    @BeforeEach
    void needsChromium() {
        Browsers.assumeAvailable();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (phone != null) {
            phone.quit();
        }
        if (network != null) {
            network.close();
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(45));
    }

    private static String status(WebDriver page) {
        return page.findElement(testId("connection-status")).getAttribute("data-status");
    }

    @SuppressWarnings("unchecked")
    private List<String> statusLog() {
        return (List<String>) phone.executeScript("return window.statusLog;");
    }

    @Test
    void aWordTappedWhileTheNetworkIsGoneIsSentOnceWhenItIsBack() throws Exception {
        var s = TestSessions.create();
        var p = TestSessions.join(s, "Anne", "gemeente", "uitvoering");
        network = new FlakyNetwork(base.getPort());
        String code = s.compactCode();
        phone = Browsers.open(390, 844, "nl");
        phone.get("http://127.0.0.1:" + network.port() + "/ui/join.html?code=" + code);
        phone.executeScript("localStorage.setItem(arguments[0], arguments[1]);", "waterline.participant." + code,
                "{\"participantId\":\"" + p.participantId() + "\",\"secret\":\"" + p.secret() + "\"}");
        phone.navigate().refresh();
        waitOn(phone).until(d -> "online".equals(status(d)));
        phone.executeScript("""
                const node = document.querySelector("[data-testid='connection-status']");
                window.statusLog = [];
                new MutationObserver(() => window.statusLog.push((node.dataset.status || '') + '|' + (node.dataset.i18n || '')))
                  .observe(node, { attributes: true, childList: true, characterData: true, subtree: true });
                """);

        network.blackHole();
        String term = "Reflecteren";
        waitOn(phone).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='term'][data-term='" + term + "']"))).click();
        WebElement mine = waitOn(phone).until(d -> d.findElement(By.cssSelector("[data-testid='my-most'] li[data-term='" + term + "']")));
        assertTrue(mine.getAttribute("class").contains("pending"), "the word is marked as not yet sent");
        assertTrue(mine.findElement(By.cssSelector(".pick-pending")).isDisplayed(), "with a visible note");
        Browsers.screenshot(phone, "network-drop-pending");

        // No close event ever comes: the phone has to notice the silence itself, and says it is reconnecting.
        waitOn(phone).until(d -> statusLog().stream().anyMatch(x -> x.startsWith("reconnecting")));

        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            JsonNode view = facilitator.awaitView(v -> v.path("participants").size() == 1);
            assertEquals(0, view.path("participants").get(0).path("most").size(), "nothing got through while the network was gone");

            network.restore();
            waitOn(phone).until(d -> statusLog().contains("online|live.updated"));
            waitOn(phone).until(d -> !d.findElement(By.cssSelector("[data-testid='my-most'] li[data-term='" + term + "']"))
                    .getAttribute("class").contains("pending"));
            view = facilitator.awaitView(v -> v.path("participants").get(0).path("most").size() == 1);
            assertEquals("[\"" + term + "\"]", view.path("participants").get(0).path("most").toString());
            assertEquals(1, view.path("results").path("participantsWithPicks").asInt());
        }
        assertEquals(1, phone.findElements(By.cssSelector("[data-testid='my-most'] li")).size(), "the word shows once");
    }
}
