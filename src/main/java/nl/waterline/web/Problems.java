package nl.waterline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every REST error as RFC 9457 problem detail with the protocol's error code; never a stack trace. */
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);
    static final String PROBLEM_JSON = "application/problem+json";

    public static Response of(ErrorCode code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:waterline:error:" + code.name());
        body.put("title", code.title());
        body.put("status", code.httpStatus());
        body.put("detail", detail);
        body.put("code", code.name());
        return Response.status(code.httpStatus()).type(PROBLEM_JSON).entity(body).build();
    }

    /** The refusal as a problem; one that ends by itself carries {@code Retry-After}. */
    public static Response of(Refusal refusal) {
        Response problem = of(refusal.code(), refusal.getMessage());
        if (refusal.retryAfterSeconds() > 0) {
            return Response.fromResponse(problem).header("Retry-After", refusal.retryAfterSeconds()).build();
        }
        return problem;
    }

    @ServerExceptionMapper
    public Response refusal(Refusal refusal) {
        return of(refusal);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return of(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON of the expected shape");
    }

    /** More specific than Quarkus' own mapper for the same exception, which answers without a code. */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return of(ErrorCode.MALFORMED_JSON, "a field of the request body has the wrong type");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return Response.status(404).type(PROBLEM_JSON).entity(Map.of("type", "about:blank", "title", "Not found",
                    "status", 404, "code", "NOT_FOUND", "detail", "no such resource")).build();
        }
        if (status == 400) {
            return of(ErrorCode.MALFORMED_JSON, "the request could not be read");
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error in a REST call", e);
        return of(ErrorCode.INTERNAL, "the server could not handle this request");
    }
}
