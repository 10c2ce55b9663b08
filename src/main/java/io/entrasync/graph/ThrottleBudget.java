package io.entrasync.graph;

import io.entrasync.source.DirectorySourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The time one read (a delta stream, a batch of lookups) may spend waiting out Graph's {@code Retry-After}
 * ({@link GraphProperties#maxThrottleWait()}): the run's deadline for throttling. Graph's throttling guidance says to
 * wait the number of seconds given in {@code Retry-After} before retrying, so a wait is never shortened; one that
 * would run past the budget ends the read instead, with "throttled by Graph, retry after …", and the next run (its
 * deltaLink untouched) picks it up. One instance per read; not thread-safe.
 */
final class ThrottleBudget {

    /** The error code of a read ended by a {@code Retry-After} beyond the budget. */
    static final String THROTTLED = "throttled";

    private final Duration limit;
    private final Clock clock;
    private Duration spent = Duration.ZERO;

    ThrottleBudget(Duration limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Books a wait that Graph asked for, or throws when it would overrun the budget.
     *
     * @param retryAfter the wait Graph asked for ({@code Retry-After}), or null when it named none: backoffs of our
     *                   own are bounded by the retry count and the cap of one wait, and are not booked
     */
    void book(String tenantKey, String request, int status, Duration retryAfter, Duration wait) {
        if (retryAfter == null) {
            return;
        }
        if (spent.plus(wait).compareTo(limit) > 0) {
            throw new DirectorySourceException(tenantKey, status, THROTTLED, "tenant '" + tenantKey
                    + "': throttled by Graph, retry after " + clock.instant().plus(retryAfter).truncatedTo(ChronoUnit.SECONDS)
                    + " (" + request + " answered HTTP " + status + " with Retry-After " + retryAfter.toSeconds()
                    + " s; waiting it out would pass this run's throttling deadline, entra-sync.graph.max-throttle-wait="
                    + limit + ", after " + spent.toSeconds() + " s already waited); the next run picks it up", null);
        }
        spent = spent.plus(wait);
    }
}
