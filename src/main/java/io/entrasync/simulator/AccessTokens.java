package io.entrasync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the simulator's bearer tokens: {@code base64url(tenantId|expiry).base64url(HMAC)} with a key
 * made at start-up, so nothing is stored per token and a restarted simulator rejects old tokens.
 */
final class AccessTokens {

    static final int LIFETIME_SECONDS = 3599;

    private final byte[] key = new byte[32];
    private final Clock clock;

    AccessTokens(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    String issue(String tenantId) {
        long expiry = clock.instant().getEpochSecond() + LIFETIME_SECONDS;
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((tenantId + "|" + expiry).getBytes(StandardCharsets.UTF_8));
        return payload + "." + sign(payload);
    }

    /** The tenant id the token was issued for, or null if it is not valid (forged, expired, another run's). */
    String tenantOf(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || !MessageDigest.isEqual(sign(token.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8)
                .split("\\|");
        if (parts.length != 2 || Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
            return null;
        }
        return parts[0];
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
