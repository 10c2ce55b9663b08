package io.entrasync.graph;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Default wiring of the Graph adapter: trust comes from the JVM unless another {@link TlsTrust} bean exists. */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TlsTrust tlsTrust() {
        return TlsTrust.jvmDefault();
    }
}
