package io.entrasync.source;

import java.time.Instant;
import java.util.Optional;

/**
 * Graph change-notification subscriptions of a tenant ({@code GET/POST/PATCH/DELETE /subscriptions}). Every failure,
 * network faults included, throws {@link DirectorySourceException} with Graph's HTTP status (0: no answer) and error
 * code: 404 on a renewal means the subscription is gone (recreate it); 403 on a creation means a missing permission or
 * the quota of subscriptions per app and tenant.
 */
public interface ChangeSubscriptions {

    /**
     * What to subscribe to.
     *
     * @param resource                 {@code users} or {@code groups}
     * @param changeType               e.g. {@code updated,deleted}
     * @param notificationUrl          our public webhook URL
     * @param lifecycleNotificationUrl our public lifecycle webhook URL
     * @param clientState              the secret Graph echoes (never logged: {@link #toString()} hides it)
     * @param expiresAt                the wanted expiry (Graph's maximum for users and groups is 41,760 minutes)
     */
    record Request(String resource, String changeType, String notificationUrl, String lifecycleNotificationUrl,
                   String clientState, Instant expiresAt) {

        @Override
        public String toString() {
            return "Request[" + resource + " " + changeType + " -> " + notificationUrl + " until " + expiresAt + "]";
        }
    }

    /** A subscription Graph created: its id and the expiry it granted. */
    record Created(String id, Instant expiresAt) {
    }

    /** A subscription as Graph holds it ({@code GET /subscriptions/{id}}). */
    record Found(String id, String resource, Instant expiresAt, String notificationUrl) {
    }

    /**
     * The subscriptions this application holds in the tenant ({@code GET /subscriptions}, every page), to find ones
     * this service made but no longer knows.
     */
    java.util.List<Found> list(TenantConnection tenant);

    /**
     * The subscription as Graph holds it; empty when Graph no longer knows it (404). For users and groups Graph sends
     * no {@code subscriptionRemoved}, so asking is the only way to notice one it dropped.
     */
    Optional<Found> find(TenantConnection tenant, String subscriptionId);

    /** Creates a subscription; Graph validates {@code notificationUrl} (the handshake) before it answers. */
    Created create(TenantConnection tenant, Request request);

    /** Moves the expiry of a subscription (also what {@code reauthorizationRequired} asks for); answers the new one. */
    Instant renew(TenantConnection tenant, String subscriptionId, Instant expiresAt);

    /** Deletes a subscription; one Graph no longer knows (404) counts as deleted. */
    void delete(TenantConnection tenant, String subscriptionId);
}
