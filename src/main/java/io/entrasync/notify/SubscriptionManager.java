package io.entrasync.notify;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code users} and {@code groups} subscriptions of every tenant with a public URL (its mapping's
 * {@code notifications.publicUrl} or the service-wide one) alive: creates the missing ones, renews those expiring
 * within {@code renew-before}, recreates one Graph no longer knows (404 on renewal), deletes those of a tenant that
 * opted out ({@code notifications.enabled: false}) or lost its URL. One tenant's failure is recorded on it and never stops the others. Called by the clustered
 * {@link SubscriptionRenewalJob} (one replica per fire) and, for lifecycle notifications, on a thread of its own so
 * the webhook answers at once.
 */
@Component
class SubscriptionManager implements SubscriptionLifecycle, DisposableBean {

    static final List<String> RESOURCES = List.of("users", "groups");
    static final String CHANGE_TYPE = "updated,deleted";
    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);

    /** What one maintenance pass did. */
    record Pass(int created, int renewed, int failed) {
    }

    private final MappingRegistry mappings;
    private final Subscriptions subscriptions;
    private final ChangeSubscriptions graph;
    private final TenantErrors errors;
    private final NotificationProperties properties;
    private final WebhookKey webhookKey;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "graph-subscription-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    SubscriptionManager(MappingRegistry mappings, Subscriptions subscriptions, ChangeSubscriptions graph,
                        TenantErrors errors, NotificationProperties properties, WebhookKey webhookKey) {
        this.webhookKey = webhookKey;
        this.mappings = mappings;
        this.subscriptions = subscriptions;
        this.graph = graph;
        this.errors = errors;
        this.properties = properties;
    }

    /** One pass over every valid tenant: create what is missing, renew what expires within renew-before. */
    synchronized Pass maintain() {
        int created = 0;
        int renewed = 0;
        int failed = 0;
        Instant due = clock.instant().plus(properties.renewBefore());
        for (TenantMappingStatus status : mappings.all()) {
            Optional<TenantMapping> mapping = status.validMapping();
            if (mapping.isEmpty()) {
                continue;
            }
            List<Subscription> held = subscriptions.ofTenant(mapping.get().tenant());
            java.net.URI base = properties.baseFor(mapping.get().notifications());
            if (base == null) {
                held.forEach(s -> unsubscribe(mapping.get(), s));
                continue;
            }
            for (String resource : RESOURCES) {
                Optional<Subscription> current = held.stream().filter(s -> s.resource().equals(resource)).findFirst();
                try {
                    if (current.isEmpty()) {
                        create(mapping.get(), base, resource);
                        created++;
                    } else if (current.get().expiresAt().isBefore(due)) {
                        if (renewOrRecreate(mapping.get(), current.get())) {
                            renewed++;
                        } else {
                            created++;
                        }
                    }
                } catch (DirectorySourceException e) {
                    failed++;
                    current.ifPresentOrElse(s -> subscriptions.failed(s.id(), e.getMessage(), clock.instant()),
                            () -> errors.record(mapping.get().tenant(), e.getMessage(), clock.instant()));
                    log.warn("tenant '{}': {} subscription: {}", mapping.get().tenant(), resource, e.getMessage());
                }
            }
        }
        return new Pass(created, renewed, failed);
    }

    /** Renews; on 404 (Graph dropped it) creates a new one. True when renewed, false when recreated. */
    private boolean renewOrRecreate(TenantMapping mapping, Subscription subscription) {
        Instant wanted = clock.instant().plus(properties.lifetime());
        try {
            Instant granted = graph.renew(mapping.connection(), subscription.id(), wanted);
            subscriptions.renewed(subscription.id(), granted, clock.instant());
            log.info("tenant '{}': {} subscription {} renewed until {}", mapping.tenant(), subscription.resource(),
                    subscription.id(), granted);
            return true;
        } catch (DirectorySourceException e) {
            if (e.status() != 404) {
                throw e;
            }
            log.warn("tenant '{}': {} subscription {} is gone from Graph (404); creating a new one", mapping.tenant(),
                    subscription.resource(), subscription.id());
            create(mapping, properties.baseFor(mapping.notifications()), subscription.resource());
            return false;
        }
    }

    /** Deletes a subscription the tenant no longer wants; a failure is recorded and retried on the next pass. */
    private void unsubscribe(TenantMapping mapping, Subscription subscription) {
        try {
            graph.delete(mapping.connection(), subscription.id());
            subscriptions.delete(subscription.id());
            log.info("tenant '{}': {} subscription {} deleted (notifications are off for the tenant)",
                    mapping.tenant(), subscription.resource(), subscription.id());
        } catch (DirectorySourceException e) {
            subscriptions.failed(subscription.id(), e.getMessage(), clock.instant());
            log.warn("tenant '{}': {} subscription {} could not be deleted: {}", mapping.tenant(),
                    subscription.resource(), subscription.id(), e.getMessage());
        }
    }

    private void create(TenantMapping mapping, java.net.URI base, String resource) {
        ClientState secret = ClientState.generate();
        Instant wanted = clock.instant().plus(properties.lifetime());
        ChangeSubscriptions.Created created = graph.create(mapping.connection(), new ChangeSubscriptions.Request(
                resource, CHANGE_TYPE, webhookKey.notificationUrl(base), webhookKey.lifecycleNotificationUrl(base),
                secret.value(), wanted));
        subscriptions.created(created.id(), mapping.tenant(), resource, secret.hash(), created.expiresAt(),
                clock.instant());
        errors.clear(mapping.tenant());
        log.info("tenant '{}': {} subscription {} created until {}", mapping.tenant(), resource, created.id(),
                created.expiresAt());
    }

    @Override
    public void reauthorize(Subscription subscription) {
        lifecycle.execute(() -> onTenant(subscription, mapping -> renewOrRecreate(mapping, subscription)));
    }

    @Override
    public void recreate(Subscription subscription) {
        lifecycle.execute(() -> onTenant(subscription, mapping -> {
            java.net.URI base = properties.baseFor(mapping.notifications());
            if (base != null) {
                create(mapping, base, subscription.resource());
            }
        }));
    }

    private synchronized void onTenant(Subscription subscription, java.util.function.Consumer<TenantMapping> work) {
        Optional<TenantMapping> mapping = mappings.current(subscription.tenant()).flatMap(TenantMappingStatus::validMapping);
        if (mapping.isEmpty()) {
            log.warn("lifecycle notification for subscription {} of tenant '{}', which has no valid mapping; ignored",
                    subscription.id(), subscription.tenant());
            return;
        }
        try {
            work.accept(mapping.get());
        } catch (DirectorySourceException e) {
            subscriptions.failed(subscription.id(), e.getMessage(), clock.instant());
            log.warn("tenant '{}': subscription {}: {}", subscription.tenant(), subscription.id(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        lifecycle.shutdownNow();
    }
}
