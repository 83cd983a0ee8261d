package nl.waterline.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.waterline.template.Localized;
import nl.waterline.template.TemplateCatalog;
import nl.waterline.template.TemplateProblem;

import java.util.List;

/** What the organiser home page needs: the templates to start from, and whether this client may. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    TemplateCatalog catalog;

    @Inject
    OrganiserAccess organisers;

    public record TemplateSummary(String id, String defaultLanguage, Localized title, Localized description) {
    }

    public record TemplateList(List<TemplateSummary> templates, List<TemplateProblem> problems) {
    }

    @GET
    @Path("/templates")
    public TemplateList templates() {
        var set = catalog.current();
        return new TemplateList(set.templates().stream()
                .map(t -> new TemplateSummary(t.id(), t.defaultLanguage(), t.title(), t.description()))
                .toList(), set.problems());
    }

    @GET
    @Path("/organiser")
    public Response organiser(@HeaderParam(OrganiserAccess.HEADER) String key, @Context HttpServerRequest http) {
        organisers.require(http, key);
        return Response.noContent().build();
    }
}
