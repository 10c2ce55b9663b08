package io.entrasync.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.schedule.*} (Quartz itself is configured under {@code spring.quartz.*}).
 *
 * @param reconcileInterval how often the Quartz jobs and triggers are brought in step with the mapping files
 *                          ({@code ENTRA_SYNC_SCHEDULE_RECONCILE_INTERVAL}, default 30s)
 */
@ConfigurationProperties("entra-sync.schedule")
public record ScheduleProperties(@DefaultValue("30s") Duration reconcileInterval) {

    public ScheduleProperties {
        if (reconcileInterval == null || reconcileInterval.isNegative() || reconcileInterval.isZero()) {
            throw new IllegalArgumentException("entra-sync.schedule.reconcile-interval must be positive, was "
                    + reconcileInterval);
        }
    }
}
