package nl.waterline.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import nl.waterline.live.SessionRegistry;
import nl.waterline.minutes.SeriesReport;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.JoinCodes;
import nl.waterline.session.Refusal;
import nl.waterline.session.Session;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Series (trajecten): sessions that share a series name. The report across them is for organisers;
 * a session's facilitator may show the outcomes of the earlier sessions of its series to the room.
 */
@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    @Inject
    SessionRegistry registry;

    @Inject
    OrganiserAccess organisers;

    public record SeriesSummary(String series, List<String> sessions) {
    }

    @GET
    public List<SeriesSummary> list(@HeaderParam(OrganiserAccess.HEADER) String key, @Context HttpServerRequest http) {
        organisers.require(http, key);
        Map<String, List<String>> bySeries = new TreeMap<>();
        for (Session s : registry.rebuildAll()) {
            if (s.series() != null) {
                bySeries.computeIfAbsent(s.series(), k -> new java.util.ArrayList<>()).add(JoinCodes.display(s.joinCode()));
            }
        }
        return bySeries.entrySet().stream().map(e -> new SeriesSummary(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/report")
    public SeriesReport report(@QueryParam("name") String name, @HeaderParam(OrganiserAccess.HEADER) String key,
                               @Context HttpServerRequest http) {
        organisers.require(http, key);
        if (name == null || name.isBlank()) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "name (the series) is required");
        }
        List<Session> sessions = registry.rebuildAll().stream().filter(s -> name.strip().equals(s.series())).toList();
        if (sessions.isEmpty()) {
            throw new Refusal(ErrorCode.UNKNOWN_SESSION, "no sessions in series '" + name + "'");
        }
        return SeriesReport.of(name.strip(), sessions);
    }
}
