package nl.waterline.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import nl.waterline.live.CodeGuessLimiter;
import nl.waterline.session.Refusal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

/**
 * Counts joins of a known code that are refused (invalid answers, session full, joining closed, a removed
 * secret) per client address; past the limit that address gets {@code 429 TOO_MANY_ATTEMPTS} with
 * {@code Retry-After} for the rest of the minute, before its body is even read. Wrong codes are counted
 * separately ({@link CodeGuessLimiter} in the session registry). The limit is generous: a whole venue may
 * share one address, and a closed or full session refuses honest phones too.
 */
@ApplicationScoped
public class FailedJoins {

    private static final Pattern JOIN = Pattern.compile("/?api/sessions/[^/]+/participants/?");
    private static final String ADDRESS = FailedJoins.class.getName() + ".address";

    @ConfigProperty(name = "waterline.join.failed-joins-per-address-per-minute", defaultValue = "100")
    int perAddressPerMinute;

    private volatile CodeGuessLimiter limiter;

    private CodeGuessLimiter limiter() {
        if (limiter == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new CodeGuessLimiter(perAddressPerMinute, Integer.MAX_VALUE, System::currentTimeMillis,
                            "too many refused joins from this address; wait a minute");
                }
            }
        }
        return limiter;
    }

    private static boolean isJoin(ContainerRequestContext request) {
        return "POST".equals(request.getMethod()) && JOIN.matcher(request.getUriInfo().getPath()).matches();
    }

    @ServerRequestFilter
    public Response before(ContainerRequestContext request, HttpServerRequest http) {
        if (!isJoin(request)) {
            return null;
        }
        String address = SessionResource.clientAddress(http);
        request.setProperty(ADDRESS, address);
        try {
            limiter().check(address);
            return null;
        } catch (Refusal refusal) {
            return Problems.of(refusal);
        }
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        Object address = request.getProperty(ADDRESS);
        int status = response.getStatus();
        // Refused by the session or its rules; not a wrong code (404, counted elsewhere), not our own 429,
        // not a server failure (5xx), which is no fault of the phone's.
        if (address != null && status >= 400 && status < 500 && status != 404 && status != 429) {
            limiter().recordFailure(address.toString());
        }
    }
}
