package nl.waterline.live;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.JoinCodes;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import nl.waterline.session.Session;
import nl.waterline.session.SessionEvent;
import nl.waterline.session.SessionStore;
import nl.waterline.template.SessionTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions this node owns. A session is loaded from the store the first time someone asks for
 * it (so start-up does not grow with the number of finished sessions) and from then on has exactly
 * one {@link SessionOwner}.
 */
@ApplicationScoped
public class SessionRegistry {

    @Inject
    SessionStore store;

    @Inject
    JoinLinks links;

    @ConfigProperty(name = "waterline.live.view-interval-ms", defaultValue = "100")
    long viewIntervalMillis;

    @ConfigProperty(name = "waterline.live.phone-view-interval-ms", defaultValue = "500")
    long phoneViewIntervalMillis;

    /** The slowest the phones' room view gets while the node is behind on sending ({@link PhonePacing}). */
    @ConfigProperty(name = "waterline.live.phone-view-max-interval-ms", defaultValue = "5000")
    long phoneViewMaxIntervalMillis;

    @ConfigProperty(name = "waterline.live.writer-threads", defaultValue = "4")
    int writerThreads;

    private final ConcurrentHashMap<String, SessionOwner> owners = new ConcurrentHashMap<>();
    private volatile ExecutorService writers;
    private volatile ScheduledExecutorService timer;
    private volatile PhonePacing phonePacing;

    /** What the facilitator gets back once: the secret is not kept anywhere but as a hash. */
    public record Created(SessionOwner owner, String sessionId, String code, String facilitatorSecret) {
    }

    public Created create(SessionTemplate template, String title, String language) {
        String code = newUniqueCode();
        String secret = Secrets.newSecret();
        SessionEvent.SessionCreated created = new SessionEvent.SessionCreated(Secrets.newId("s-"), code, title,
                language, template, Secrets.hash(secret), Instant.now());
        store.create(created);
        SessionOwner owner = newOwner(List.of(new SessionStore.Stored(created, null)), code);
        owners.put(code, owner);
        return new Created(owner, created.sessionId(), code, secret);
    }

    private String newUniqueCode() {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = JoinCodes.newCode();
            if (!owners.containsKey(code) && !store.joinCodeTaken(code)) {
                return code;
            }
        }
        throw new IllegalStateException("no free join code after 20 attempts");
    }

    @ConfigProperty(name = "waterline.join.wrong-codes-per-address-per-minute", defaultValue = "30")
    int wrongCodesPerAddress;

    @ConfigProperty(name = "waterline.join.wrong-codes-per-minute", defaultValue = "600")
    int wrongCodesGlobal;

    private volatile CodeGuessLimiter guesses;

    /**
     * The owner of the session with this code, as typed by a person at {@code clientAddress}. Wrong codes
     * are counted per address and in total, so join codes cannot be found by guessing.
     */
    public SessionOwner owner(String typedCode, String clientAddress) {
        CodeGuessLimiter limiter = guesses();
        limiter.check(clientAddress);
        try {
            return owner(typedCode);
        } catch (Refusal refusal) {
            if (refusal.code() == ErrorCode.UNKNOWN_SESSION) {
                limiter.recordFailure(clientAddress);
            }
            throw refusal;
        }
    }

    private CodeGuessLimiter guesses() {
        if (guesses == null) {
            synchronized (this) {
                if (guesses == null) {
                    guesses = new CodeGuessLimiter(wrongCodesPerAddress, wrongCodesGlobal, System::currentTimeMillis);
                }
            }
        }
        return guesses;
    }

    /** Whether this node holds the session already, so that getting its owner does not touch the store. */
    public boolean isLoaded(String typedCode) {
        return JoinCodes.normalise(typedCode).map(owners::containsKey).orElse(true);
    }

    /** The owner of the session with this code, loading it if needed; for callers that already proved access. */
    public SessionOwner owner(String typedCode) {
        String code = JoinCodes.normalise(typedCode).orElseThrow(SessionRegistry::unknown);
        SessionOwner owner = owners.get(code);
        if (owner != null) {
            return owner;
        }
        synchronized (owners) {
            owner = owners.get(code);
            if (owner == null) {
                owner = store.load(code).map(history -> newOwner(history, code)).orElseThrow(SessionRegistry::unknown);
                owners.put(code, owner);
            }
            return owner;
        }
    }

    /** The session as the store has it, rebuilt without touching the live one: what a restart would bring back. */
    public Optional<Session> rebuildFromStore(String code) {
        return store.load(code).map(history -> Session.replay(history.stream().map(SessionStore.Stored::event).toList()));
    }

    /**
     * Every stored session as rebuilt from the store: private copies, safe to read together on any thread
     * (for reports across sessions; the live sessions are never touched).
     */
    public List<Session> rebuildAll() {
        return store.joinCodes().stream().map(this::rebuildFromStore).flatMap(Optional::stream).toList();
    }

    /** Deletes a session with all its data; its screens are disconnected and it can never be opened again. */
    public void delete(String code) {
        String canonical = JoinCodes.normalise(code).orElseThrow(SessionRegistry::unknown);
        synchronized (owners) {
            SessionOwner owner = owners.remove(canonical);
            if (owner != null) {
                owner.close();
            }
            store.delete(canonical);
        }
    }

    /** Deletes every session created before {@code moment}; returns how many. */
    public int deleteCreatedBefore(Instant moment) {
        List<String> expired = store.joinCodesCreatedBefore(moment);
        expired.forEach(this::delete);
        return expired.size();
    }

    private static Refusal unknown() {
        return new Refusal(ErrorCode.UNKNOWN_SESSION, "there is no session with this code");
    }

    private SessionOwner newOwner(List<SessionStore.Stored> history, String code) {
        return new SessionOwner(history, store, writers(), timer(), viewIntervalMillis, phonePacing(), links.joinUrl(code));
    }

    /** One pace for all sessions of this node: they share its event loops. */
    PhonePacing phonePacing() {
        if (phonePacing == null) {
            synchronized (this) {
                if (phonePacing == null) {
                    phonePacing = new PhonePacing(phoneViewIntervalMillis, Math.max(phoneViewIntervalMillis, phoneViewMaxIntervalMillis),
                            1000, TimeUnit.MILLISECONDS, System.nanoTime());
                }
            }
        }
        return phonePacing;
    }

    private ExecutorService writers() {
        if (writers == null) {
            synchronized (this) {
                if (writers == null) {
                    AtomicInteger n = new AtomicInteger();
                    writers = Executors.newFixedThreadPool(writerThreads, r -> daemon(r, "waterline-writer-" + n.incrementAndGet()));
                }
            }
        }
        return writers;
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            synchronized (this) {
                if (timer == null) {
                    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "waterline-view-timer"));
                }
            }
        }
        return timer;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (writers != null) {
            writers.shutdown();
        }
    }
}
