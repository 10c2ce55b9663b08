package io.entrasync.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code entra-sync.connect.*}: the public URL is checked at start-up, naming the variable. */
class ConnectPropertiesTest {

    @Test
    void publicUrl_blankIsUnset_aTrailingSlashIsDropped() {
        assertThat(properties("").publicBase()).isNull();
        assertThat(properties(null).publicBase()).isNull();
        assertThat(properties(" https://sync.example.com/ ").publicBase()).isEqualTo("https://sync.example.com");
    }

    @Test
    void publicUrl_thatIsNoAbsoluteHttpUrl_stopsTheStart_namingTheVariable() {
        assertThatThrownBy(() -> properties("sync.example.com")).hasMessageContaining("ENTRA_SYNC_PUBLIC_URL");
        assertThatThrownBy(() -> properties("ftp://sync.example.com")).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> properties("https://bad host")).hasMessageContaining("ENTRA_SYNC_PUBLIC_URL");
    }

    @Test
    void aBackoffOfZero_stopsTheStart_insteadOfRetryingTheTokenEndpointWithoutAPause() {
        assertThatThrownBy(() -> new ConnectProperties(null, Duration.ofMinutes(15), Duration.ofSeconds(60),
                Duration.ZERO, true)).hasMessageContaining("initial-backoff");
        assertThatThrownBy(() -> new ConnectProperties(null, Duration.ofMinutes(15), Duration.ofSeconds(-1),
                Duration.ofSeconds(2), true)).hasMessageContaining("consent-wait");
    }

    private static ConnectProperties properties(String publicUrl) {
        return new ConnectProperties(publicUrl, Duration.ofMinutes(15), Duration.ofSeconds(60), Duration.ofSeconds(2),
                true);
    }
}
