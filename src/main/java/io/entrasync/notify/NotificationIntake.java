package io.entrasync.notify;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Verifies a batch of notifications item by item and stores what it accepts, before the webhook answers. Graph mixes
 * items of several subscriptions (and tenants) in one POST and retries a whole POST that is not answered 2xx, so one
 * bad item must not cost the good ones: an item is accepted when it names a subscription we hold, carries its
 * clientState and names the tenantId of that subscription's tenant (its mapping's); anything else is refused alone
 * (counted, logged at most once a minute per reason, never with the clientState). Items of a tenant whose mapping is
 * missing or invalid are ignored (counted): no run could be made for it.
 * <p>
 * Cost per request is bounded whatever the body holds: one {@code IN} query for at most
 * {@link ChangeNotification#MAX_SUBSCRIPTIONS} ids and one multi-row insert into the {@link NotificationInbox}. The
 * rest (delta runs, lifecycle events, per-subscription counters) happens after the answer, in the
 * {@link NotificationProcessor}.
 */
@Service
class NotificationIntake {

    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final Subscriptions subscriptions;
    private final NotificationInbox inbox;
    private final NotificationProcessor processor;
    private final MappingRegistry mappings;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter ignored;
    private final RateLimitedLog warnings = new RateLimitedLog(log, System::nanoTime);
    private final Clock clock = Clock.systemUTC();

    NotificationIntake(Subscriptions subscriptions, NotificationInbox inbox, NotificationProcessor processor,
                       MappingRegistry mappings, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.processor = processor;
        this.mappings = mappings;
        this.accepted = Counter.builder("entra_sync_notifications").tag("outcome", "accepted")
                .description("Graph change and lifecycle notifications accepted").register(meters);
        this.rejected = Counter.builder("entra_sync_notifications").tag("outcome", "rejected")
                .description("Graph notifications refused: malformed, unknown subscription, wrong clientState or "
                        + "tenantId").register(meters);
        this.ignored = Counter.builder("entra_sync_notifications").tag("outcome", "ignored")
                .description("Graph notifications of a tenant whose mapping is missing or invalid").register(meters);
    }

    /** Verifies and stores one request's items; what became of them is counted in the meters and logged. */
    void take(ChangeNotification.Batch batch) {
        Instant now = clock.instant();
        Set<String> ids = batch.items().stream().map(ChangeNotification::subscriptionId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Subscription> known = subscriptions.findAll(ids).stream()
                .collect(Collectors.toMap(Subscription::id, Function.identity()));
        Map<String, Optional<TenantMapping>> tenants = new java.util.HashMap<>();
        Map<String, Entries> bySubscription = new LinkedHashMap<>();
        int refused = batch.malformed();
        int ignoredItems = 0;
        int unknown = 0;
        if (batch.malformed() > 0) {
            warnings.warn("malformed", "refused {} notification item(s) without a subscriptionId or with neither "
                    + "changeType nor lifecycleEvent", batch.malformed());
        }
        for (ChangeNotification item : batch.items()) {
            Subscription subscription = known.get(item.subscriptionId());
            if (subscription == null) {
                unknown++;
                continue;
            }
            Entries entries = bySubscription.computeIfAbsent(subscription.id(), id -> new Entries(subscription));
            if (!ClientState.matches(item.clientState(), subscription.clientStateHash())) {
                entries.refused++;
                // the clientState itself is never logged: it may be a near miss of the real secret
                warnings.warn("clientState", "refused a notification with a wrong clientState for subscription {} "
                        + "of tenant '{}'", subscription.id(), subscription.tenant());
                continue;
            }
            Optional<TenantMapping> mapping = tenants.computeIfAbsent(subscription.tenant(), mappings::tenant);
            if (mapping.isEmpty()) {
                ignoredItems++;
                warnings.warn("mapping", "ignored notification(s) of tenant '{}': it has no valid mapping, so no run "
                        + "is made for it", subscription.tenant());
                continue;
            }
            // tenantId is a required property of a changeNotification: an item without it is refused like a wrong one
            if (item.tenantId() == null || !item.tenantId().equalsIgnoreCase(mapping.get().connection().tenantId())) {
                entries.refused++;
                warnings.warn("tenantId", "refused a notification for subscription {} of tenant '{}': it names "
                        + "tenantId {}, the mapping {}", subscription.id(), subscription.tenant(), item.tenantId(),
                        mapping.get().connection().tenantId());
                continue;
            }
            if (!item.lifecycle() || "missed".equals(item.lifecycleEvent())) {
                entries.changes++;
            } else {
                entries.lifecycle.merge(item.lifecycleEvent(), 1, Integer::sum);
            }
        }
        if (unknown > 0) {
            warnings.warn("unknown", "refused {} notification item(s) naming no subscription of ours (e.g. {})",
                    unknown, batch.items().stream().map(ChangeNotification::subscriptionId)
                            .filter(id -> !known.containsKey(id)).findFirst().orElse(null));
        }
        refused += unknown;
        List<NotificationInbox.Entry> stored = new ArrayList<>();
        int acceptedItems = 0;
        for (Entries e : bySubscription.values()) {
            acceptedItems += e.changes + e.lifecycle.values().stream().mapToInt(Integer::intValue).sum();
            refused += e.refused;
            e.addTo(stored, now);
        }
        inbox.add(stored);
        accepted.increment(acceptedItems);
        rejected.increment(refused);
        ignored.increment(ignoredItems);
        if (!stored.isEmpty()) {
            processor.wake();
        }
    }

    /** What one request's items did for one subscription. */
    private static final class Entries {
        final Subscription subscription;
        int changes;
        int refused;
        final Map<String, Integer> lifecycle = new LinkedHashMap<>();

        Entries(Subscription subscription) {
            this.subscription = subscription;
        }

        void addTo(List<NotificationInbox.Entry> stored, Instant now) {
            String tenant = subscription.tenant();
            if (changes > 0) {
                stored.add(new NotificationInbox.Entry(tenant, subscription.id(), NotificationInbox.Kind.CHANGE, null,
                        changes, now));
            }
            lifecycle.forEach((event, n) -> stored.add(new NotificationInbox.Entry(tenant, subscription.id(),
                    NotificationInbox.Kind.LIFECYCLE, event, n, now)));
            if (refused > 0) {
                stored.add(new NotificationInbox.Entry(tenant, subscription.id(), NotificationInbox.Kind.REFUSED, null,
                        refused, now));
            }
        }
    }
}
