package nl.waterline.session;

import nl.waterline.template.SessionTemplate;
import nl.waterline.template.TemplateLoader;

import java.nio.file.Path;
import java.time.Instant;

/** The seed's own session, as every test's starting point. */
public final class Fixtures {

    private Fixtures() {
    }

    public static SessionTemplate stakeholderTemplate() {
        try {
            return new TemplateLoader().load(Path.of("session-templates/stakeholdersessie.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static SessionEvent.SessionCreated created() {
        return new SessionEvent.SessionCreated("s-1", "K7PMQ2XD", "Test", "nl", stakeholderTemplate(),
                Secrets.hash("facilitator-secret"), Instant.parse("2026-11-28T10:00:00Z"));
    }
}
