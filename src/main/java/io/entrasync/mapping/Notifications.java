package io.entrasync.mapping;

import java.net.URI;

/**
 * A tenant's Graph change notifications ({@code notifications:} in its mapping file).
 *
 * @param enabled   default true: the tenant is subscribed whenever a public URL is known (its own or the service's
 *                  {@code entra-sync.notifications.public-base-url}); false: scheduled deltas only, and existing
 *                  subscriptions are deleted
 * @param publicUrl the service's public base URL for this tenant's notifications (https; http only on a loopback
 *                  host, for the simulator); null: the service-wide one
 */
public record Notifications(boolean enabled, URI publicUrl) {

    public static final Notifications DEFAULTS = new Notifications(true, null);
}
