package nl.waterline.session;

/** Stable error codes of the protocol (docs/protocol.md); clients translate them, so never rename one. */
public enum ErrorCode {
    MALFORMED_JSON(400, "Malformed request"),
    MISSING_FIELD(400, "Missing field"),
    UNKNOWN_MESSAGE_TYPE(400, "Unknown message type"),
    FRAME_TOO_LARGE(413, "Message too large"),
    HELLO_REQUIRED(400, "Say hello first"),
    ALREADY_GREETED(400, "Already connected"),
    UNKNOWN_SESSION(404, "Unknown session"),
    UNKNOWN_TEMPLATE(400, "Unknown template"),
    ORGANISER_KEY_REQUIRED(401, "Organiser key required"),
    WRONG_SECRET(401, "Wrong secret"),
    FORBIDDEN(403, "Not allowed for this role"),
    UNKNOWN_GROUP(400, "Unknown stakeholder group"),
    UNKNOWN_ROLE(400, "Unknown role"),
    INVALID_TEXT(400, "Invalid text"),
    TEXT_TOO_LONG(400, "Text too long"),
    UNKNOWN_TERM(400, "Unknown term"),
    OWN_WORD_NOT_ALLOWED(400, "Own words are not allowed"),
    TOO_MANY_PICKS(409, "Too many picks"),
    PICK_CONFLICT(409, "Term picked both MOST and LEAST"),
    PICKING_LOCKED(409, "Picking is locked"),
    INVALID_VALUE(400, "Invalid value"),
    SESSION_BUSY(503, "Session busy"),
    TOO_MANY_ATTEMPTS(429, "Too many attempts"),
    TOO_MANY_MESSAGES(429, "Too many messages"),
    JOINING_LOCKED(409, "Joining is closed"),
    SESSION_FULL(409, "Session full"),
    WRONG_PHASE(409, "Not in this phase"),
    NO_SUBGROUPS(409, "No subgroups yet"),
    UNKNOWN_SUBGROUP(400, "Unknown subgroup"),
    UNKNOWN_PARTICIPANT(400, "Unknown participant"),
    NOT_IN_SUBGROUP(409, "Not in a subgroup"),
    NO_SPEAKER(409, "Nobody is speaking"),
    SPEAKER_CANNOT_ASK(409, "The speaker explains, the others ask"),
    NOT_A_QUESTION(400, "Only clarifying questions"),
    NOT_THE_SPEAKER(403, "Not the speaker"),
    UNKNOWN_QUESTION(400, "Unknown question"),
    ROUND_FINISHED(409, "Round finished"),
    UNKNOWN_ISSUE(400, "Unknown issue"),
    UNKNOWN_NOTE(400, "Unknown note"),
    UNKNOWN_PERSPECTIVE(400, "Unknown perspective"),
    QUOTE_MISMATCH(409, "Quote does not fit"),
    INTERNAL(500, "Internal error");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
