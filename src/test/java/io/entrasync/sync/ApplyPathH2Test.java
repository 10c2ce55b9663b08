package io.entrasync.sync;

import io.entrasync.support.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;

/** The apply path's writes on H2 (the batched fallback); same context as the H2 smoke test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:smoke;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings"
})
class ApplyPathH2Test extends ApplyPathContract {
}
