package io.entrasync.fleet;

import io.entrasync.notify.NotificationStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The facts about one tenant the fleet view judges it by, and the states they add up to. Plain Java: the facts are
 * read fleet-wide elsewhere (one query each), this only decides.
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
        if (!valid) {
            states.add(TenantState.INVALID);
        }
        if (held) {
            states.add(TenantState.HELD);
        }
        if (failuresInRow >= properties.failingAfter()) {
            states.add(TenantState.FAILING);
        }
        if (notificationProblem(notifications) != null) {
            states.add(TenantState.NOTIFICATIONS_BROKEN);
        }
        if (!valid) {
            // an invalid file cannot sync at all: "invalid" says why, "never synced" or "stale" would only repeat it
        } else if (lastSuccessAt == null) {
            states.add(TenantState.NEVER_SYNCED);
        } else if (lastSuccessAt.isBefore(now.minus(properties.staleAfter()))) {
            states.add(TenantState.STALE);
        }
        if (states.isEmpty()) {
            states.add(TenantState.OK);
        }
        return states;
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
