package io.entrasync.web;

import io.entrasync.config.EntraSyncProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin API token. Taken from {@code entra-sync.admin-token}; when that is blank a random one is generated
 * and logged once at start-up, so the zero-setup run is usable and never open.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] expected;

    AdminToken(EntraSyncProperties properties) {
        String configured = properties.adminToken();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No entra-sync.admin-token (ENTRA_SYNC_ADMIN_TOKEN) configured; generated admin token for this run: {}",
                    configured);
        }
        this.expected = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
