package nl.waterline.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Headless Debian Chromium for browser tests, never a downloaded browser. Without Chromium the tests
 * skip on a developer laptop, but fail in CI, where {@code WATERLINE_BROWSER_REQUIRED=true}.
 */
final class Browsers {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("WATERLINE_BROWSER_REQUIRED"))
                || "true".equalsIgnoreCase(System.getProperty("waterline.browser.required"));
    }

    static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && required()) {
            throw new IllegalStateException("Chromium is required (WATERLINE_BROWSER_REQUIRED) but "
                    + CHROMIUM + " or " + DRIVER + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "Chromium not installed; browser tests skipped");
    }

    /** A fresh browser with its own profile; {@code width}×{@code height} like the device it stands for. */
    static ChromeDriver open(int width, int height, String language) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = newProfile();
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--lang=" + language);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Under target/, not /tmp, where 1,073 profiles (2.7 GB) had gathered: a test ends its browser but not Chromium's
     * profile folder. The first browser of a test run removes the folders that earlier runs left.
     */
    private static synchronized Path newProfile() throws IOException {
        if (!earlierProfilesRemoved && Files.isDirectory(PROFILES)) {
            try (var old = Files.walk(PROFILES)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        earlierProfilesRemoved = true;
        return Files.createTempDirectory(Files.createDirectories(PROFILES), "profile-");
    }

    private static final Path PROFILES = Path.of("target", "chromium");
    private static boolean earlierProfilesRemoved;

    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
