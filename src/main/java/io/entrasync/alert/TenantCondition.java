package io.entrasync.alert;

/**
 * Why a tenant needs a person. Each is opened once and resolved once: a change of state is one alert.
 * The fleet view's {@link io.entrasync.fleet.TenantState} shares its facts ({@code FleetRuns}) and its rule for
 * {@link #NOTIFICATIONS_BROKEN}; its {@code failing} threshold is {@code entra-sync.fleet.failing-after}.
 */
public enum TenantCondition {
    /** A run ended BLOCKED: the tenant applies nothing until an admin decides. */
    HELD("held", "is held", "is no longer held"),
    /** The last N runs in a row failed. */
    FAILING("failing", "is failing", "syncs again"),
    /** The tenant's mapping file does not validate: it does not sync at all. */
    MAPPING_INVALID("invalid", "has an invalid mapping", "has a valid mapping again"),
    /** Its subscriptions report an error, or subscriptions that existed have expired or gone. */
    NOTIFICATIONS_BROKEN("notifications-broken", "has broken change notifications",
            "has working change notifications again"),
    /** A held plan has waited for a decision longer than the reminder threshold (a reminder). */
    HOLD_WAITING("hold-waiting", "has a held plan waiting for a decision", "has no held plan waiting any more");

    private final String state;
    private final String words;
    private final String resolvedWords;

    TenantCondition(String state, String words, String resolvedWords) {
        this.state = state;
        this.words = words;
        this.resolvedWords = resolvedWords;
    }

    /** "is no longer held": the sentence of the "resolved" message. */
    public String resolvedWords() {
        return resolvedWords;
    }

    /** The state's name as the gauge {@code entra_sync_tenant_state} tags it. */
    public String state() {
        return state;
    }

    /** "is held": completes the sentence "tenant X ...". */
    public String words() {
        return words;
    }
}
