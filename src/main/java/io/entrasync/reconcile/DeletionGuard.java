package io.entrasync.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stops a run that would deactivate too many accounts. A run is allowed when it deactivates nothing, or when it
 * stays within <em>both</em> limits: at most {@code maxDeactivations} accounts and at most
 * {@code maxDeactivationPercent} percent of the tenant's active linked accounts. Approving a blocked run is the
 * caller's job.
 *
 * <ul>
 *   <li>0 planned deactivations is always allowed, whatever the limits (even on an empty tenant).</li>
 *   <li>{@code maxDeactivations = 0} or {@code maxDeactivationPercent = 0}: no deactivation without approval.</li>
 *   <li>{@code maxDeactivationPercent = 100}: the percentage never blocks, only the count does.</li>
 *   <li>The percentage is compared exactly (no rounding); the message shows it with one decimal.</li>
 *   <li>Planned deactivations above the active count (an empty tenant included) are inconsistent input and
 *       fail closed: counted as more than 100 % and therefore blocked.</li>
 * </ul>
 */
public final class DeletionGuard {

    private DeletionGuard() {
    }

    /**
     * @throws IllegalArgumentException for negative numbers or a percentage above 100
     */
    public static GuardVerdict check(long plannedDeactivations, long activeOwnedAccounts, int maxDeactivations,
            int maxDeactivationPercent) {
        requireNotNegative(plannedDeactivations, "plannedDeactivations");
        requireNotNegative(activeOwnedAccounts, "activeOwnedAccounts");
        requireNotNegative(maxDeactivations, "maxDeactivations");
        if (maxDeactivationPercent < 0 || maxDeactivationPercent > 100) {
            throw new IllegalArgumentException(
                    "maxDeactivationPercent must be between 0 and 100, was " + maxDeactivationPercent);
        }
        if (plannedDeactivations == 0) {
            return new GuardVerdict(true, "run deactivates no accounts");
        }
        boolean tooMany = plannedDeactivations > maxDeactivations;
        boolean tooLarge = plannedDeactivations > activeOwnedAccounts
                || BigDecimal.valueOf(plannedDeactivations).multiply(BigDecimal.valueOf(100))
                        .compareTo(BigDecimal.valueOf(maxDeactivationPercent)
                                .multiply(BigDecimal.valueOf(activeOwnedAccounts))) > 0;
        boolean allowed = !tooMany && !tooLarge;
        String message = "run would deactivate " + plannedDeactivations + " of " + activeOwnedAccounts
                + " active accounts (" + percent(plannedDeactivations, activeOwnedAccounts, tooLarge, maxDeactivationPercent)
                + "), "
                + (allowed ? "within the limit of " + maxDeactivations + " accounts and "
                        : "above the limit of " + maxDeactivations + " accounts or ")
                + maxDeactivationPercent + " %";
        return new GuardVerdict(allowed, message);
    }

    /** {@link #check} for the deactivations of {@code changes}. */
    public static GuardVerdict check(ChangeSet changes, long activeOwnedAccounts, int maxDeactivations,
            int maxDeactivationPercent) {
        return check(changes.deactivations(), activeOwnedAccounts, maxDeactivations, maxDeactivationPercent);
    }

    /** One decimal, rounded half up, except that a percentage above the limit is never shown as the limit. */
    private static String percent(long part, long whole, boolean aboveLimit, int limit) {
        if (whole == 0) {
            return "all";
        }
        BigDecimal exact = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100));
        BigDecimal shown = exact.divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
        if (aboveLimit && shown.compareTo(BigDecimal.valueOf(limit)) <= 0) {
            shown = exact.divide(BigDecimal.valueOf(whole), 1, RoundingMode.UP);
        }
        return shown.stripTrailingZeros().toPlainString() + " %";
    }

    private static void requireNotNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
