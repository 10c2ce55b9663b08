package io.entrasync.support;

import io.entrasync.graph.TlsTrust;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Makes the service trust the test keystore that {@link FakeDirectory} serves Graph and the token endpoint with. */
@TestConfiguration
public class TrustTestTls {

    @Bean
    @Primary
    TlsTrust testTrust() {
        return TestTls.trust();
    }
}
