package io.entrasync.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Works through the due outbox rows: each is sent once per attempt; a failure is retried after
 * {@code initial-backoff}, doubled after each further failure (at most an hour), and recorded FAILED after
 * {@code max-attempts}. Each outcome is written at once (no transaction spans a send), so a replica that dies
 * mid-pass resends at most the one alert it was sending. Every failure is logged at WARN, without the webhook's URL.
 */
@Service
class AlertDelivery {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final int BATCH = 100;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final AlertStore store;
    private final AlertSenders senders;
    private final AlertProperties properties;
    private final Clock clock = Clock.systemUTC();

    AlertDelivery(AlertStore store, AlertSenders senders, AlertProperties properties) {
        this.store = store;
        this.senders = senders;
        this.properties = properties;
    }

    /** What a pass did. */
    record Pass(int sent, int retrying, int failed) {
    }

    public Pass deliverDue() {
        int sent = 0;
        int retrying = 0;
        int failed = 0;
        List<AlertStore.Due> due = store.due(clock.instant(), BATCH);
        for (AlertStore.Due delivery : due) {
            int attempts = delivery.attempts() + 1;
            Optional<AlertSender> sender = senders.sender(delivery.channel());
            String error;
            if (sender.isEmpty()) {
                error = "channel " + delivery.channel() + " is no longer configured";
            } else {
                try {
                    sender.get().send(delivery.alert());
                    store.sent(delivery.deliveryId(), attempts, clock.instant());
                    sent++;
                    continue;
                } catch (AlertSender.DeliveryException e) {
                    error = e.getMessage();
                } catch (RuntimeException e) {
                    error = delivery.channel() + " delivery failed: " + e.getClass().getSimpleName();
                }
            }
            Alert alert = delivery.alert();
            if (sender.isEmpty() || attempts >= properties.maxAttempts()) {
                store.failed(delivery.deliveryId(), attempts, error);
                log.warn("alert {} ({} of tenant '{}') could not be delivered by {} after {} attempts, given up: {}",
                        alert.id(), alert.condition(), alert.tenant(), delivery.channel(), attempts, error);
                failed++;
            } else {
                Duration wait = backoff(attempts);
                store.retryAt(delivery.deliveryId(), attempts, clock.instant().plus(wait), error);
                log.warn("alert {} ({} of tenant '{}') not delivered by {} (attempt {} of {}), retrying in {}: {}",
                        alert.id(), alert.condition(), alert.tenant(), delivery.channel(), attempts,
                        properties.maxAttempts(), wait, error);
                retrying++;
            }
        }
        return new Pass(sent, retrying, failed);
    }

    /** The wait after the {@code attempts}-th failure: initial-backoff × 2^(attempts-1), at most an hour. */
    Duration backoff(int attempts) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
