package io.entrasync.auth;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.OidcTestProvider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port against the embedded PostgreSQL, trusting the test's real OIDC provider
 * ({@link OidcTestProvider}) for the audience {@link OidcTestProvider#AUDIENCE}, with the admin token
 * {@link ApiClient#TOKEN}; the admin page signs in at that provider as its client {@link OidcTestProvider#PAGE_CLIENT}.
 * Failed sign-ins are not throttled here (the throttle has its own test).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings",
        "entra-sync.auth.audience=" + OidcTestProvider.AUDIENCE,
        "entra-sync.auth.client-id=" + OidcTestProvider.PAGE_CLIENT,
        "entra-sync.auth.client-secret=" + OidcTestProvider.PAGE_SECRET,
        "entra-sync.auth.failed-sign-ins=100000"
})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, OidcTestProvider.Issuer.class})
@interface OidcIntegrationTest {
}
