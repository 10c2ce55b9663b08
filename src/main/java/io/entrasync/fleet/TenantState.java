package io.entrasync.fleet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a tenant of the fleet needs, most urgent first: the order is the order of {@code sort=state} and picks a
 * tenant's main state when several apply (a held tenant whose runs also fail is shown {@code held}, and counted in
 * both).
 */
public enum TenantState {
    /** The mapping file is invalid: the tenant does not sync at all. */
    INVALID,
    /** A run was blocked by the deactivation limits: every run plans and applies nothing until an admin decides. */
    HELD,
    /** Its newest runs failed {@link FleetProperties#failingAfter()} times in a row. */
    FAILING,
    /** Change notifications are on but a subscription could not be made or renewed, or has expired. */
    NOTIFICATIONS_BROKEN,
    /** A valid tenant that succeeded once, but not for {@link FleetProperties#staleAfter()}. */
    STALE,
    /** A valid tenant no run of which ever succeeded. */
    NEVER_SYNCED,
    /** None of the above. */
    OK;

    /** The name used in the API and on the page: {@code notifications-broken}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<TenantState> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
