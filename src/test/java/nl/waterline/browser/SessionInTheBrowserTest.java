package nl.waterline.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.waterline.web.TestSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A facilitator on a laptop and participants on phone-sized screens, in real headless Chromium:
 * what people see, not what the protocol says.
 */
@QuarkusTest
class SessionInTheBrowserTest {

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

    private ChromeDriver laptop() throws Exception {
        ChromeDriver driver = Browsers.open(1280, 900, "nl");
        browsers.add(driver);
        return driver;
    }

    private ChromeDriver phone() throws Exception {
        ChromeDriver driver = Browsers.open(390, 844, "nl");
        browsers.add(driver);
        return driver;
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

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** The organiser home creates the session and opens the facilitator page; returns the join code. */
    private String createSessionAsFacilitator(ChromeDriver facilitator) {
        facilitator.get(url("/"));
        WebElement key = visible(facilitator, "organiser-key");
        key.sendKeys(TestSessions.ORGANISER_KEY);
        waitOn(facilitator).until(d -> new Select(d.findElement(testId("template-select"))).getOptions().size() >= 4);
        new Select(facilitator.findElement(testId("template-select"))).selectByValue("stakeholdersessie");
        facilitator.findElement(testId("session-title")).sendKeys("Sessie in de browser");
        facilitator.findElement(testId("create-session")).click();
        waitOn(facilitator).until(ExpectedConditions.urlContains("facilitator.html"));
        WebElement code = visible(facilitator, "join-code");
        waitOn(facilitator).until(d -> code.getText().matches(".*[2-9A-Z]{4}-[2-9A-Z]{4}.*"));
        return code.getText().replaceAll(".*([2-9A-Z]{4}-[2-9A-Z]{4}).*", "$1");
    }

    private void joinOnPhone(ChromeDriver phone, String code, String name, String group, String role) {
        phone.get(url("/j/" + code.replace("-", "")));
        visible(phone, "display-name").sendKeys(name);
        new Select(phone.findElement(testId("group-select"))).selectByValue(group);
        waitOn(phone).until(d -> new Select(d.findElement(testId("role-select"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals(role)));
        new Select(phone.findElement(testId("role-select"))).selectByValue(role);
        phone.findElement(testId("join-submit")).click();
        visible(phone, "mode-most");
    }

    private static void tapTerm(WebDriver phone, String term) {
        WebElement button = waitOn(phone).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='term'][data-term='" + term + "']")));
        button.click();
    }

    private static String mostCount(WebDriver facilitator, String term) {
        List<WebElement> cells = facilitator.findElements(
                By.cssSelector("[data-testid='results'] [data-term='" + term + "'] [data-testid='most-count']"));
        return cells.isEmpty() ? "" : cells.get(0).getText().trim();
    }

    @Test
    void aPhoneJoinsAndPicksAndTheFacilitatorSeesTheCounts() throws Exception {
        ChromeDriver facilitator = laptop();
        String code = createSessionAsFacilitator(facilitator);
        ChromeDriver anne = phone();
        joinOnPhone(anne, code, "Anne", "gemeente", "uitvoering");

        anne.findElement(testId("mode-most")).click();
        tapTerm(anne, "Evidence-based werken");
        tapTerm(anne, "Praktijkkennis benutten");
        waitOn(anne).until(d -> d.findElement(testId("my-most")).getText().contains("Praktijkkennis benutten"));
        tapTerm(anne, "Verantwoorden");
        WebElement error = visible(anne, "error-message");
        assertTrue(error.getText().length() > 5, "a third MOST pick gets a friendly message: " + error.getText());
        anne.findElement(testId("mode-least")).click();
        tapTerm(anne, "Beleidsdoelen halen");
        waitOn(anne).until(d -> d.findElement(testId("my-least")).getText().contains("Beleidsdoelen halen"));
        Browsers.screenshot(anne, "participant-picks");

        waitOn(facilitator).until(d -> "1".equals(mostCount(d, "Evidence-based werken")));
        assertEquals("1", mostCount(facilitator, "Praktijkkennis benutten"));
        assertEquals("", mostCount(facilitator, "Verantwoorden").replace("0", ""), "the refused pick was not counted");
        WebElement gemeente = facilitator.findElement(
                By.cssSelector("[data-testid='attendance'] [data-group='gemeente'] [data-testid='group-count']"));
        assertEquals("1", gemeente.getText().trim());
        assertTrue(visible(facilitator, "missing-groups").getText().contains("UWV"),
                "missing expected groups are named");
        Browsers.screenshot(facilitator, "facilitator");
        // Anne's row: her picks came as changed rows after the list had arrived whole...
        By anneMost = By.cssSelector("[data-testid='participants'] li .picks-most .terms");
        By anneLeast = By.cssSelector("[data-testid='participants'] li .picks-least .terms");
        waitOn(facilitator).until(d -> d.findElement(anneMost).getText().equals("Evidence-based werken, Praktijkkennis benutten"));
        assertEquals("Beleidsdoelen halen", facilitator.findElement(anneLeast).getText());
        // ...and a reloaded facilitator page gets the whole list again
        facilitator.navigate().refresh();
        waitOn(facilitator).until(d -> !d.findElements(anneMost).isEmpty()
                && d.findElement(anneMost).getText().equals("Evidence-based werken, Praktijkkennis benutten"));
        assertEquals("Beleidsdoelen halen", facilitator.findElement(anneLeast).getText());
        assertEquals(1, facilitator.findElements(By.cssSelector("[data-testid='participants'] li")).size());

        anne.navigate().refresh();
        waitOn(anne).until(d -> d.findElement(testId("my-most")).getText().contains("Evidence-based werken"));
        assertTrue(anne.findElement(testId("my-least")).getText().contains("Beleidsdoelen halen"),
                "a reload brings the participant back with their picks");
        assertTrue(anne.findElements(testId("join-submit")).stream().noneMatch(WebElement::isDisplayed));
    }

    @Test
    void theProjectorShowsTheCodeAndQrAndResultsOnlyAfterReveal() throws Exception {
        ChromeDriver facilitator = laptop();
        String code = createSessionAsFacilitator(facilitator);
        ChromeDriver bert = phone();
        joinOnPhone(bert, code, "Bert", "uwv", "management");
        bert.findElement(testId("mode-least")).click();
        tapTerm(bert, "Verantwoorden");
        waitOn(bert).until(d -> d.findElement(testId("my-least")).getText().contains("Verantwoorden"));

        String facilitatorTab = facilitator.getWindowHandle();
        facilitator.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        facilitator.get(url("/ui/projector.html?code=" + code.replace("-", "")));
        waitOn(facilitator).until(d -> d.findElement(testId("join-code")).getText().contains(code));
        waitOn(facilitator).until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "const i = document.querySelector(\"[data-testid='qr']\"); return i.complete && i.naturalWidth > 0;"));
        assertTrue(visible(facilitator, "results-hidden").isDisplayed(), "results stay hidden until reveal");

        facilitator.switchTo().window(facilitatorTab);
        visible(facilitator, "reveal-results").click();
        for (String handle : facilitator.getWindowHandles()) {
            if (!handle.equals(facilitatorTab)) {
                facilitator.switchTo().window(handle);
            }
        }
        waitOn(facilitator).until(d -> !d.findElements(
                By.cssSelector("[data-testid='word-cloud'] [data-term='Verantwoorden']")).isEmpty());
        Browsers.screenshot(facilitator, "projector");
    }

    @Test
    void aHostileNameIsShownAsTextOnTheFacilitatorScreen() throws Exception {
        ChromeDriver facilitator = laptop();
        String code = createSessionAsFacilitator(facilitator);
        ChromeDriver mallory = phone();
        String hostile = "<img src=x onerror=alert(1)>";
        joinOnPhone(mallory, code, hostile, "szw", "beleid");
        waitOn(facilitator).until(d -> d.findElement(testId("participants")).getText().contains(hostile));
        assertTrue(facilitator.findElements(By.cssSelector("[data-testid='participants'] img")).isEmpty(),
                "no element was created from the name");
        Browsers.screenshot(facilitator, "facilitator-hostile-name");

        facilitator.findElement(By.cssSelector("[data-testid='participants'] [data-testid='remove-participant']")).click();
        waitOn(facilitator).until(ExpectedConditions.alertIsPresent()).accept();
        waitOn(facilitator).until(d -> d.findElements(By.cssSelector("[data-testid='participants'] li")).isEmpty());
        waitOn(mallory).until(d -> !d.findElements(testId("join-submit")).isEmpty()
                && d.findElement(testId("join-submit")).isDisplayed());
    }

    @Test
    void theFacilitatorClosesJoiningAndAPhoneIsToldPlainly() throws Exception {
        ChromeDriver facilitator = laptop();
        String code = createSessionAsFacilitator(facilitator);
        visible(facilitator, "lock-joining").click();
        waitOn(facilitator).until(d -> "true".equals(d.findElement(testId("lock-joining")).getAttribute("aria-pressed")));
        ChromeDriver late = phone();
        late.get(url("/j/" + code.replace("-", "")));
        visible(late, "display-name").sendKeys("Laat");
        new Select(late.findElement(testId("group-select"))).selectByValue("uwv");
        waitOn(late).until(d -> new Select(d.findElement(testId("role-select"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals("management")));
        new Select(late.findElement(testId("role-select"))).selectByValue("management");
        late.findElement(testId("join-submit")).click();
        WebElement error = visible(late, "error-message");
        assertEquals("JOINING_LOCKED", error.getAttribute("data-code"));
    }

    @Test
    void theJoinPageSwitchesToEnglish() throws Exception {
        ChromeDriver facilitator = laptop();
        String code = createSessionAsFacilitator(facilitator);
        ChromeDriver phone = phone();
        phone.get(url("/j/" + code.replace("-", "")));
        WebElement name = visible(phone, "display-name");
        String dutchLabel = phone.findElement(testId("join-submit")).getText();
        phone.findElement(By.cssSelector("[data-testid='lang-en']")).click();
        waitOn(phone).until(d -> !d.findElement(testId("join-submit")).getText().equals(dutchLabel));
        assertTrue(name.isDisplayed());
        Browsers.screenshot(phone, "join-english");
    }
}
