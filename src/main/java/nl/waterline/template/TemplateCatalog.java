package nl.waterline.template;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/** The templates of the configured folder, read once at start-up; broken files are logged and listed, never used. */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    @ConfigProperty(name = "waterline.templates-dir", defaultValue = "session-templates")
    String folder;

    private volatile TemplateSet templates;

    void onStart(@Observes StartupEvent event) {
        current();
    }

    public TemplateSet current() {
        TemplateSet loaded = templates;
        if (loaded == null) {
            synchronized (this) {
                if (templates == null) {
                    templates = new TemplateLoader().loadDirectory(Path.of(folder));
                    templates.problems().forEach(p -> LOG.error("Session template not loaded: " + p));
                    LOG.infof("Loaded %d session templates from %s", templates.templates().size(),
                            Path.of(folder).toAbsolutePath().normalize());
                }
                loaded = templates;
            }
        }
        return loaded;
    }
}
