package nl.waterline.web;

import nl.waterline.live.SessionOwner;
import nl.waterline.session.ErrorCode;
import nl.waterline.session.Refusal;
import nl.waterline.session.Secrets;
import nl.waterline.session.Session;

import java.util.function.Function;

/**
 * REST calls of the facilitator carry the facilitator secret as a bearer token, never in the URL.
 * The check and the read happen in one step on the session's owner, so nothing is read for a wrong secret.
 */
final class FacilitatorSecret {

    private FacilitatorSecret() {
    }

    /** The hash of the presented bearer token, or null when there is none. */
    static String hashOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String token = authorization.substring("Bearer ".length()).strip();
        return token.isEmpty() ? null : Secrets.hash(token);
    }

    /** Reads the session for its facilitator; {@code WRONG_SECRET} for anyone else. */
    static <T> T read(SessionOwner owner, String authorization, String refusal, Function<Session, T> reader) {
        String hash = hashOf(authorization);
        return SessionResource.await(owner.read(s -> {
            if (hash == null || !s.isFacilitatorSecretHash(hash)) {
                throw new Refusal(ErrorCode.WRONG_SECRET, refusal);
            }
            return reader.apply(s);
        }));
    }
}
