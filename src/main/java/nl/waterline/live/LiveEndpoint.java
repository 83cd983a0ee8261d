package nl.waterline.live;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The live connection of every screen: one path per session. The endpoint only parses frames, hands
 * commands to the session's {@link SessionOwner} and sends back what it answers; it holds no session
 * state. Secrets come in the first frame, never in the URL, because URLs end up in logs.
 */
@WebSocket(path = "/live/{code}")
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class);

    @Inject
    SessionRegistry registry;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, MessageRate> rates = new ConcurrentHashMap<>();

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waterline.live.messages-per-second", defaultValue = "10")
    double messagesPerSecond;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waterline.live.message-burst", defaultValue = "30")
    double messageBurst;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waterline.live.hello-timeout", defaultValue = "10s")
    java.time.Duration helloTimeout;

    @Inject
    io.vertx.core.Vertx vertx;

    /** A connection that has not proved who it is by then (no valid hello) is closed: 1008, HELLO_REQUIRED. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waterline.live.silence-timeout", defaultValue = "50s")
    java.time.Duration silenceTimeout;

    private volatile Liveness liveness;

    /** Watches greeted connections for silence; started with the first connection (the endpoint is a singleton). */
    private Liveness liveness() {
        if (liveness == null) {
            synchronized (this) {
                if (liveness == null) {
                    Liveness watch = new Liveness(silenceTimeout.toNanos());
                    long every = Math.max(1000, silenceTimeout.toMillis() / 5);
                    vertx.setPeriodic(every, timer -> closeSilent(watch));
                    liveness = watch;
                }
            }
        }
        return liveness;
    }

    private void closeSilent(Liveness watch) {
        for (String id : watch.silent(System.nanoTime())) {
            Client client = clients.get(id);
            if (client != null) {
                LOG.debugf("connection %s silent for %s; closing it", id, silenceTimeout);
                client.outbox().close();
            }
        }
    }

    @OnPongMessage
    @NonBlocking
    void onPong(io.vertx.core.buffer.Buffer data, WebSocketConnection connection) {
        if (clients.containsKey(connection.id())) {
            liveness().heard(connection.id(), System.nanoTime());
        }
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        vertx.setTimer(Math.max(1, helloTimeout.toMillis()), timer -> {
            if (connection.isOpen() && !clients.containsKey(connection.id())) {
                refuseAndClose(connection, new Refusal(ErrorCode.HELLO_REQUIRED,
                        "no hello within " + helloTimeout.toSeconds() + " s"));
            }
        });
    }

    /** A connection after its hello: where to send, and who it proved to be. */
    private record Client(SessionOwner owner, Outbox outbox, SessionOwner.Attachment attachment) {
    }

    /**
     * Runs on the connection's event loop and never blocks it. Frames of one connection are handled one
     * after the other (WebSockets Next waits for the returned Uni), so a command sent right after hello
     * is handled once the hello has been answered; commands themselves are only queued here and
     * acknowledged when the session has stored them, so a phone may have several in flight.
     */
    @OnTextMessage
    Uni<Void> onText(String text, WebSocketConnection connection) {
        MessageRate rate = rates.computeIfAbsent(connection.id(), id -> new MessageRate(messagesPerSecond, messageBurst, System::nanoTime));
        if (!rate.tryAcquire()) {
            reply(connection, Frames.error(null, ErrorCode.TOO_MANY_MESSAGES, "too many messages; slow down"));
            return DONE;
        }
        CommandParser.Frame frame;
        try {
            frame = CommandParser.parse(text);
        } catch (CommandParser.BadFrame bad) {
            reply(connection, Frames.error(bad.id(), bad.code(), bad.getMessage()));
            return DONE;
        }
        Client client = clients.get(connection.id());
        if (client != null) {
            liveness().heard(connection.id(), System.nanoTime());
        }
        if (frame instanceof CommandParser.Hello hello) {
            if (client != null) {
                reply(connection, Frames.error(hello.id(), ErrorCode.ALREADY_GREETED, "this connection already said hello"));
                return DONE;
            }
            return greet(hello, connection);
        }
        CommandParser.Command command = (CommandParser.Command) frame;
        if (client == null) {
            reply(connection, Frames.error(command.id(), ErrorCode.HELLO_REQUIRED, "send hello with your secret first"));
            return DONE;
        }
        String commandKey = client.attachment().key() + ":" + command.id();
        client.owner().submitFrom(client.outbox(), client.attachment().actor(), command.command(), commandKey).whenComplete((ack, failure) -> {
            if (failure == null) {
                client.outbox().send(Frames.ack(command.id(), ack.version(), ack.you()));
            } else {
                Refusal refusal = refusalOf(failure);
                client.outbox().send(Frames.error(command.id(), refusal.code(), refusal.getMessage()));
            }
        });
        return DONE;
    }

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    /** Finds the session (loading it from the store on a worker thread if this node has not yet) and checks the secret. */
    private Uni<Void> greet(CommandParser.Hello hello, WebSocketConnection connection) {
        String code = connection.pathParam("code");
        String address = clientAddress(connection);
        // greet runs on the connection's event loop: sending to this screen will happen there, not on the session's writer.
        Executor sendOn = EventLoops.current();
        Uni<SessionOwner> owner = Uni.createFrom().item(() -> registry.owner(code, address));
        if (!registry.isLoaded(code)) {
            owner = owner.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return owner.onItem().transformToUni(found -> attach(found, hello, connection, sendOn))
                .onFailure().recoverWithItem(failure -> {
                    refuseAndClose(connection, refusalOf(failure));
                    return null;
                });
    }

    private Uni<Void> attach(SessionOwner owner, CommandParser.Hello hello, WebSocketConnection connection, Executor sendOn) {
        Outbox outbox = new Outbox(
                frame -> sendText(connection, frame),
                () -> connection.close().subscribe().with(ok -> { }, err -> { }),
                sendOn, System::nanoTime, registry.phonePacing()::recordSendWait);
        return Uni.createFrom().completionStage(() -> owner.attach(hello.audience(), Secrets.hash(hello.secret()), outbox))
                .ifNoItem().after(HELLO_ANSWER_TIMEOUT)
                .failWith(() -> new Refusal(ErrorCode.SESSION_BUSY, "the session did not answer in time"))
                .onItem().invoke(attachment -> {
                    clients.put(connection.id(), new Client(owner, outbox, attachment));
                    liveness().heard(connection.id(), System.nanoTime());
                    if (!connection.isOpen()) {
                        forget(connection);
                    }
                })
                .onFailure().invoke(failure -> owner.detach(outbox))
                .replaceWithVoid();
    }

    private static final Duration HELLO_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Sends one frame; completes when it is written. A plain future completed from the subscription: Mutiny's
     * {@code subscribeAsCompletionStage} wraps every frame's future for context propagation, which at ten
     * thousand screens was about a tenth of the server's CPU.
     */
    private static CompletionStage<Void> sendText(WebSocketConnection connection, String frame) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        connection.sendText(frame).subscribe().with(ok -> written.complete(null), written::completeExceptionally);
        return written;
    }

    /** The peer's address without its port ({@code remoteAddress()} is host:port, IPv6 hosts included). */
    private static String clientAddress(WebSocketConnection connection) {
        String remote = connection.handshakeRequest().remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        int colon = remote.lastIndexOf(':');
        return colon > 0 ? remote.substring(0, colon) : remote;
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        forget(connection);
    }

    @OnError
    @NonBlocking
    void onError(WebSocketConnection connection, Throwable error) {
        LOG.debugf("connection %s failed: %s", connection.id(), error.toString());
        forget(connection);
    }

    private void forget(WebSocketConnection connection) {
        rates.remove(connection.id());
        if (liveness != null) {
            liveness.forget(connection.id());
        }
        Client client = clients.remove(connection.id());
        if (client != null) {
            client.owner().detach(client.outbox());
        }
    }

    private static void reply(WebSocketConnection connection, String frame) {
        connection.sendText(frame).subscribe().with(ok -> { }, err -> { });
    }

    private void refuseAndClose(WebSocketConnection connection, Refusal refusal) {
        connection.sendText(Frames.error(null, refusal.code(), refusal.getMessage()))
                .chain(() -> connection.close(new CloseReason(1008,
                        refusal.code().name())))
                .subscribe().with(ok -> { }, err -> { });
    }

    private static Refusal refusalOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof Refusal refusal) {
            return refusal;
        }
        LOG.error("unexpected failure in a live command", cause);
        return new Refusal(ErrorCode.INTERNAL, "the server could not handle this");
    }
}
