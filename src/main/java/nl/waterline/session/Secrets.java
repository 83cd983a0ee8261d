package nl.waterline.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets are 128 random bits; only their SHA-256 hash is kept, so a copy of the database does not
 * let anyone act as a facilitator or participant. A fast hash is enough because the secrets are random,
 * not chosen by people.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final java.util.regex.Pattern CLIENT_SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{22,64}");

    /**
     * A secret a phone chose itself (so that a join retried after a lost answer is recognised): base64url,
     * 22 to 64 characters, i.e. at least 128 bits when the phone drew it at random as it should.
     */
    public static String clientSecret(String secret) {
        if (secret == null || !CLIENT_SECRET.matcher(secret).matches()) {
            throw new Refusal(ErrorCode.INVALID_VALUE, "secret must be 22 to 64 base64url characters");
        }
        return secret;
    }

    public static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
