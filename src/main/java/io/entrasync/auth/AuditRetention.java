package io.entrasync.auth;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than {@code entra-sync.audit.retention} once at start-up and then every
 * {@code entra-sync.audit.purge-interval}. Every replica purges; the delete is idempotent.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditTrail trail;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService executor;

    AuditRetention(AuditTrail trail, AuditProperties properties) {
        this.trail = trail;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.purgeInterval().toMillis();
        executor.scheduleWithFixedDelay(this::purge, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Deletes what is older than the retention; answers how many rows went. */
    int purge() {
        try {
            int purged = trail.purgeBefore(clock.instant().minus(properties.retention()));
            if (purged > 0) {
                log.info("Purged {} audit events older than {}", purged, properties.retention());
            }
            return purged;
        } catch (RuntimeException e) {
            log.warn("Could not purge old audit events: {}", e.toString());
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The retention in force. */
    Duration retention() {
        return properties.retention();
    }
}
