package nl.waterline.session;

/** A command or request the server refuses; nothing was changed. */
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final int retryAfterSeconds;

    public Refusal(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** A refusal that ends by itself: the client may try again after this many seconds (REST: Retry-After). */
    public Refusal(ErrorCode code, String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    /** Seconds until trying again can help, or 0 when waiting does not help by itself. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
