package nl.waterline.web;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who may create sessions. Anyone on the venue Wi-Fi can reach Waterline, so creating a session needs
 * the organiser key, except from the machine Waterline runs on (the facilitator's laptop). On a hosted
 * server behind a proxy every request looks local, so there the key must be configured and loopback
 * trust switched off.
 */
@ApplicationScoped
public class OrganiserAccess {

    static final String HEADER = "X-Organiser-Key";

    @ConfigProperty(name = "waterline.organiser-key")
    Optional<String> configuredKey;

    @ConfigProperty(name = "waterline.trust-loopback", defaultValue = "true")
    boolean trustLoopback;

    private volatile String key;

    void onStart(@Observes StartupEvent event) {
        key();
    }

    public String key() {
        if (key == null) {
            key = configuredKey.filter(k -> !k.isBlank()).orElseGet(Secrets::newSecret);
        }
        return key;
    }

    public boolean keyWasGenerated() {
        return configuredKey.filter(k -> !k.isBlank()).isEmpty();
    }

    public void require(HttpServerRequest request, String presentedKey) {
        if (presentedKey != null && Secrets.constantTimeEquals(key(), presentedKey.strip())) {
            return;
        }
        if (trustLoopback && isLoopback(request)) {
            return;
        }
        throw new Refusal(ErrorCode.ORGANISER_KEY_REQUIRED,
                "creating a session needs the organiser key (printed when Waterline starts)");
    }

    private static boolean isLoopback(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
