package io.entrasync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    final Backoff backoff = new Backoff(new GraphProperties(5, Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofMinutes(10)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void retryAfterSeconds_isHonouredPlusASmallJitter() {
        Duration wait = backoff.waitBefore(1, "7");

        assertThat(wait).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7_000 + 700 + 20));
    }

    @Test
    void retryAfterAsHttpDate_waitsUntilThen() {
        assertThat(backoff.parseRetryAfter("Wed, 15 Jan 2025 10:00:12 GMT")).isEqualTo(Duration.ofSeconds(12));
        assertThat(backoff.parseRetryAfter("Wed, 15 Jan 2025 09:59:00 GMT")).isZero();
    }

    /** Graph's throttling guidance: wait the number of seconds given in Retry-After; retrying sooner prolongs it. */
    @Test
    void aRetryAfterLongerThanMaxRetryWait_isNeverShortened() {
        assertThat(backoff.waitBefore(1, "3600")).isGreaterThanOrEqualTo(Duration.ofSeconds(3600));
        assertThat(backoff.waitBefore(1, "Wed, 15 Jan 2025 10:02:00 GMT")).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void withoutRetryAfter_backsOffExponentially() {
        assertThat(backoff.waitBefore(1, null)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_120));
        assertThat(backoff.waitBefore(3, "garbage")).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_420));
        assertThat(backoff.waitBefore(10, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterZero_waitsOnlyTheJitter() {
        assertThat(backoff.waitBefore(1, "0")).isLessThan(Duration.ofMillis(20));
    }
}
