package nl.waterline.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import nl.waterline.session.JoinCodes;

import java.net.URI;

/** Short, typeable addresses for people; the pages themselves live under /ui/. */
@Path("/")
public class Pages {

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/ui/index.html")).build();
    }

    @GET
    @Path("join")
    public Response join() {
        return Response.seeOther(URI.create("/ui/join.html")).build();
    }

    @GET
    @Path("j/{code}")
    public Response joinWithCode(@PathParam("code") String code) {
        String target = JoinCodes.normalise(code).map(c -> "/ui/join.html?code=" + c).orElse("/ui/join.html");
        return Response.seeOther(URI.create(target)).build();
    }
}
