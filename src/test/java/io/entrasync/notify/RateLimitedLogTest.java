package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Refusal warnings of the public webhook: one line per reason per minute, saying how many were left out. */
class RateLimitedLogTest {

    @Test
    void oneLinePerReasonPerInterval_thenTheCountOfThoseLeftOut() {
        Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong nanos = new AtomicLong(42);
        RateLimitedLog log = new RateLimitedLog(logger, nanos::get);

        for (int i = 0; i < 5; i++) {
            log.warn("unknown", "refused {} item(s)", i);
        }
        log.warn("clientState", "wrong clientState for {}", "s1");
        nanos.addAndGet(RateLimitedLog.INTERVAL.toNanos() - 1);
        log.warn("unknown", "refused {} item(s)", 5);
        nanos.addAndGet(1);
        log.warn("unknown", "refused {} item(s)", 6);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "refused 0 item(s)",
                "wrong clientState for s1",
                "refused 6 item(s) (5 similar request(s) not logged in the last 1 min)");
        logger.detachAppender(lines);
    }
}
