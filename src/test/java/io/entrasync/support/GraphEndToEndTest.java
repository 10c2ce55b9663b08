package io.entrasync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against a real (embedded) PostgreSQL and a {@link FakeDirectory} (WireMock
 * Graph over TLS, trusted through {@link TrustTestTls}), with the admin token {@link ApiClient#TOKEN} and Graph
 * retries cut short so a fault test does not wait. The test class points {@code entra-sync.mappings-dir} at its
 * mapping with a {@code @DynamicPropertySource} (see {@link FakeDirectory#writeMapping}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.graph.max-retry-wait=50ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface GraphEndToEndTest {
}
