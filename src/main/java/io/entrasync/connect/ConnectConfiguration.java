package io.entrasync.connect;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the connect flow: the real clock (a test brings a {@code @Primary} {@link ConnectTime} of its own). */
@Configuration
class ConnectConfiguration {

    @Bean
    ConnectTime connectTime() {
        return ConnectTime.SYSTEM;
    }
}
