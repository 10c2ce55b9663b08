package io.entrasync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.auth.Caller;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectOutcomeTest {

    static final Instant STARTED = Instant.parse("2026-12-06T13:30:00Z");
    static final Instant EXPIRES = STARTED.plusSeconds(15 * 60);

    static ConnectRequest waiting(Instant usedAt) {
        return new ConnectRequest("id", "fabrikam", "_msp-default", new Caller(Caller.Kind.USER, "u", "Ann"), STARTED,
                EXPIRES, usedAt, ConnectRequest.Status.WAITING, null, ConnectRequest.Details.NONE);
    }

    @Test
    void aWaitingRequestPastItsTime_isExpired_unlessACallbackIsProvingIt() {
        Instant late = EXPIRES.plusSeconds(30);
        Duration wait = Duration.ofSeconds(60);

        assertThat(ConnectOutcome.of(waiting(null), EXPIRES.minusSeconds(1), wait).status()).isEqualTo("waiting");
        assertThat(ConnectOutcome.of(waiting(null), late, wait).status()).isEqualTo("expired");
        assertThat(ConnectOutcome.of(waiting(EXPIRES.minusSeconds(5)), late, wait).status())
                .as("the state was used a moment before it expired: the proof is still running").isEqualTo("waiting");
        assertThat(ConnectOutcome.of(waiting(EXPIRES.minusSeconds(5)), late.plus(ConnectOutcome.ATTEMPTS_ROOM)
                .plus(wait), wait).status()).as("no proof takes this long: it was lost (a replica stopped)")
                .isEqualTo("expired");
    }
}
