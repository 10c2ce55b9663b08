package io.entrasync.notify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warnings about refused notifications, at most one line per reason per {@link #INTERVAL}: the webhook is public, so a
 * flood of forged requests must not become a flood of log lines. The line says how many were left out since the last.
 */
final class RateLimitedLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private record Slot(AtomicLong next, AtomicLong suppressed) {
    }

    private final Logger log;
    private final LongSupplier nanoClock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    RateLimitedLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code format} with {@code args} as a warning unless one of the same reason was logged within INTERVAL. */
    void warn(String reason, String format, Object... args) {
        Slot slot = slots.computeIfAbsent(reason, r -> new Slot(new AtomicLong(Long.MIN_VALUE), new AtomicLong()));
        long now = nanoClock.getAsLong();
        long next = slot.next().get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !slot.next().compareAndSet(next, now + INTERVAL.toNanos())) {
            slot.suppressed().incrementAndGet();
            return;
        }
        long left = slot.suppressed().getAndSet(0);
        if (log.isWarnEnabled()) {
            log.warn(format + (left > 0 ? " (" + left + " similar request(s) not logged in the last "
                    + INTERVAL.toMinutes() + " min)" : ""), args);
        }
    }
}
