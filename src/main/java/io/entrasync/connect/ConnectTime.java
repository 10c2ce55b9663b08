package io.entrasync.connect;

import java.time.Duration;
import java.time.Instant;

/**
 * The connect flow's time: the clock that expires states and the pause between consent-proof attempts. One bean;
 * a test replaces it to let "the token endpoint refuses for 20 seconds" pass without waiting 20 seconds.
 */
public interface ConnectTime {

    /** The system clock and {@link Thread#sleep}. */
    ConnectTime SYSTEM = new ConnectTime() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void pause(Duration wait) throws InterruptedException {
            Thread.sleep(wait.toMillis());
        }
    };

    Instant now();

    /** Waits; an interrupt ends the wait early. */
    void pause(Duration wait) throws InterruptedException;
}
