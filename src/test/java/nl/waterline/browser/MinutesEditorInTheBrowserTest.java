package nl.waterline.browser;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facilitator turns captured quotes into minutes in the editor, and the edits are kept. */
@QuarkusTest
class MinutesEditorInTheBrowserTest {

    @TestHTTPResource("/")
    URI base;

    private ChromeDriver laptop;

    @BeforeEach
    void needsChromium() {
        Browsers.assumeAvailable();
    }

    @AfterEach
    void close() {
        if (laptop != null) {
            laptop.quit();
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @Test
    void aPerspectiveWithItsQuoteIsWrittenAndKept() throws Exception {
        NewSession s = TestSessions.create();
        String quote = "Doelen op papier leven niet";
        try (LiveClient facilitator = LiveClient.hello(base, s.code(), "facilitator", s.facilitatorSecret())) {
            facilitator.sendRaw("{\"type\":\"addNote\",\"id\":\"n1\",\"kind\":\"QUOTE\",\"text\":\"" + quote + "\","
                    + "\"group\":\"gemeente\",\"role\":\"uitvoering\",\"issue\":\"doelen-van-re-integratie\"}");
            assertEquals("ack", facilitator.awaitMatching(f -> "n1".equals(f.path("id").asText()), "note ack").path("type").asText());
        }
        laptop = Browsers.open(1280, 1000, "nl");
        String code = s.compactCode();
        String page = base.toString().replaceAll("/$", "") + "/ui/minutes.html?code=" + code;
        laptop.get(page);
        ((JavascriptExecutor) laptop).executeScript("localStorage.setItem(arguments[0], arguments[1]);",
                "waterline.facilitator." + code, s.facilitatorSecret());
        laptop.navigate().refresh();

        By issue = By.cssSelector("[data-issue='doelen-van-re-integratie']");
        WebElement section = waitOn(laptop).until(ExpectedConditions.visibilityOfElementLocated(issue));
        WebElement intro = section.findElement(testId("issue-intro"));
        intro.sendKeys("Verschillende stakeholders stellen verschillende doelen centraal.");
        new Select(section.findElement(testId("new-perspective-group"))).selectByValue("gemeente");
        waitOn(laptop).until(d -> new Select(section.findElement(testId("new-perspective-role"))).getOptions().stream()
                .anyMatch(o -> "uitvoering".equals(o.getAttribute("value"))));
        new Select(section.findElement(testId("new-perspective-role"))).selectByValue("uitvoering");
        section.findElement(testId("new-perspective-text")).sendKeys("Ook vrijwilligerswerk is een doel");
        section.findElement(testId("add-perspective")).click();

        By row = By.cssSelector("[data-issue='doelen-van-re-integratie'] [data-group='gemeente'] [data-perspective]");
        WebElement perspective = waitOn(laptop).until(ExpectedConditions.visibilityOfElementLocated(row));
        Select quotes = new Select(perspective.findElement(testId("quote-select")));
        quotes.getOptions().stream().filter(o -> o.getText().contains(quote)).findFirst().orElseThrow().click();
        perspective.findElement(testId("attach-quote")).click();
        waitOn(laptop).until(d -> d.findElement(row).findElements(By.cssSelector("[data-quote]")).size() == 1);
        Browsers.screenshot(laptop, "minutes-editor");

        laptop.navigate().refresh();
        WebElement again = waitOn(laptop).until(ExpectedConditions.visibilityOfElementLocated(row));
        assertTrue(again.getText().contains("Ook vrijwilligerswerk is een doel") || again.findElement(testId("perspective-text"))
                .getAttribute("value").contains("Ook vrijwilligerswerk is een doel"), "the perspective is kept");
        waitOn(laptop).until(d -> d.findElement(issue).findElement(testId("issue-intro")).getAttribute("value")
                .contains("verschillende doelen"));

        String markdown = given().header("Authorization", "Bearer " + s.facilitatorSecret())
                .get("/api/sessions/" + s.code() + "/minutes.md").then().statusCode(200).extract().asString();
        assertTrue(markdown.contains("Ook vrijwilligerswerk is een doel"));
        assertTrue(markdown.contains(quote));
        assertTrue(markdown.contains("Verschillende stakeholders stellen verschillende doelen centraal."));
    }
}
