package io.entrasync.fleet;

import io.entrasync.notify.NotificationStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The facts about one tenant the fleet view and the alerts judge it by, and the states they add up to: the one
 * definition of each {@link TenantState} ({@link #in}). Plain Java: the facts are read fleet-wide elsewhere (one query
 * each), this only decides.
 *
 * @param valid          its mapping file is valid
 * @param held           it has a hold (pending or rejected)
 * @param failuresInRow  FAILED runs since its newest run that ended otherwise
 * @param notifications  its change-notification state; null when unknown (a file without a tenant key)
 * @param lastSuccessAt  when its newest successful run finished; null when none did
 */
public record TenantConditions(boolean valid, boolean held, int failuresInRow, NotificationStatus notifications,
                               Instant lastSuccessAt) {

    /** Every state that applies, {@link TenantState#OK} alone when none does. */
    public Set<TenantState> states(FleetProperties properties, Instant now) {
        Set<TenantState> states = EnumSet.noneOf(TenantState.class);
        for (TenantState state : TenantState.values()) {
            if (state != TenantState.OK && in(state, properties, now)) {
                states.add(state);
            }
        }
        if (states.isEmpty()) {
            states.add(TenantState.OK);
        }
        return states;
    }

    /**
     * Whether the tenant is in {@code state} at {@code now}: the one definition of each state. The fleet view
     * ({@link #states}) and the alerts ({@code alert/ConditionRules}, for held, failing, invalid and
     * notifications-broken) both ask here, so a tenant the page shows {@code failing} is the one alerted as failing.
     */
    public boolean in(TenantState state, FleetProperties properties, Instant now) {
        return switch (state) {
            case INVALID -> !valid;
            case HELD -> held;
            case FAILING -> failuresInRow >= properties.failingAfter();
            case NOTIFICATIONS_BROKEN -> notificationProblem(notifications) != null;
            // an invalid file cannot sync at all: "invalid" says why, "never synced" or "stale" would only repeat it
            case NEVER_SYNCED -> valid && lastSuccessAt == null;
            case STALE -> valid && lastSuccessAt != null && lastSuccessAt.isBefore(now.minus(properties.staleAfter()));
            case OK -> states(properties, now).contains(TenantState.OK);
        };
    }

    /**
     * Why the tenant's change notifications are broken, or null when they are not: a problem is on record (creation
     * refused, renewal failed: the first one), or subscriptions that existed have expired or gone. A tenant whose
     * notifications are on but not subscribed yet (before its first renewal pass) is not broken. The one rule of the
     * fleet view and of the alerts ({@code notifications-broken}).
     */
    public static String notificationProblem(NotificationStatus notifications) {
        if (notifications == null) {
            return null;
        }
        if (!notifications.errors().isEmpty()) {
            return notifications.errors().get(0);
        }
        return notifications.enabled() && notifications.expiresAt() != null && !notifications.active()
                ? "a change-notification subscription has expired or is gone (soonest expiry "
                + notifications.expiresAt() + ")" : null;
    }
}
