package nl.waterline.web;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Only in the training run that writes the class-data-sharing archive ({@code src/build/CdsArchive.java}):
 * Java 17 leaves every class that was loaded but never linked out of a dynamic archive, and the classes of
 * Quarkus's own class loader are not linked for it at exit. Hibernate, H2 and Jackson load thousands of
 * classes at start-up without linking them, so each start parsed them from the jars again. Asking for a
 * class's declared members links it; this does that, just before the JVM writes the archive, for every class
 * the training run loaded (the JVM's class-load log names them).
 */
@ApplicationScoped
public class ClassDataSharingTraining {

    private static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (?:file:|jar:)");

    @ConfigProperty(name = "waterline.cds.link-classes-of")
    Optional<String> classLoadLog;

    void onStart(@Observes StartupEvent event) {
        classLoadLog.ifPresent(log -> {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> linkAll(Path.of(log), loader), "cds-link"));
        });
    }

    /** Links the classes the log says were loaded from a jar or folder; returns how many it linked. */
    static int linkAll(Path log, ClassLoader loader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return 0;
        }
        int linked = 0;
        for (String line : lines) {
            Matcher m = LOADED.matcher(line);
            if (!m.find()) {
                continue;
            }
            try {
                Class.forName(m.group(1), false, loader).getDeclaredFields();
                linked++;
            } catch (Throwable unlinkable) {
                // a class that cannot be linked stays out of the archive, as before
            }
        }
        Logger.getLogger(ClassDataSharingTraining.class).infof("Linked %d loaded classes for the class-data-sharing archive", linked);
        return linked;
    }
}
