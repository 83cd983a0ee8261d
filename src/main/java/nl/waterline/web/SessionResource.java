package nl.waterline.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import nl.waterline.live.JoinLinks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.waterline.live.SessionOwner;
import nl.waterline.live.SessionRegistry;
import nl.waterline.live.Views;
import nl.waterline.session.Actor;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.JoinCodes;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import nl.waterline.session.SessionCommand;
import nl.waterline.session.TextRules;
import nl.waterline.template.SessionTemplate;
import nl.waterline.template.TemplateCatalog;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creating, describing and joining sessions. Everything live happens over the WebSocket. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SessionRegistry registry;

    @Inject
    TemplateCatalog templates;

    @Inject
    OrganiserAccess organisers;

    @Inject
    JoinLinks links;

    public record CreateSessionRequest(String templateId, String title, String language) {
    }

    public record CreatedSession(String sessionId, String code, String facilitatorSecret, String joinUrl,
                                 String facilitatorUrl, String projectorUrl) {
    }

    /** {@code secret}: optional, chosen by the phone so that a retried join is recognised (docs/protocol.md). */
    public record JoinRequest(String name, String group, String role, String secret) {
    }

    public record Joined(String participantId, String secret) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSessionRequest request, @HeaderParam(OrganiserAccess.HEADER) String organiserKey,
                           @Context HttpServerRequest http) {
        organisers.require(http, organiserKey);
        if (request == null) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "a JSON body with templateId is required");
        }
        String templateId = TextRules.required(request.templateId(), "templateId", 60);
        SessionTemplate template = templates.current().byId(templateId)
                .orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_TEMPLATE, "there is no template '" + templateId + "'"));
        String language = request.language() == null ? template.defaultLanguage() : request.language();
        if (!language.equals("nl") && !language.equals("en")) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "language must be nl or en");
        }
        String title = TextRules.clean(request.title(), "title", TextRules.MAX_TITLE);
        if (title.isEmpty()) {
            title = template.title().in(language);
        }
        SessionRegistry.Created created = registry.create(template, title, language);
        String code = created.code();
        return Response.status(201).entity(new CreatedSession(created.sessionId(), JoinCodes.display(code),
                created.facilitatorSecret(), links.joinUrl(code), "/ui/facilitator.html?code=" + code,
                "/ui/projector.html?code=" + code)).build();
    }

    @GET
    @Path("/{code}")
    public Views.SessionInfo info(@PathParam("code") String code, @Context HttpServerRequest http) {
        return await(registry.owner(code, clientAddress(http)).info());
    }

    @POST
    @Path("/{code}/participants")
    @Consumes(MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.Blocking // finding the session may load it from the store
    public CompletionStage<Response> join(@PathParam("code") String code, JoinRequest request, @Context HttpServerRequest http) {
        SessionOwner owner = registry.owner(code, clientAddress(http));
        if (request == null) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "a JSON body with group and role is required");
        }
        String participantId = Secrets.newId("p-");
        boolean chosen = request.secret() != null;
        String secret = chosen ? Secrets.clientSecret(request.secret()) : Secrets.newSecret();
        String secretHash = Secrets.hash(secret);
        // Answered when the join is stored, without holding a worker thread meanwhile (a room of phones
        // joining at once must not be bounded by the worker pool), on the request's own event loop.
        java.util.concurrent.Executor answerOn = nl.waterline.live.EventLoops.current();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        // The same secret is the same participant (Session.decide): a retry gets the first join's answer.
        owner.submitThenRead(Actor.NEWCOMER, new SessionCommand.Join(participantId, secretHash,
                        request.name(), request.group(), request.role(), Instant.now()),
                        s -> s.participantBySecretHash(secretHash).map(p -> p.id()).orElse(null))
                .orTimeout(10, TimeUnit.SECONDS)
                .whenCompleteAsync((joined, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(asRefusal(failure));
                    } else if (joined == null) {
                        answer.completeExceptionally(new Refusal(ErrorCode.WRONG_SECRET, "this participant was removed"));
                    } else if (!joined.equals(participantId)) {
                        answer.complete(Response.ok(new Joined(joined, secret)).build());
                    } else {
                        answer.complete(Response.status(201).entity(new Joined(participantId, secret)).build());
                    }
                }, answerOn);
        return answer;
    }

    public record NoteTakerCreated(String secret) {
    }

    /** A note-taker gets a secret of their own, so the facilitator's secret never leaves the facilitator's laptop. */
    @POST
    @Path("/{code}/note-takers")
    public Response addNoteTaker(@PathParam("code") String code, @HeaderParam("Authorization") String authorization,
                                 @Context HttpServerRequest http) {
        SessionOwner owner = registry.owner(code, clientAddress(http));
        FacilitatorSecret.read(owner, authorization, "only the facilitator of this session can add a note-taker", s -> Boolean.TRUE);
        String secret = Secrets.newSecret();
        await(owner.submit(Actor.FACILITATOR, new SessionCommand.AddNoteTaker(Secrets.hash(secret))));
        return Response.status(201).entity(new NoteTakerCreated(secret)).build();
    }

    /** The facilitator deletes the session and everything in it; screens are disconnected. */
    @jakarta.ws.rs.DELETE
    @Path("/{code}")
    public Response delete(@PathParam("code") String code, @HeaderParam("Authorization") String authorization,
                           @Context HttpServerRequest http) {
        SessionOwner owner = registry.owner(code, clientAddress(http));
        FacilitatorSecret.read(owner, authorization, "only the facilitator of this session can delete it", s -> Boolean.TRUE);
        registry.delete(code);
        return Response.noContent().build();
    }

    @GET
    @Path("/{code}/qr.svg")
    @Produces("image/svg+xml")
    public Response qr(@PathParam("code") String code, @Context HttpServerRequest http) {
        String canonical = await(registry.owner(code, clientAddress(http)).read(s -> s.joinCode()));
        return Response.ok(QrCodes.svg(links.joinUrl(canonical))).header("Cache-Control", "max-age=3600").build();
    }

    static String clientAddress(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /** What to answer when a session command failed or timed out: its refusal, or the unexpected failure itself. */
    static Throwable asRefusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new Refusal(ErrorCode.SESSION_BUSY, "the session did not answer in time; try again");
        }
        return cause;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new Refusal(ErrorCode.SESSION_BUSY, "the session did not answer in time; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(ErrorCode.SESSION_BUSY, "interrupted");
        }
    }
}
