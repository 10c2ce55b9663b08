package io.entrasync.bench;

import io.entrasync.graph.TlsTrust;
import java.security.KeyStore;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Wiring for the benchmark's context (registered as a source, deliberately not a scanned @Configuration). */

class BenchTrust {

    static volatile KeyStore trustStore;

    @Bean
    @Primary
    TlsTrust benchTlsTrust() {
        TlsTrust.TrustMaterial material = TlsTrust.TrustMaterial.trusting(trustStore);
        return tenant -> Optional.of(material);
    }

    @Bean
    static BeanPostProcessor statementCounter() {
        return new StatementCounter();
    }
}
