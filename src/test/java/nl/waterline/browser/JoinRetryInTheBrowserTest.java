package nl.waterline.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.waterline.live.SessionRegistry;
import nl.waterline.web.TestSessions;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flaky venue network on the phone that joins: the server says yes but the answer never arrives, then
 * the server is briefly busy. The phone asks again with the secret it chose and kept before the first try,
 * and ends up as one participant.
 */
@QuarkusTest
class JoinRetryInTheBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry registry;

    private ChromeDriver phone;

    @BeforeEach
    void needsChromium() {
        Browsers.assumeAvailable();
    }

    @AfterEach
    void closeBrowser() {
        if (phone != null) {
            phone.quit();
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static WebElement visible(WebDriver driver, String id) {
        return waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /**
     * Wraps the page's fetch: the first join reaches the server but its answer is thrown away (what a Wi-Fi
     * hand-over does), the second gets a 503 without reaching the server, later ones go through. Records each
     * join body and what local storage held for the session when it was sent.
     */
    private static final String FLAKY_NETWORK = """
            const key = arguments[0];
            window.joins = [];
            window.storedWhenSent = [];
            const realFetch = window.fetch.bind(window);
            window.fetch = async (url, init) => {
              if (!String(url).endsWith('/participants') || init?.method !== 'POST') return realFetch(url, init);
              window.joins.push(JSON.parse(init.body));
              window.storedWhenSent.push(localStorage.getItem(key));
              const attempt = window.joins.length;
              if (attempt === 2) {
                return new Response(JSON.stringify({ code: 'SESSION_BUSY', status: 503 }),
                  { status: 503, headers: { 'Content-Type': 'application/problem+json' } });
              }
              const res = await realFetch(url, init);
              if (attempt === 1) {
                await res.text();
                throw new TypeError('Failed to fetch');
              }
              return res;
            };
            """;

    @Test
    void aLostJoinAnswerAndABusyServerStillMakeOneParticipant() throws Exception {
        TestSessions.NewSession s = TestSessions.create();
        String code = s.compactCode();
        phone = Browsers.open(390, 844, "nl");
        phone.get(base.toString().replaceAll("/$", "") + "/j/" + code);
        visible(phone, "display-name").sendKeys("Anne");
        new Select(phone.findElement(testId("group-select"))).selectByValue("gemeente");
        waitOn(phone).until(d -> new Select(d.findElement(testId("role-select"))).getOptions().stream()
                .anyMatch(o -> "uitvoering".equals(o.getAttribute("value"))));
        new Select(phone.findElement(testId("role-select"))).selectByValue("uitvoering");
        JavascriptExecutor js = phone;
        js.executeScript(FLAKY_NETWORK, "waterline.participant." + code);

        phone.findElement(testId("join-submit")).click();
        visible(phone, "mode-most");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> joins = (List<Map<String, Object>>) js.executeScript("return window.joins;");
        @SuppressWarnings("unchecked")
        List<String> stored = (List<String>) js.executeScript("return window.storedWhenSent;");
        assertEquals(3, joins.size(), "lost answer, busy server, then through: " + joins);
        String secret = (String) joins.get(0).get("secret");
        assertTrue(secret != null && secret.matches("[A-Za-z0-9_-]{22}"), "the phone chose a 128-bit base64url secret: " + secret);
        joins.forEach(j -> assertEquals(secret, j.get("secret"), "every retry carries the same secret"));
        assertTrue(stored.get(0) != null && stored.get(0).contains(secret), "the secret was kept before the first try: " + stored);

        int participants = registry.owner(code).read(session -> session.participants().size()).get(5, TimeUnit.SECONDS);
        assertEquals(1, participants, "one phone, one participant");
        String participantId = registry.owner(code).read(session -> session.participants().iterator().next().id())
                .get(5, TimeUnit.SECONDS);
        String identity = (String) js.executeScript("return localStorage.getItem(arguments[0]);", "waterline.participant." + code);
        assertTrue(identity.contains(participantId) && identity.contains(secret), identity);
        Browsers.screenshot(phone, "join-after-retries");
    }
}
