package io.entrasync.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Verifies and takes in a batch of notifications: every item must name a subscription we hold and carry its
 * clientState, else the whole batch is refused (counted, nothing run: a forged or stale item says nothing reliable
 * about the rest). Accepted change notifications ask for one coalesced delta run per tenant; lifecycle events go to
 * the {@link SubscriptionLifecycle}; {@code missed} asks for a delta run as well (the delta finds what was missed).
 */
@Service
class NotificationIntake {

    /** The outcome of one batch. */
    enum Verdict { ACCEPTED, REJECTED }

    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final Subscriptions subscriptions;
    private final PendingDeltas pending;
    private final ObjectProvider<SubscriptionLifecycle> lifecycle;
    private final Counter accepted;
    private final Counter rejected;
    private final Clock clock = Clock.systemUTC();

    NotificationIntake(Subscriptions subscriptions, PendingDeltas pending,
                       ObjectProvider<SubscriptionLifecycle> lifecycle, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.lifecycle = lifecycle;
        this.accepted = Counter.builder("entra_sync_notifications").tag("outcome", "accepted")
                .description("Graph change and lifecycle notifications accepted").register(meters);
        this.rejected = Counter.builder("entra_sync_notifications").tag("outcome", "rejected")
                .description("Graph notifications refused: unknown subscription or wrong clientState").register(meters);
    }

    Verdict take(List<ChangeNotification> batch) {
        Set<String> ids = batch.stream().map(ChangeNotification::subscriptionId).collect(Collectors.toSet());
        Map<String, Subscription> known = ids.stream().map(subscriptions::find).flatMap(Optional::stream)
                .collect(Collectors.toMap(Subscription::id, Function.identity()));
        for (ChangeNotification item : batch) {
            Subscription subscription = known.get(item.subscriptionId());
            if (subscription == null || !ClientState.matches(item.clientState(), subscription.clientStateHash())) {
                reject(batch, item, subscription);
                return Verdict.REJECTED;
            }
        }
        Set<String> tenants = new LinkedHashSet<>();
        known.keySet().forEach(id -> subscriptions.received(id, clock.instant()));
        for (ChangeNotification item : batch) {
            Subscription subscription = known.get(item.subscriptionId());
            if (!item.lifecycle() || "missed".equals(item.lifecycleEvent())) {
                tenants.add(subscription.tenant());
            } else {
                lifecycle(item, subscription);
            }
        }
        accepted.increment(batch.size());
        tenants.forEach(pending::request);
        return Verdict.ACCEPTED;
    }

    private void lifecycle(ChangeNotification item, Subscription subscription) {
        log.info("tenant '{}': lifecycle notification {} for subscription {} ({})", subscription.tenant(),
                item.lifecycleEvent(), subscription.id(), subscription.resource());
        SubscriptionLifecycle manager = lifecycle.getObject();
        if ("reauthorizationRequired".equals(item.lifecycleEvent())) {
            manager.reauthorize(subscription);
        } else if ("subscriptionRemoved".equals(item.lifecycleEvent())) {
            manager.recreate(subscription);
        } else {
            log.info("lifecycle event {} of subscription {} needs nothing", item.lifecycleEvent(), subscription.id());
        }
    }

    private void reject(List<ChangeNotification> batch, ChangeNotification item, Subscription subscription) {
        rejected.increment(batch.size());
        if (subscription == null) {
            log.warn("refused {} notification(s): subscription {} is not one of ours", batch.size(),
                    item.subscriptionId());
        } else {
            subscriptions.rejected(subscription.id());
            // the clientState itself is never logged: it may be a near miss of the real secret
            log.warn("refused {} notification(s): wrong clientState for subscription {} of tenant '{}'",
                    batch.size(), subscription.id(), subscription.tenant());
        }
    }
}
