package nl.waterline.session;

/** A command or request the server refuses; nothing was changed. */
public class Refusal extends RuntimeException {

    private final ErrorCode code;

    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
