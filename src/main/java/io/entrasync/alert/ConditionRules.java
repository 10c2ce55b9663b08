package io.entrasync.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a tenant's facts into its open conditions, each with a sentence saying why. Pure: no I/O, no clock of its
 * own.
 *
 * @param failuresInARow    failed runs in a row that make a tenant FAILING (at least 1)
 * @param holdReminderAfter how long a pending hold waits before HOLD_WAITING opens
 */
public record ConditionRules(int failuresInARow, Duration holdReminderAfter) {

    public ConditionRules {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException("failuresInARow must be at least 1, was " + failuresInARow);
        }
    }

    /** The tenant's open conditions at {@code now}, each with its detail; empty when it needs nobody. */
    public Map<TenantCondition, String> evaluate(TenantFacts facts, Instant now) {
        Map<TenantCondition, String> open = new EnumMap<>(TenantCondition.class);
        if (facts.heldSince() != null) {
            open.put(TenantCondition.HELD, "held since " + facts.heldSince() + ": " + facts.holdReason());
            Duration waited = Duration.between(facts.heldSince(), now);
            if (facts.holdPending() && waited.compareTo(holdReminderAfter) > 0) {
                open.put(TenantCondition.HOLD_WAITING, "the held plan has waited " + hours(waited)
                        + " for an approval or rejection");
            }
        }
        if (facts.failuresInARow() >= failuresInARow) {
            open.put(TenantCondition.FAILING, facts.failuresInARow() + " runs in a row failed; the newest: "
                    + facts.lastError());
        }
        if (facts.mappingError() != null) {
            open.put(TenantCondition.MAPPING_INVALID, facts.mappingError());
        }
        if (facts.notificationError() != null) {
            open.put(TenantCondition.NOTIFICATIONS_BROKEN, facts.notificationError());
        }
        return open;
    }

    private static String hours(Duration waited) {
        long hours = waited.toHours();
        return hours >= 48 ? (hours / 24) + " days" : hours + " hours";
    }
}
