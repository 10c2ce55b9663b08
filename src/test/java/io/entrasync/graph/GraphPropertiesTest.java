package io.entrasync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GraphPropertiesTest {

    @Test
    void nothingConfigured_bindsTheDefaults() {
        GraphProperties bound = new Binder(new MapConfigurationPropertySource(Map.of("entra-sync.graph.max-retries", "5")))
                .bindOrCreate("entra-sync.graph", GraphProperties.class);

        assertThat(bound).isEqualTo(GraphProperties.defaults());
    }

    @Test
    void configuredValues_areBound() {
        GraphProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                "entra-sync.graph.max-retries", "2", "entra-sync.graph.max-retry-wait", "5s",
                "entra-sync.graph.read-timeout", "30s", "entra-sync.graph.client-cache-size", "20000")))
                .bindOrCreate("entra-sync.graph", GraphProperties.class);

        assertThat(bound.maxRetries()).isEqualTo(2);
        assertThat(bound.maxRetryWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bound.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound.clientCacheSize()).isEqualTo(20000);
    }

    @Test
    void aClientCacheOfNoTenants_isRejectedNamingTheProperty() {
        assertThatThrownBy(() -> new GraphProperties(5, Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 0, Duration.ofMinutes(10)))
                .hasMessageContaining("entra-sync.graph.client-cache-size");
    }

    @Test
    void aZeroTimeout_isRejectedNamingTheProperty() {
        assertThatThrownBy(() -> new GraphProperties(5, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(60), 100, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entra-sync.graph.connect-timeout");
    }

    @Test
    void negativeRetries_areRejected() {
        assertThatThrownBy(() -> new GraphProperties(-1, Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 100, Duration.ofMinutes(10)))
                .hasMessageContaining("entra-sync.graph.max-retries");
    }
}
