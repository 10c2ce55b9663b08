package io.entrasync.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.fleet.*}: when a tenant of the fleet view needs attention.
 *
 * @param failingAfter a tenant whose newest runs failed this many times in a row is {@code failing}
 *                     ({@code ENTRA_SYNC_FLEET_FAILING_AFTER}, default 3)
 * @param staleAfter   a tenant without a successful run for this long is {@code stale}
 *                     ({@code ENTRA_SYNC_FLEET_STALE_AFTER}, default 24h)
 */
@ConfigurationProperties("entra-sync.fleet")
public record FleetProperties(@DefaultValue("3") int failingAfter, @DefaultValue("24h") Duration staleAfter) {

    public FleetProperties {
        if (failingAfter < 1) {
            throw new IllegalArgumentException("entra-sync.fleet.failing-after must be >= 1, was " + failingAfter);
        }
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("entra-sync.fleet.stale-after must be positive, was " + staleAfter);
        }
    }
}
