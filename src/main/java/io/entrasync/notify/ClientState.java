package io.entrasync.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The shared secret Graph echoes in every notification of a subscription. It is generated here (256 random bits,
 * 43 URL-safe characters, within Graph's 128-character limit), sent to Graph once when the subscription is created,
 * and stored only as its SHA-256: the value is random, so a plain hash cannot be reversed by guessing, and a stolen
 * database row cannot forge a notification. Never logged; {@link #toString()} hides it.
 */
final class ClientState {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ClientState(String value) {
        this.value = value;
    }

    /** A fresh random clientState. */
    static ClientState generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ClientState(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The value to send to Graph in the subscription's {@code clientState}. */
    String value() {
        return value;
    }

    /** What the database keeps: the SHA-256 of the value, lower-case hex. */
    String hash() {
        return hash(value);
    }

    static String hash(String clientState) {
        return DigestUtils.sha256Hex(clientState);
    }

    /**
     * Whether a notification's clientState matches the stored hash, compared in constant time (the hashes have equal
     * length whatever was sent, so neither the content nor the length of the secret leaks through timing).
     */
    static boolean matches(String received, String storedHash) {
        if (received == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(received).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ClientState[hidden]";
    }
}
