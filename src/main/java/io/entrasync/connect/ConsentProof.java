package io.entrasync.connect;

import io.entrasync.graph.MspTenantReader;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Proves an admin consent instead of trusting the callback's {@code tenant}: a token for that tenant id with the MSP
 * app and the tenant's {@code GET /organization}. Right after a consent the app's new service principal is still
 * propagating and the token endpoint refuses for a while (AADSTS7000229: no service principal; 700016: app not found
 * in the directory; 65001: no consent yet); those refusals are retried with a doubling wait for at most
 * {@link ConnectProperties#consentWait()} in all. Any other refusal ends the proof at once.
 */
@Component
class ConsentProof {

    /** Entra's codes while a consented app's service principal propagates. */
    static final Set<String> PROPAGATING = Set.of("AADSTS7000229", "AADSTS700016", "AADSTS65001");
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConsentProof.class);

    private final MspTenantReader reader;
    private final ConnectProperties properties;
    private final ConnectTime time;

    ConsentProof(MspTenantReader reader, ConnectProperties properties, ConnectTime time) {
        this.reader = reader;
        this.properties = properties;
        this.time = time;
    }

    /**
     * @return the organization Graph answered (its id may differ from the connection's tenant id: the caller checks)
     * @throws DirectorySourceException the last refusal, when it was not a propagation delay or the time is up
     */
    MspTenantReader.Organization organization(TenantConnection tenant) {
        Instant deadline = time.now().plus(properties.consentWait());
        Duration wait = properties.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return reader.organization(tenant);
            } catch (DirectorySourceException e) {
                Instant now = time.now();
                if (!PROPAGATING.contains(e.errorCode()) || !now.plus(wait).isBefore(deadline)) {
                    throw e;
                }
                log.info("Tenant {} ({}): the token endpoint answered {} (attempt {}); the consented app is still "
                        + "propagating, retrying in {} ms", tenant.tenantKey(), tenant.tenantId(), e.errorCode(),
                        attempt, wait.toMillis());
                pause(wait, e);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private void pause(Duration wait, DirectorySourceException last) {
        try {
            time.pause(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw last;
        }
    }
}
