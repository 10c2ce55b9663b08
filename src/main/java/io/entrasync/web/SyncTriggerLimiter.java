package io.entrasync.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per tenant for manual sync triggers: {@link ApiLimits#syncTriggerBurst()} at once, refilled at
 * {@link ApiLimits#syncTriggersPerMinute()}. Buckets of unknown names are bounded in number (a client cannot grow
 * memory by inventing tenants).
 */
class SyncTriggerLimiter {

    private final int capacity;
    private final double perNano;
    private final Clock clock;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    SyncTriggerLimiter(ApiLimits limits, Clock clock) {
        this.capacity = limits.syncTriggerBurst();
        this.perNano = limits.syncTriggersPerMinute() / (double) Duration.ofMinutes(1).toNanos();
        this.clock = clock;
    }

    /** Takes one trigger of {@code tenant}'s bucket; answers 0 when allowed, else the seconds until one is free. */
    long acquire(String tenant) {
        Bucket bucket = buckets.get(tenant, t -> new Bucket(capacity, now()));
        synchronized (bucket) {
            long now = now();
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
        }
    }

    private long now() {
        Duration sinceEpoch = Duration.between(java.time.Instant.EPOCH, clock.instant());
        return sinceEpoch.toNanos();
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** The trigger was refused: too many of them for this tenant in a short time. */
    static final class RateLimitedException extends RuntimeException {
        final long retryAfterSeconds;

        RateLimitedException(String tenant, long retryAfterSeconds) {
            super("too many sync triggers for tenant '" + tenant + "'; retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
