package io.entrasync.graph;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Default wiring of the Graph adapter: trust comes from the JVM unless another {@link TlsTrust} bean exists; one
 * {@link TenantClients} for the whole service.
 */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TlsTrust tlsTrust() {
        return TlsTrust.jvmDefault();
    }

    /**
     * The service's one cache of tenant clients (token, HTTP client, Graph client per tenant), shared by the delta
     * reader and the subscription calls, so a tenant has one token cache and one rotated-secret eviction, not two.
     */
    @Bean
    TenantClients tenantClients(GraphProperties properties, TlsTrust tlsTrust) {
        return new TenantClients(properties, tlsTrust, new CredentialLoader(System::getenv), java.time.Clock.systemUTC());
    }
}
