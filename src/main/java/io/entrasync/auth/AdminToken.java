package io.entrasync.auth;

import io.entrasync.config.EntraSyncProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The static admin token: break-glass access and the zero-setup demo; acts as Admin (actor kind
 * {@code admin-token}). Taken from {@code entra-sync.admin-token}; when that is blank a random one is generated and
 * logged once at start-up, so the zero-setup run is usable and never open. A configured token shorter than
 * {@value #MIN_LENGTH} characters stops the start-up: a short shared secret is guessable. Switched off with
 * {@code entra-sync.auth.admin-token-enabled=false}; then no token matches.
 */
@Component
public class AdminToken {

    /** The shortest token accepted, in characters. */
    public static final int MIN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] expected;

    AdminToken(EntraSyncProperties properties, AuthProperties auth) {
        String configured = properties.adminToken();
        if (!auth.adminTokenEnabled()) {
            this.expected = null;
            log.info("The static admin token is switched off (entra-sync.auth.admin-token-enabled=false)");
            if (!auth.issuerConfigured()) {
                log.warn("The static admin token is off and no issuer is configured: only existing API keys can call "
                        + "the API, and none can create new ones");
            }
            return;
        }
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No entra-sync.admin-token (ENTRA_SYNC_ADMIN_TOKEN) configured; generated admin token for this run: {}",
                    configured);
        } else if (configured.length() < MIN_LENGTH) {
            throw new IllegalStateException("ENTRA_SYNC_ADMIN_TOKEN (entra-sync.admin-token) is " + configured.length()
                    + " characters long; it must be at least " + MIN_LENGTH + " (e.g. the output of `openssl rand -hex 32`),"
                    + " or leave it empty to have one generated, or switch it off with"
                    + " ENTRA_SYNC_AUTH_ADMIN_TOKEN_ENABLED=false");
        }
        this.expected = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the static token works at all. */
    public boolean enabled() {
        return expected != null;
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    public boolean matches(String presented) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
