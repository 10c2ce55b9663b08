package io.entrasync.alert;

import io.entrasync.fleet.FleetProperties;
import io.entrasync.fleet.TenantConditions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a tenant's facts into its open conditions, each with a sentence saying why. Whether a condition with a fleet
 * twin is open ({@link TenantCondition#fleetState()}: held, failing, invalid, notifications-broken) is decided by the
 * fleet view's one definition ({@link TenantConditions#in}); only the reminder {@link TenantCondition#HOLD_WAITING}
 * is judged here. Pure: no I/O, no clock of its own.
 *
 * @param fleet             the fleet view's thresholds ({@code entra-sync.fleet.*}: failing-after)
 * @param holdReminderAfter how long a pending hold waits before HOLD_WAITING opens
 */
public record ConditionRules(FleetProperties fleet, Duration holdReminderAfter) {

    /** The tenant's open conditions at {@code now}, each with its detail; empty when it needs nobody. */
    public Map<TenantCondition, String> evaluate(TenantFacts facts, Instant now) {
        Map<TenantCondition, String> open = new EnumMap<>(TenantCondition.class);
        TenantConditions judged = facts.conditions();
        for (TenantCondition condition : TenantCondition.values()) {
            if (condition.fleetState() != null && judged.in(condition.fleetState(), fleet, now)) {
                open.put(condition, detail(condition, facts));
            }
        }
        if (holdWaiting(facts, now)) {
            open.put(TenantCondition.HOLD_WAITING, "the held plan has waited "
                    + hours(Duration.between(facts.heldSince(), now)) + " for an approval or rejection");
        }
        return open;
    }

    /** A pending hold (not a rejected one: that waits for a mapping change, not for a decision) older than the limit. */
    private boolean holdWaiting(TenantFacts facts, Instant now) {
        return facts.heldSince() != null && facts.holdPending()
                && Duration.between(facts.heldSince(), now).compareTo(holdReminderAfter) > 0;
    }

    private static String detail(TenantCondition condition, TenantFacts facts) {
        return switch (condition) {
            case HELD -> "held since " + facts.heldSince() + ": " + facts.holdReason();
            case FAILING -> facts.failuresInARow() + " runs in a row failed; the newest: " + facts.lastError();
            case MAPPING_INVALID -> facts.mappingError();
            case NOTIFICATIONS_BROKEN -> TenantConditions.notificationProblem(facts.notifications());
            case HOLD_WAITING -> throw new IllegalArgumentException("hold-waiting has no fleet state");
        };
    }

    private static String hours(Duration waited) {
        long hours = waited.toHours();
        return hours >= 48 ? (hours / 24) + " days" : hours + " hours";
    }
}
