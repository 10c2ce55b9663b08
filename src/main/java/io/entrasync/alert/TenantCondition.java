package io.entrasync.alert;

import io.entrasync.fleet.TenantState;

/**
 * Why a tenant needs a person. Each is opened once and resolved once: a change of state is one alert.
 *
 * <p>Four are the fleet view's states ({@link #fleetState()}): whether they hold is decided by the fleet's one
 * definition ({@link io.entrasync.fleet.TenantConditions#in}) and the gauge tags them with the fleet's key, so the page
 * and the alerts cannot disagree. The differences are deliberate and kept here:
 * <ul>
 *   <li>{@link #HOLD_WAITING} is alert-only: a reminder about a held tenant, which the fleet view already shows as
 *       {@code held};</li>
 *   <li>the fleet's {@code never-synced} and {@code stale} raise no alert (the alerts the README lists are these five):
 *       a tenant whose runs fail is alerted as failing, and those who want to alert on the age of the last success
 *       have the gauge {@code entra_sync_tenant_last_success_timestamp_seconds}.</li>
 * </ul>
 */
public enum TenantCondition {
    /** A run ended BLOCKED: the tenant applies nothing until an admin decides. */
    HELD(TenantState.HELD, "is held", "is no longer held"),
    /** The last N runs in a row failed ({@code entra-sync.fleet.failing-after}). */
    FAILING(TenantState.FAILING, "is failing", "syncs again"),
    /** The tenant's mapping file does not validate: it does not sync at all. */
    MAPPING_INVALID(TenantState.INVALID, "has an invalid mapping", "has a valid mapping again"),
    /** Its subscriptions report an error, or subscriptions that existed have expired or gone. */
    NOTIFICATIONS_BROKEN(TenantState.NOTIFICATIONS_BROKEN, "has broken change notifications",
            "has working change notifications again"),
    /** A held plan has waited for a decision longer than the reminder threshold (a reminder; alert-only). */
    HOLD_WAITING(null, "has a held plan waiting for a decision", "has no held plan waiting any more");

    private final TenantState fleetState;
    private final String words;
    private final String resolvedWords;

    TenantCondition(TenantState fleetState, String words, String resolvedWords) {
        this.fleetState = fleetState;
        this.words = words;
        this.resolvedWords = resolvedWords;
    }

    /** The fleet view's state this condition is; null for {@link #HOLD_WAITING}, which has none. */
    public TenantState fleetState() {
        return fleetState;
    }

    /** "is no longer held": the sentence of the "resolved" message. */
    public String resolvedWords() {
        return resolvedWords;
    }

    /** The state's name as the gauge {@code entra_sync_tenant_state} tags it: the fleet's key where there is one. */
    public String state() {
        return fleetState == null ? "hold-waiting" : fleetState.key();
    }

    /** "is held": completes the sentence "tenant X ...". */
    public String words() {
        return words;
    }
}
