package io.entrasync.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.audit.*}.
 *
 * @param retention     how long audit events are kept ({@code ENTRA_SYNC_AUDIT_RETENTION}, default 365 days)
 * @param purgeInterval how often older events are deleted
 */
@ConfigurationProperties("entra-sync.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("entra-sync.audit.retention must be positive, not " + retention);
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalStateException("entra-sync.audit.purge-interval must be positive, not " + purgeInterval);
        }
    }
}
