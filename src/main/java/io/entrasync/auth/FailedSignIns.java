package io.entrasync.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts refused credentials per client address in fixed windows: once an address has presented
 * {@code limit} refused credentials in a window, its calls with credentials are answered 429 until the window ends.
 * Addresses are bounded in number, so a flood of addresses cannot grow memory without limit.
 */
final class FailedSignIns {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    FailedSignIns(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window.multipliedBy(2)).build();
    }

    /** Records one refused credential of {@code address}. */
    void failed(String address) {
        Instant now = clock.instant();
        windows.asMap().compute(address, (a, w) ->
                w == null || !now.isBefore(w.start.plus(window)) ? new Window(now, 1) : new Window(w.start, w.count + 1));
    }

    /** Seconds until {@code address} may try again; 0 when it may now. */
    long retryAfterSeconds(String address) {
        Window current = windows.getIfPresent(address);
        Instant now = clock.instant();
        if (current == null || current.count < limit || !now.isBefore(current.start.plus(window))) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(Duration.between(now, current.start.plus(window)).toMillis() / 1000.0));
    }

    private record Window(Instant start, int count) {
    }
}
