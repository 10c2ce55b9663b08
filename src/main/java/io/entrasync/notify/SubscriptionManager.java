package io.entrasync.notify;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code users} and {@code groups} subscriptions of every tenant with a public URL (its mapping's
 * {@code notifications.publicUrl} or the service-wide one) alive and true to the mapping. Each pass, per tenant and
 * resource, under that pair's cluster-wide lock ({@link SubscriptionSlots}):
 * <ul>
 *   <li>creates the missing subscription (at most one at Graph, whatever the replicas do);</li>
 *   <li>checks that the stored one still exists at Graph (in the tenant's list, {@code GET /subscriptions}, taken once
 *       per pass; {@code GET /subscriptions/{id}} for one not in it): for users and groups Graph sends no
 *       {@code subscriptionRemoved} or {@code missed}, so asking is the only way to notice one it dropped;
 *       a missing one is created anew and a delta run asked for (the lifecycle document's step: changes may have been
 *       missed meanwhile);</li>
 *   <li>replaces one made with another notification URL than the tenant's current one (the public URL changed): a new
 *       subscription with both URLs, then the old one deleted at Graph (Graph can update a subscription's
 *       notificationUrl but never its lifecycleNotificationUrl, so a PATCH would leave lifecycle events going to the
 *       old host);</li>
 *   <li>renews one expiring within {@code renew-before};</li>
 *   <li>deletes those of a tenant that opted out ({@code notifications.enabled: false}) or lost its URL.</li>
 * </ul>
 * Subscriptions of a tenant whose mapping was removed or became invalid are deleted at Graph through the connection
 * stored beside them; a deletion Graph refuses is retried by later passes ({@link RetiredSubscriptions}). Any failure
 * (Graph's answer, a network fault, the database) is recorded on its tenant and the pass goes on with the next.
 * <p>
 * Called by the clustered {@link SubscriptionRenewalJob} (one replica per fire) and, for lifecycle notifications, on a
 * thread of its own with a bounded queue, so the webhook answers at once; replays of one {@code reauthorizationRequired}
 * are coalesced (one queued task per subscription, and none acted on twice within {@link #REAUTHORIZE_WINDOW}, across
 * replicas).
 */
@Component
class SubscriptionManager implements SubscriptionLifecycle, DisposableBean {

    static final List<String> RESOURCES = List.of("users", "groups");
    static final String CHANGE_TYPE = "updated,deleted";
    /** A reauthorizationRequired for a subscription that was reauthorized this recently is a replay: no Graph call. */
    static final Duration REAUTHORIZE_WINDOW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);

    /** What one maintenance pass did. */
    record Pass(int created, int renewed, int recreated, int deleted, int failed) {
    }

    /** What was done to one tenant's subscription of one resource. */
    enum Outcome { NONE, CREATED, RENEWED, RECREATED, REPLACED, DELETED }

    private final MappingRegistry mappings;
    private final Subscriptions subscriptions;
    private final SubscriptionCleanup cleanup;
    private final SubscriptionSlots slots;
    private final ChangeSubscriptions graph;
    private final TenantErrors errors;
    private final PendingDeltas deltas;
    private final NotificationProperties properties;
    private final WebhookKey webhookKey;
    private final Clock clock = Clock.systemUTC();
    private final LifecycleQueue lifecycle = new LifecycleQueue();

    SubscriptionManager(MappingRegistry mappings, Subscriptions subscriptions, SubscriptionCleanup cleanup,
                        SubscriptionSlots slots, ChangeSubscriptions graph, TenantErrors errors, PendingDeltas deltas,
                        NotificationProperties properties, WebhookKey webhookKey) {
        this.webhookKey = webhookKey;
        this.mappings = mappings;
        this.subscriptions = subscriptions;
        this.cleanup = cleanup;
        this.slots = slots;
        this.graph = graph;
        this.errors = errors;
        this.deltas = deltas;
        this.properties = properties;
    }

    /** One pass over every tenant, every stored subscription and every retired one; never throws for one tenant. */
    Pass maintain() {
        int[] counts = new int[Outcome.values().length];
        int failed = 0;
        Map<String, TenantMapping> valid = new LinkedHashMap<>();
        for (TenantMappingStatus status : mappings.all()) {
            status.validMapping().ifPresent(m -> valid.putIfAbsent(m.tenant(), m));
        }
        Set<String> withErrors = errors.all().keySet();
        for (TenantMapping mapping : valid.values()) {
            boolean missedChanges = false;
            boolean tenantFailed = false;
            boolean off = properties.baseFor(mapping.notifications()) == null;
            List<ChangeSubscriptions.Found> atGraph = off ? List.of() : listQuietly(mapping);
            for (String resource : RESOURCES) {
                try {
                    if (off && subscriptions.held(mapping.tenant(), resource).isEmpty()) {
                        continue; // notifications off and nothing to delete: no lock, no Graph call
                    }
                    Outcome outcome = slots.locked(mapping.tenant(), resource, () -> {
                        Outcome done = keep(mapping, resource, atGraph);
                        counts[Outcome.DELETED.ordinal()] += deleteStrays(mapping, resource, atGraph);
                        return done;
                    });
                    counts[outcome.ordinal()]++;
                    missedChanges |= outcome == Outcome.RECREATED;
                } catch (RuntimeException e) {
                    failed++;
                    tenantFailed = true;
                    recordFailure(mapping.tenant(), resource, e);
                }
            }
            if (!tenantFailed && withErrors.contains(mapping.tenant())) {
                clearTenantError(mapping.tenant());
            }
            if (missedChanges) {
                requestDelta(mapping.tenant());
            }
        }
        for (Subscriptions.Held held : subscriptions.allHeld()) {
            Subscription s = held.subscription();
            if (!valid.containsKey(s.tenant())) {
                try {
                    if (slots.locked(s.tenant(), s.resource(), () -> cleanup.retireOrphan(s.tenant(), s.resource()))) {
                        counts[Outcome.DELETED.ordinal()]++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("subscription {} of removed tenant '{}' could not be retired: {}", s.id(), s.tenant(),
                            describe(e));
                }
            }
        }
        for (String tenant : withErrors) {
            if (!valid.containsKey(tenant)) {
                clearTenantError(tenant); // a removed tenant's old problem is nobody's any more
            }
        }
        failed += cleanup.retryRetired();
        return new Pass(counts[Outcome.CREATED.ordinal()], counts[Outcome.RENEWED.ordinal()],
                counts[Outcome.RECREATED.ordinal()] + counts[Outcome.REPLACED.ordinal()],
                counts[Outcome.DELETED.ordinal()], failed);
    }

    /**
     * Brings one tenant's subscription of {@code resource} in line with its mapping; runs holding its slot.
     * {@code atGraph} is the tenant's list taken this pass: a held subscription found there exists; one not found (or
     * no list) is asked for by id, since the list was taken before the slot.
     */
    private Outcome keep(TenantMapping mapping, String resource, List<ChangeSubscriptions.Found> atGraph) {
        URI base = properties.baseFor(mapping.notifications());
        Optional<Subscriptions.Held> held = subscriptions.held(mapping.tenant(), resource);
        TenantConnection connection = mapping.connection();
        if (base == null) {
            if (held.isEmpty()) {
                return Outcome.NONE;
            }
            Subscription s = held.get().subscription();
            graph.delete(connection, s.id());
            subscriptions.delete(s.id());
            log.info("tenant '{}': {} subscription {} deleted (notifications are off for the tenant)",
                    mapping.tenant(), resource, s.id());
            return Outcome.DELETED;
        }
        if (held.isEmpty()) {
            create(mapping, base, resource);
            return Outcome.CREATED;
        }
        Subscription s = held.get().subscription();
        Optional<ChangeSubscriptions.Found> found = atGraph.stream().filter(f -> f.id().equals(s.id())).findFirst()
                .or(() -> graph.find(connection, s.id()));
        if (found.isEmpty()) {
            log.warn("tenant '{}': {} subscription {} is gone from Graph; creating a new one and asking for a delta "
                    + "run (changes may have been missed)", mapping.tenant(), resource, s.id());
            create(mapping, base, resource);
            return Outcome.RECREATED;
        }
        String wanted = webhookKey.notificationUrl(base);
        String madeWith = held.get().notificationUrl() != null ? held.get().notificationUrl()
                : found.get().notificationUrl();
        if (madeWith != null && !madeWith.equals(wanted)) {
            // logged without the query, which carries the webhook key
            log.info("tenant '{}': {} subscription {} notifies {}, the tenant's URL is now {} (or its key changed); "
                    + "replacing it", mapping.tenant(), resource, s.id(), WebhookKey.withoutQuery(madeWith),
                    WebhookKey.withoutQuery(wanted));
            create(mapping, base, resource);
            cleanup.deleteReplaced(mapping.tenant(), resource, s.id(), s.expiresAt(), connection);
            return Outcome.REPLACED;
        }
        String stored = StoredConnection.encode(connection);
        if (held.get().notificationUrl() == null || !stored.equals(held.get().connection()) || s.lastError() != null) {
            subscriptions.checked(s.id(), madeWith, stored);
        }
        if (s.expiresAt().isBefore(clock.instant().plus(properties.renewBefore()))) {
            return renewOrRecreate(mapping, s);
        }
        return Outcome.NONE;
    }

    /** The tenant's subscriptions at Graph; empty (no sweep this pass) when Graph cannot list them. */
    private List<ChangeSubscriptions.Found> listQuietly(TenantMapping mapping) {
        try {
            return graph.list(mapping.connection());
        } catch (RuntimeException e) {
            log.debug("tenant '{}': subscriptions could not be listed: {}", mapping.tenant(), describe(e));
            return List.of();
        }
    }

    /** Deletes other subscriptions of the tenant and resource that notify this service; runs holding the slot. */
    private int deleteStrays(TenantMapping mapping, String resource, List<ChangeSubscriptions.Found> atGraph) {
        URI base = properties.baseFor(mapping.notifications());
        Optional<Subscriptions.Held> held = subscriptions.held(mapping.tenant(), resource);
        if (base == null || held.isEmpty() || atGraph.isEmpty()) {
            return 0;
        }
        return cleanup.deleteStrays(mapping.tenant(), resource, held.get().subscription().id(),
                webhookKey.notificationUrl(base), atGraph, mapping.connection(),
                clock.instant().plus(properties.lifetime()));
    }

    /** Renews; on 404 (Graph dropped it) creates a new one. */
    private Outcome renewOrRecreate(TenantMapping mapping, Subscription subscription) {
        Instant wanted = clock.instant().plus(properties.lifetime());
        try {
            Instant granted = graph.renew(mapping.connection(), subscription.id(), wanted);
            subscriptions.renewed(subscription.id(), granted, clock.instant());
            log.info("tenant '{}': {} subscription {} renewed until {}", mapping.tenant(), subscription.resource(),
                    subscription.id(), granted);
            return Outcome.RENEWED;
        } catch (DirectorySourceException e) {
            URI base = properties.baseFor(mapping.notifications());
            if (e.status() != 404 || base == null) {
                throw e;
            }
            log.warn("tenant '{}': {} subscription {} is gone from Graph (404); creating a new one", mapping.tenant(),
                    subscription.resource(), subscription.id());
            create(mapping, base, subscription.resource());
            return Outcome.RECREATED;
        }
    }

    /**
     * Creates the subscription and stores it (replacing the tenant's row for the resource). Should the row not be
     * stored, the new subscription is deleted at Graph again, so no orphan is left notifying an id nobody knows.
     */
    private void create(TenantMapping mapping, URI base, String resource) {
        ClientState secret = ClientState.generate();
        Instant wanted = clock.instant().plus(properties.lifetime());
        String url = webhookKey.notificationUrl(base);
        ChangeSubscriptions.Created created = graph.create(mapping.connection(), new ChangeSubscriptions.Request(
                resource, CHANGE_TYPE, url, webhookKey.lifecycleNotificationUrl(base), secret.value(), wanted));
        try {
            subscriptions.created(created.id(), mapping.tenant(), resource, secret.hash(), created.expiresAt(),
                    clock.instant(), url, StoredConnection.encode(mapping.connection()));
        } catch (RuntimeException e) {
            try {
                graph.delete(mapping.connection(), created.id());
            } catch (RuntimeException again) {
                log.warn("tenant '{}': {} subscription {} was created but neither stored nor deleted; it expires at "
                        + "{}", mapping.tenant(), resource, created.id(), created.expiresAt());
            }
            throw e;
        }
        errors.clear(mapping.tenant());
        log.info("tenant '{}': {} subscription {} created until {}", mapping.tenant(), resource, created.id(),
                created.expiresAt());
    }

    @Override
    public void reauthorize(Subscription subscription) {
        enqueue(subscription, mapping -> slots.locked(mapping.tenant(), subscription.resource(),
                () -> reauthorizeHeld(mapping, subscription)));
    }

    /** Renews unless the subscription was replaced meanwhile or this challenge was answered moments ago (a replay). */
    private Outcome reauthorizeHeld(TenantMapping mapping, Subscription subscription) {
        Optional<Subscriptions.Held> held = subscriptions.held(mapping.tenant(), subscription.resource());
        if (held.isEmpty() || !held.get().subscription().id().equals(subscription.id())) {
            return Outcome.NONE;
        }
        Instant last = subscriptions.reauthorizedAt(subscription.id());
        Instant now = clock.instant();
        if (last != null && last.isAfter(now.minus(REAUTHORIZE_WINDOW))) {
            log.debug("reauthorizationRequired for subscription {} already answered at {}", subscription.id(), last);
            return Outcome.NONE;
        }
        Outcome outcome = renewOrRecreate(mapping, held.get().subscription());
        if (outcome == Outcome.RENEWED) {
            subscriptions.reauthorized(subscription.id(), now);
        }
        return outcome;
    }

    @Override
    public void recreate(Subscription subscription) {
        enqueue(subscription, mapping -> slots.locked(mapping.tenant(), subscription.resource(), () -> {
            Optional<Subscriptions.Held> held = subscriptions.held(mapping.tenant(), subscription.resource());
            URI base = properties.baseFor(mapping.notifications());
            if (base == null || held.isEmpty() || !held.get().subscription().id().equals(subscription.id())
                    || graph.find(mapping.connection(), subscription.id()).isPresent()) {
                return Outcome.NONE;
            }
            create(mapping, base, subscription.resource());
            return Outcome.RECREATED;
        }));
    }

    /** Queues lifecycle work for the subscription (bounded, one waiting task per subscription). */
    private void enqueue(Subscription subscription, Function<TenantMapping, Outcome> work) {
        lifecycle.submit(subscription.id(), () -> onTenant(subscription, work));
    }

    private void onTenant(Subscription subscription, Function<TenantMapping, Outcome> work) {
        Optional<TenantMapping> mapping = mappings.current(subscription.tenant())
                .flatMap(TenantMappingStatus::validMapping);
        if (mapping.isEmpty()) {
            log.warn("lifecycle notification for subscription {} of tenant '{}', which has no valid mapping; ignored",
                    subscription.id(), subscription.tenant());
            return;
        }
        try {
            if (work.apply(mapping.get()) == Outcome.RECREATED) {
                requestDelta(subscription.tenant());
            }
        } catch (RuntimeException e) {
            recordFailure(subscription.tenant(), subscription.resource(), e);
        }
    }

    /** A delta run through the tenant's normal notified path: covers changes a dropped subscription missed. */
    private void requestDelta(String tenant) {
        try {
            deltas.request(tenant, 1);
        } catch (RuntimeException e) {
            log.warn("tenant '{}': the delta run after recreating its subscription could not be asked for: {}", tenant,
                    describe(e));
        }
    }

    private void clearTenantError(String tenant) {
        try {
            errors.clear(tenant);
        } catch (RuntimeException e) {
            log.warn("tenant '{}': its old notification error could not be cleared: {}", tenant, e.getMessage());
        }
    }

    /** Records the failure on the subscription when there is one, else on the tenant; never throws. */
    private void recordFailure(String tenant, String resource, RuntimeException e) {
        String message = describe(e);
        log.warn("tenant '{}': {} subscription: {}", tenant, resource, message);
        try {
            Optional<Subscriptions.Held> held = subscriptions.held(tenant, resource);
            if (held.isPresent()) {
                subscriptions.failed(held.get().subscription().id(), message, clock.instant());
            } else {
                errors.record(tenant, message, clock.instant());
            }
        } catch (RuntimeException unrecorded) {
            log.warn("tenant '{}': the failure could not be recorded: {}", tenant, unrecorded.getMessage());
        }
    }

    /** Graph's own words when it answered; otherwise what failed, never a Java type name. */
    private static String describe(RuntimeException e) {
        return SubscriptionCleanup.describe(e);
    }

    @Override
    public void destroy() {
        lifecycle.shutdown();
    }
}
