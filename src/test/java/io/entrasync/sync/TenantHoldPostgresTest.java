package io.entrasync.sync;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TenantHoldScenario} on PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.schedule.reconcile-interval=500ms",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class TenantHoldPostgresTest extends TenantHoldScenario {

    static final FakeDirectory graph = new FakeDirectory(3);
    static final Path MAPPINGS = Path.of("target", "hold-postgres", "mappings");

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        seed(graph);
        writeMapping(graph, MAPPINGS, "Helpdesk Users", NEVER, SAFETY);
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Override
    FakeDirectory graph() {
        return graph;
    }

    @Override
    Path mappings() {
        return MAPPINGS;
    }
}
