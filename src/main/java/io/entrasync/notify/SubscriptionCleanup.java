package io.entrasync.notify;

import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes at Graph the subscriptions this service no longer wants: a replaced one, one made twice or left behind (a
 * stray notifying this service), those of a tenant whose mapping was removed or became invalid (through the
 * connection stored beside them). A deletion Graph refuses is kept in {@link RetiredSubscriptions} and retried by each
 * pass until the subscription would have expired anyway. The per-subscription calls run holding the slot of their
 * tenant and resource ({@link SubscriptionSlots}); the retries need none (nothing else knows those ids).
 */
@Component
class SubscriptionCleanup {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionCleanup.class);

    private final Subscriptions subscriptions;
    private final RetiredSubscriptions retired;
    private final ChangeSubscriptions graph;
    private final Clock clock = Clock.systemUTC();

    SubscriptionCleanup(Subscriptions subscriptions, RetiredSubscriptions retired, ChangeSubscriptions graph) {
        this.subscriptions = subscriptions;
        this.retired = retired;
        this.graph = graph;
    }

    /** Deletes a subscription replaced by another at Graph; a refusal leaves it to the next passes. */
    void deleteReplaced(String tenant, String resource, String id, Instant expiresAt, TenantConnection connection) {
        try {
            graph.delete(connection, id);
            log.info("tenant '{}': replaced {} subscription {} deleted at Graph", tenant, resource, id);
        } catch (RuntimeException e) {
            retired.add(id, tenant, StoredConnection.encode(connection), expiresAt, describe(e), clock.instant());
            log.warn("tenant '{}': replaced {} subscription {} could not be deleted at Graph yet: {}", tenant,
                    resource, id, describe(e));
        }
    }

    /**
     * Deletes the tenant's other subscriptions of {@code resource} at Graph that notify {@code ours} (made twice by an
     * earlier release, or left when a row was lost). Call holding the slot, after the held row was read: a subscription
     * another replica is creating right now is committed as the held row before the slot is free, so it is never taken
     * for a stray. Answers how many were deleted (or handed to the retries).
     */
    int deleteStrays(String tenant, String resource, String heldId, String ours, List<ChangeSubscriptions.Found> atGraph,
                     TenantConnection connection, Instant fallbackExpiry) {
        int deleted = 0;
        for (ChangeSubscriptions.Found found : atGraph) {
            boolean sameResource = found.resource() != null
                    && found.resource().replaceFirst("^/", "").equalsIgnoreCase(resource);
            // compared without the query: a subscription made before the webhook key (or with an older key) is ours too
            if (sameResource && !found.id().equals(heldId)
                    && WebhookKey.withoutQuery(ours).equals(WebhookKey.withoutQuery(found.notificationUrl()))) {
                log.warn("tenant '{}': {} subscription {} at Graph notifies this service but is not the one it holds; "
                        + "deleting it", tenant, resource, found.id());
                deleteReplaced(tenant, resource, found.id(), found.expiresAt() == null ? fallbackExpiry
                        : found.expiresAt(), connection);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * The held subscription of a tenant without a valid mapping: its row goes, and it is deleted at Graph through its
     * stored connection. True when there was one.
     */
    boolean retireOrphan(String tenant, String resource) {
        Optional<Subscriptions.Held> held = subscriptions.held(tenant, resource);
        if (held.isEmpty()) {
            return false;
        }
        Subscription s = held.get().subscription();
        TenantConnection connection = StoredConnection.decode(held.get().connection());
        subscriptions.delete(s.id()); // its tenant's notification error is cleared by the pass (SubscriptionManager)
        if (connection == null) {
            log.warn("tenant '{}' has no valid mapping and its {} subscription {} no stored connection: it cannot be "
                    + "deleted at Graph and expires there at {}", tenant, resource, s.id(), s.expiresAt());
            return true;
        }
        try {
            graph.delete(connection, s.id());
            log.info("tenant '{}' has no valid mapping: its {} subscription {} was deleted at Graph", tenant, resource,
                    s.id());
        } catch (RuntimeException e) {
            retired.add(s.id(), tenant, held.get().connection(), s.expiresAt(), describe(e), clock.instant());
            log.warn("tenant '{}' has no valid mapping: its {} subscription {} could not be deleted at Graph yet: {}",
                    tenant, resource, s.id(), describe(e));
        }
        return true;
    }

    /** Retries the deletions Graph refused; answers how many failed again. */
    int retryRetired() {
        int failed = 0;
        for (RetiredSubscriptions.Retired r : retired.all()) {
            TenantConnection connection = StoredConnection.decode(r.connection());
            if (connection == null || r.expiresAt().isBefore(clock.instant())) {
                retired.remove(r.id());
                continue;
            }
            try {
                graph.delete(connection, r.id());
                retired.remove(r.id());
                log.info("tenant '{}': retired subscription {} deleted at Graph", r.tenant(), r.id());
            } catch (RuntimeException e) {
                failed++;
                retired.failedAgain(r.id(), describe(e));
            }
        }
        return failed;
    }

    /** Graph's own words when it answered; otherwise what failed, never a stack trace or a Java type name. */
    static String describe(RuntimeException e) {
        if (e instanceof DirectorySourceException) {
            return e.getMessage();
        }
        return "unexpected failure: " + (e.getMessage() == null ? "no detail" : e.getMessage());
    }
}
