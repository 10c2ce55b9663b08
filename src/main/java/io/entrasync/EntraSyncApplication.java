package io.entrasync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the entra-sync service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EntraSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(EntraSyncApplication.class, args);
    }
}
