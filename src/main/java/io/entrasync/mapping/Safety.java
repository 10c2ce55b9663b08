package io.entrasync.mapping;

/**
 * Limits on deactivations per run; a run over either is BLOCKED until approved.
 *
 * @param maxDeactivations       default 50
 * @param maxDeactivationPercent default 10 (percent of the tenant's active synced accounts)
 */
public record Safety(int maxDeactivations, int maxDeactivationPercent) {

    public static final Safety DEFAULTS = new Safety(50, 10);
}
