package nl.waterline.live;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address phones use to reach Waterline. On a facilitator's laptop that is its address on the
 * venue Wi-Fi, never "localhost"; on a hosted server it is the configured public base URL.
 */
@ApplicationScoped
public class JoinLinks {

    @ConfigProperty(name = "waterline.public-base-url")
    Optional<String> publicBaseUrl;

    private volatile String base;

    public String baseUrl() {
        String b = base;
        if (b == null) {
            b = publicBaseUrl.map(u -> u.replaceAll("/+$", ""))
                    .orElseGet(() -> "http://" + lanAddress().orElse("localhost") + ":" + port());
            base = b;
        }
        return b;
    }

    public String joinUrl(String code) {
        return baseUrl() + "/j/" + code;
    }

    public int port() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
    }

    /** A site-local IPv4 address of an interface that is up: what a phone on the same Wi-Fi can reach. */
    static Optional<String> lanAddress() {
        try {
            List<InetAddress> candidates = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(JoinLinks::usable)
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .sorted(Comparator.comparing((InetAddress a) -> !a.isSiteLocalAddress()))
                    .toList();
            return candidates.stream().findFirst().map(InetAddress::getHostAddress);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface i) {
        try {
            String name = i.getName();
            return i.isUp() && !i.isLoopback() && !i.isVirtual()
                    && !name.startsWith("docker") && !name.startsWith("br-") && !name.startsWith("veth");
        } catch (SocketException e) {
            return false;
        }
    }
}
