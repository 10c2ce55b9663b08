package io.entrasync.graph;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code entra-sync.graph.*}: the retry budget and HTTP timeouts of Graph and token calls.
 *
 * @param maxRetries     retries of one request (429, 503, 504, connection failures) before the read fails
 * @param maxRetryWait   cap of one backoff of our own (no {@code Retry-After}); a {@code Retry-After} is never
 *                       shortened
 * @param initialBackoff first wait when the answer carries no {@code Retry-After}; doubles per retry
 * @param connectTimeout TCP/TLS connect timeout of Graph and token requests
 * @param readTimeout    socket read timeout of Graph and token requests
 * @param clientCacheSize tenants whose Graph client and access token are kept between runs; beyond it the least
 *                       recently used tenant's are rebuilt (a token request) on its next run. Set it above the
 *                       number of tenants (each entry holds a few tens of KB)
 * @param maxThrottleWait the run's deadline for throttling: the time one read may spend waiting out Graph's
 *                       {@code Retry-After}; a wait beyond it ends the run FAILED "throttled by Graph, retry after …"
 *                       (deltaLink untouched) and the next run picks it up
 */
@Validated
@ConfigurationProperties("entra-sync.graph")
public record GraphProperties(
        @DefaultValue("5") @PositiveOrZero @Max(20) int maxRetries,
        @DefaultValue("60s") Duration maxRetryWait,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("5000") @Positive int clientCacheSize,
        @DefaultValue("10m") Duration maxThrottleWait) {

    public GraphProperties {
        requirePositive("entra-sync.graph.max-retry-wait", maxRetryWait, true);
        requirePositive("entra-sync.graph.initial-backoff", initialBackoff, true);
        requirePositive("entra-sync.graph.connect-timeout", connectTimeout, false);
        requirePositive("entra-sync.graph.read-timeout", readTimeout, false);
        requirePositive("entra-sync.graph.max-throttle-wait", maxThrottleWait, true);
        if (clientCacheSize < 1) {
            throw new IllegalArgumentException("entra-sync.graph.client-cache-size must be positive, was "
                    + clientCacheSize);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("entra-sync.graph.max-retries must be >= 0, was " + maxRetries);
        }
    }

    /** The defaults, as bound when nothing is configured. */
    public static GraphProperties defaults() {
        return new GraphProperties(5, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 5000, Duration.ofMinutes(10));
    }

    private static void requirePositive(String property, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(property + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " duration (never infinite), was " + value);
        }
    }
}
