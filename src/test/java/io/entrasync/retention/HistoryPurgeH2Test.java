package io.entrasync.retention;

import io.entrasync.support.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link HistoryPurgeContract} on H2 (the default database): the purge's SQL runs on both. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:smoke;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings"
})
class HistoryPurgeH2Test extends HistoryPurgeContract {
}
