package nl.waterline.live;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    @OnOpen
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

    @OnTextMessage
    void onText(String text, WebSocketConnection connection) {
        MessageRate rate = rates.computeIfAbsent(connection.id(), id -> new MessageRate(messagesPerSecond, messageBurst, System::nanoTime));
        if (!rate.tryAcquire()) {
            reply(connection, Frames.error(null, ErrorCode.TOO_MANY_MESSAGES, "too many messages; slow down"));
            return;
        }
        CommandParser.Frame frame;
        try {
            frame = CommandParser.parse(text);
        } catch (CommandParser.BadFrame bad) {
            reply(connection, Frames.error(bad.id(), bad.code(), bad.getMessage()));
            return;
        }
        Client client = clients.get(connection.id());
        if (frame instanceof CommandParser.Hello hello) {
            if (client != null) {
                reply(connection, Frames.error(hello.id(), ErrorCode.ALREADY_GREETED, "this connection already said hello"));
                return;
            }
            greet(hello, connection);
            return;
        }
        CommandParser.Command command = (CommandParser.Command) frame;
        if (client == null) {
            reply(connection, Frames.error(command.id(), ErrorCode.HELLO_REQUIRED, "send hello with your secret first"));
            return;
        }
        String commandKey = client.attachment().key() + ":" + command.id();
        client.owner().submit(client.attachment().actor(), command.command(), commandKey).whenComplete((version, failure) -> {
            if (failure == null) {
                client.outbox().send(Frames.ack(command.id(), version));
            } else {
                Refusal refusal = refusalOf(failure);
                client.outbox().send(Frames.error(command.id(), refusal.code(), refusal.getMessage()));
            }
        });
    }

    /**
     * Blocks this connection's worker until the session has checked the secret, so a command sent
     * right after hello is never mistaken for one without hello; other connections are unaffected.
     */
    private void greet(CommandParser.Hello hello, WebSocketConnection connection) {
        SessionOwner owner;
        try {
            owner = registry.owner(connection.pathParam("code"), clientAddress(connection));
        } catch (Refusal refusal) {
            refuseAndClose(connection, refusal);
            return;
        }
        Outbox outbox = new Outbox(
                frame -> connection.sendText(frame).subscribeAsCompletionStage(),
                () -> connection.close().subscribe().with(ok -> { }, err -> { }));
        try {
            SessionOwner.Attachment attachment = owner.attach(hello.audience(), Secrets.hash(hello.secret()), outbox)
                    .get(10, TimeUnit.SECONDS);
            clients.put(connection.id(), new Client(owner, outbox, attachment));
            if (!connection.isOpen()) {
                forget(connection);
            }
        } catch (ExecutionException e) {
            owner.detach(outbox);
            refuseAndClose(connection, refusalOf(e.getCause()));
        } catch (TimeoutException e) {
            owner.detach(outbox);
            refuseAndClose(connection, new Refusal(ErrorCode.SESSION_BUSY, "the session did not answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            owner.detach(outbox);
        }
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
    void onClose(WebSocketConnection connection) {
        forget(connection);
    }

    @OnError
    void onError(WebSocketConnection connection, Throwable error) {
        LOG.debugf("connection %s failed: %s", connection.id(), error.toString());
        forget(connection);
    }

    private void forget(WebSocketConnection connection) {
        rates.remove(connection.id());
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
