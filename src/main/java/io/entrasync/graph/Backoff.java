package io.entrasync.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between retries: the server's {@code Retry-After} (seconds or an HTTP date) when given, else an
 * exponential backoff from {@link GraphProperties#initialBackoff()}; plus a small random jitter so tenants
 * throttled together do not come back together. A {@code Retry-After} is never shortened (retrying earlier only
 * prolongs the throttling, says Graph's throttling guidance; {@link ThrottleBudget} decides whether to wait it out);
 * a backoff of our own is never longer than {@link GraphProperties#maxRetryWait()}.
 */
class Backoff {

    private final GraphProperties properties;
    private final Clock clock;

    Backoff(GraphProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param retry      1 for the first retry
     * @param retryAfter the raw {@code Retry-After} header, or null
     */
    Duration waitBefore(int retry, String retryAfter) {
        Duration asked = parseRetryAfter(retryAfter);
        Duration base = asked != null ? asked : properties.initialBackoff().multipliedBy(1L << Math.min(retry - 1, 16));
        long jitterBound = base.toMillis() / 10 + 20;
        Duration wait = base.plusMillis(ThreadLocalRandom.current().nextLong(jitterBound));
        return asked == null && wait.compareTo(properties.maxRetryWait()) > 0 ? properties.maxRetryWait() : wait;
    }

    /** Sleeps; an interrupt ends the wait and is re-asserted on the thread. */
    void sleep(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
    }

    /** A budget for one read's waits on {@code Retry-After}, from now. */
    ThrottleBudget budget() {
        return new ThrottleBudget(properties.maxThrottleWait(), clock);
    }

    /** The wait a {@code Retry-After} header asks for, or null when absent or unreadable. */
    Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
