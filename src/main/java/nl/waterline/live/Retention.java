package nl.waterline.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions hold what people said; they are kept for the retention period (default 90 days after the
 * session was created) and then deleted with all their data. Checked at start-up and every hour.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    SessionRegistry registry;

    @ConfigProperty(name = "waterline.retention-days", defaultValue = "90")
    int retentionDays;

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        if (retentionDays <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "waterline-retention");
            t.setDaemon(true);
            return t;
        });
        // First sweep a minute after start: a 90-day period does not need it sooner, and start-up stays quick.
        timer.scheduleWithFixedDelay(this::deleteExpired, 1, 60, TimeUnit.MINUTES);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Deletes the sessions older than the retention period, as of {@code now}. */
    public int deleteExpired(Instant now) {
        int deleted = registry.deleteCreatedBefore(now.minus(Duration.ofDays(retentionDays)));
        if (deleted > 0) {
            LOG.infof("Deleted %d sessions older than %d days", deleted, retentionDays);
        }
        return deleted;
    }

    private void deleteExpired() {
        try {
            deleteExpired(Instant.now());
        } catch (RuntimeException e) {
            LOG.error("retention run failed; trying again in an hour", e);
        }
    }
}
