package nl.waterline.live;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Browsers send cookies-free WebSocket handshakes from any page that knows the address, so a hostile
 * page on the venue Wi-Fi could open live connections in a participant's browser. A browser handshake
 * (one with an Origin header) is accepted only from Waterline's own pages or from configured origins.
 * Handshakes without an Origin come from programs, not from pages, and still need a secret to do anything.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    @ConfigProperty(name = "waterline.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        String host = context.httpRequest().getHeader("Host");
        return allowed(origin, host, allowedOrigins.orElse(List.of())) ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(403);
    }

    static boolean allowed(String origin, String host, List<String> configured) {
        if (origin == null) {
            return true;
        }
        String normalised = origin.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (configured.stream().anyMatch(o -> o.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "").equals(normalised))) {
            return true;
        }
        try {
            URI uri = URI.create(normalised);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String requestHost = host.strip().toLowerCase(Locale.ROOT);
            return originHost.equals(requestHost) || originHost.equals(withoutDefaultPort(requestHost, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        if (("http".equals(scheme) || "ws".equals(scheme)) && host.endsWith(":80")) {
            return host.substring(0, host.length() - 3);
        }
        if (("https".equals(scheme) || "wss".equals(scheme)) && host.endsWith(":443")) {
            return host.substring(0, host.length() - 4);
        }
        return host;
    }
}
