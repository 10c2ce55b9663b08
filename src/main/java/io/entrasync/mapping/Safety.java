package io.entrasync.mapping;

/**
 * Limits on deactivations per run; a run over either is BLOCKED (its tenant held) until approved.
 *
 * @param maxDeactivations       default 50
 * @param maxDeactivationPercent default 10 (percent of the tenant's active synced accounts)
 * @param approvers              how many different people must approve a held plan before it is applied, 1 to 5
 *                               (default 1); the admin token and API keys never count as a person
 */
public record Safety(int maxDeactivations, int maxDeactivationPercent, int approvers) {

    public static final int MAX_APPROVERS = 5;
    public static final Safety DEFAULTS = new Safety(50, 10, 1);

    /** Limits with the default of one approver. */
    public Safety(int maxDeactivations, int maxDeactivationPercent) {
        this(maxDeactivations, maxDeactivationPercent, 1);
    }
}
