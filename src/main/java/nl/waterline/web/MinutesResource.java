package nl.waterline.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import nl.waterline.live.SessionOwner;
import nl.waterline.live.SessionRegistry;
import nl.waterline.minutes.CsvPicks;
import nl.waterline.minutes.DocxMinutes;
import nl.waterline.minutes.JsonMinutes;
import nl.waterline.minutes.Minutes;
import nl.waterline.minutes.MinutesBuilder;
import nl.waterline.minutes.MinutesDocuments;
import nl.waterline.minutes.SeriesReport;
import nl.waterline.session.Session;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.time.Instant;

/**
 * The minutes and the raw picks as downloads, for the facilitator of the session only. File names
 * carry the session title and date, so a folder of exported minutes sorts and reads well.
 */
@Path("/api/sessions/{code}")
public class MinutesResource {

    @Inject
    SessionRegistry registry;

    @Inject
    MinutesDocuments documents;

    private record Snapshot(Minutes minutes, List<CsvPicks.PickRow> picks) {
    }

    private Snapshot snapshot(String code, String authorization, HttpServerRequest http) {
        SessionOwner owner = registry.owner(code, SessionResource.clientAddress(http));
        return FacilitatorSecret.read(owner, authorization, "only the facilitator of this session can download its minutes",
                s -> new Snapshot(MinutesBuilder.build(s), MinutesBuilder.pickRows(s)));
    }

    @GET
    @Path("/minutes.html")
    public Response html(@PathParam("code") String code, @HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        Minutes m = snapshot(code, auth, http).minutes();
        return download(documents.html(m).getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", m, "html");
    }

    @GET
    @Path("/minutes.md")
    public Response markdown(@PathParam("code") String code, @HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        Minutes m = snapshot(code, auth, http).minutes();
        return download(documents.markdown(m).getBytes(StandardCharsets.UTF_8), "text/markdown; charset=UTF-8", m, "md");
    }

    @GET
    @Path("/minutes.docx")
    public Response docx(@PathParam("code") String code, @HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        Minutes m = snapshot(code, auth, http).minutes();
        return download(DocxMinutes.write(m), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", m, "docx");
    }

    @GET
    @Path("/minutes.json")
    public Response json(@PathParam("code") String code, @HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        Minutes m = snapshot(code, auth, http).minutes();
        return download(JsonMinutes.write(m).getBytes(StandardCharsets.UTF_8), "application/json", m, "json");
    }

    @GET
    @Path("/picks.csv")
    public Response csv(@PathParam("code") String code, @HeaderParam("Authorization") String auth, @Context HttpServerRequest http) {
        Snapshot s = snapshot(code, auth, http);
        return download(CsvPicks.write(s.picks()).getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8",
                s.minutes(), "picks.csv");
    }

    private static Response download(byte[] body, String type, Minutes m, String extension) {
        String name = fileName(m.title(), m.date().toString(), extension);
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@code sessie-utrecht-12-maart-2026-11-28.docx}: ASCII only, so every browser and file system accepts it. */
    static String fileName(String title, String date, String extension) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-$", "");
        }
        return (slug.isEmpty() ? "sessie" : slug) + "-" + date + "." + extension;
    }

    /** What the earlier sessions of this session's series brought up, to show the room (as the seed's research session did). */
    @GET
    @Path("/series-outcomes")
    @jakarta.ws.rs.Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    public SeriesReport earlierOutcomes(@PathParam("code") String code, @HeaderParam("Authorization") String authorization,
                                        @Context HttpServerRequest http) {
        SessionOwner owner = registry.owner(code, SessionResource.clientAddress(http));
        record This(String series, Instant createdAt) {
        }
        This self = FacilitatorSecret.read(owner, authorization, "only the facilitator of this session can see this",
                s -> new This(s.series(), s.createdAt()));
        List<Session> earlier = self.series() == null ? List.of() : registry.rebuildAll().stream()
                .filter(s -> Objects.equals(self.series(), s.series()) && s.createdAt().isBefore(self.createdAt()))
                .toList();
        return SeriesReport.of(self.series() == null ? "" : self.series(), earlier);
    }
}
