package io.entrasync.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.audit.*}.
 *
 * @param retention how long audit events are kept ({@code ENTRA_SYNC_AUDIT_RETENTION}, default 365 days); older ones
 *                  are deleted by the history retention job ({@code retention/RetentionJob}, every
 *                  {@code entra-sync.retention.interval})
 */
@ConfigurationProperties("entra-sync.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("entra-sync.audit.retention must be positive, not " + retention);
        }
    }
}
