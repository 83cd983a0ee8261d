package nl.waterline.session;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Join codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I), 40 random bits. With
 * joins rate-limited, guessing a live session's code takes far more tries than anyone can send.
 */
public final class JoinCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCodes() {
    }

    /** A new code in its canonical form (no dash). */
    public static String newCode() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** What a person typed, in canonical form; empty when it cannot be a code. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }

    /** The code as people read it: {@code K7PM-Q2XD}. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
