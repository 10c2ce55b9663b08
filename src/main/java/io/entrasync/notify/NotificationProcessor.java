package io.entrasync.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Processes what the webhook stored in the {@link NotificationInbox}, after the webhook has answered: asks each
 * tenant with changes for one coalesced delta run ({@link PendingDeltas}), hands lifecycle events to the
 * {@link SubscriptionLifecycle}, and records per subscription when notifications last came and how many were refused.
 * One thread per replica: woken by every request that stored something (wakes coalesce while a pass is queued), and
 * every {@link #SWEEP} anyway, which picks up entries a stopped replica had stored or claimed.
 */
@Component
class NotificationProcessor implements DisposableBean {

    static final Duration SWEEP = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(NotificationProcessor.class);

    private final NotificationInbox inbox;
    private final Subscriptions subscriptions;
    private final PendingDeltas pending;
    private final ObjectProvider<SubscriptionLifecycle> lifecycle;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notification-processor");
        t.setDaemon(true);
        return t;
    });

    NotificationProcessor(NotificationInbox inbox, Subscriptions subscriptions, PendingDeltas pending,
                          ObjectProvider<SubscriptionLifecycle> lifecycle) {
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.pending = pending;
        this.lifecycle = lifecycle;
        thread.scheduleWithFixedDelay(this::drain, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something was stored: process it soon, on the processor's thread. */
    void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    queued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                queued.set(false); // the entries stay stored; the next start's sweep processes them
            }
        }
    }

    /** Claims and processes slices until nothing is waiting; a failure leaves its slice to be claimed again. */
    private void drain() {
        try {
            String claim;
            while ((claim = inbox.claim(clock.instant())) != null) {
                process(inbox.claimed(claim));
                inbox.done(claim);
            }
        } catch (RuntimeException e) {
            log.warn("notifications could not be processed now; they stay stored and are tried again: {}",
                    e.toString());
        }
    }

    private void process(List<NotificationInbox.Entry> entries) {
        Map<String, Integer> changes = new LinkedHashMap<>();
        Map<String, Instant> received = new HashMap<>();
        Map<String, Integer> refused = new HashMap<>();
        Set<List<String>> events = new LinkedHashSet<>();
        for (NotificationInbox.Entry e : entries) {
            switch (e.kind()) {
                case CHANGE -> changes.merge(e.tenant(), e.notifications(), Integer::sum);
                case LIFECYCLE -> events.add(List.of(e.subscriptionId(), e.lifecycleEvent()));
                case REFUSED -> refused.merge(e.subscriptionId(), e.notifications(), Integer::sum);
            }
            if (e.kind() != NotificationInbox.Kind.REFUSED) {
                received.merge(e.subscriptionId(), e.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        received.forEach(subscriptions::received);
        refused.forEach(subscriptions::rejected);
        for (List<String> event : events) {
            isolated("subscription " + event.get(0), () -> subscriptions.find(event.get(0))
                    .ifPresent(s -> lifecycle(event.get(1), s)));
        }
        changes.forEach((tenant, n) -> isolated("tenant '" + tenant + "'", () -> pending.request(tenant, n)));
    }

    /** One tenant's trouble (Quartz unreachable for it, …) must not hold up the others of the slice. */
    private static void isolated(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{}: notifications could not be acted on: {}", what, e.toString());
        }
    }

    private void lifecycle(String event, Subscription subscription) {
        log.info("tenant '{}': lifecycle notification {} for subscription {} ({})", subscription.tenant(), event,
                subscription.id(), subscription.resource());
        SubscriptionLifecycle manager = lifecycle.getObject();
        if ("reauthorizationRequired".equals(event)) {
            manager.reauthorize(subscription);
        } else if ("subscriptionRemoved".equals(event)) {
            manager.recreate(subscription);
        } else {
            log.info("lifecycle event {} of subscription {} needs nothing", event, subscription.id());
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
