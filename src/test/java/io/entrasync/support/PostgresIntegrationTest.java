package io.entrasync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against a real (embedded) PostgreSQL, with the admin token
 * {@link ApiClient#TOKEN}. Tests that share this exact configuration share one Spring context (and database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings",
        // the suite presents many wrong tokens from 127.0.0.1 on purpose; the throttle itself: auth/SignInThrottleTest
        "entra-sync.auth.failed-sign-ins=100000"
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface PostgresIntegrationTest {
}
