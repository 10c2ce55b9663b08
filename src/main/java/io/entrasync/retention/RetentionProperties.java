package io.entrasync.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.retention.*}.
 *
 * @param quietRuns     ended runs without any change row are kept this long ({@code ENTRA_SYNC_RETENTION_QUIET_RUNS})
 * @param changeRuns    ended runs with change rows (applied, planned, dry), and those rows, are kept this long
 *                      ({@code ENTRA_SYNC_RETENTION_CHANGE_RUNS})
 * @param inboundEmail  received mail is kept this long ({@code ENTRA_SYNC_RETENTION_INBOUND_EMAIL})
 * @param alerts        sent alerts and their delivery records are kept this long ({@code ENTRA_SYNC_RETENTION_ALERTS});
 *                      a tenant's open conditions are state, not history, and stay
 * @param batchSize     rows deleted per statement (runs per batch; change rows are deleted in batches of it too)
 * @param maxBatches    batches per kind and pass: a pass deletes at most batchSize × maxBatches of each kind; the
 *                      rest waits for the next pass
 * @param interval      how often a pass runs (on one replica)
 */
@ConfigurationProperties("entra-sync.retention")
public record RetentionProperties(@DefaultValue("7d") Duration quietRuns, @DefaultValue("180d") Duration changeRuns,
                                  @DefaultValue("365d") Duration inboundEmail, @DefaultValue("365d") Duration alerts,
                                  @DefaultValue("1000") int batchSize,
                                  @DefaultValue("100") int maxBatches, @DefaultValue("1h") Duration interval) {

    public RetentionProperties {
        positive("quiet-runs", quietRuns);
        positive("change-runs", changeRuns);
        positive("inbound-email", inboundEmail);
        positive("alerts", alerts);
        positive("interval", interval);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("entra-sync.retention.batch-size must be 1 to 10000, was " + batchSize);
        }
        if (maxBatches < 1) {
            throw new IllegalArgumentException("entra-sync.retention.max-batches must be at least 1, was " + maxBatches);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("entra-sync.retention." + name + " must be positive, was " + value);
        }
    }

    /** How much one pass may delete. */
    Limits limits() {
        return new Limits(batchSize, maxBatches);
    }

    /** Rows per statement and statements (batches) per kind in one pass. */
    record Limits(int batchSize, int maxBatches) {
    }
}
