package nl.waterline.start;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harnesses start the jar as the README tells a facilitator to; a README edit that drops a flag fails here. */
class ReadmeStartCommandTest {

    @Test
    void theReadmeStartsTheJarWithTheFlagsTheHarnessesUse() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String expected = "java " + String.join(" ", StartCommand.jarArguments(Path.of("target/quarkus-app/quarkus-run.jar")));
        assertTrue(readme.contains("./mvnw -B -q package -DskipTests && " + expected + "\n"),
                "README.md should start Waterline with: " + expected);
    }
}
