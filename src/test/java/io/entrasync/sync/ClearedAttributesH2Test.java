package io.entrasync.sync;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ClearedAttributesContract} on H2, the zero-setup default (the full read staged with batched inserts). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "spring.datasource.url=jdbc:h2:mem:h2cleared;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
class ClearedAttributesH2Test extends ClearedAttributesContract {

    static final FakeDirectory graph = new FakeDirectory(1);

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = writeMapping(graph, "e2e-cleared-h2", "fabrikam");
        registry.add("entra-sync.mappings-dir", () -> dir);
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
    String tenant() {
        return "fabrikam";
    }
}
