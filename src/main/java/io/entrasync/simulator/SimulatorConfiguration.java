package io.entrasync.simulator;

import io.entrasync.auth.LocalIssuer;
import io.entrasync.graph.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts the Graph simulator with the application when {@code entra-sync.simulator.enabled=true} (the demo), stops
 * it on shutdown, and trusts its demo certificate for the simulator's endpoint only ({@link SimulatorTlsTrust},
 * {@code @Primary} over the graph package's JVM-default {@link TlsTrust}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "entra-sync.simulator", name = "enabled", havingValue = "true")
class SimulatorConfiguration {

    /** File in the keystore directory holding the demo secret, for a mapping's {@code clientSecretFile}. */
    static final String SECRET_FILE = "client-secret";

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean(destroyMethod = "close")
    GraphSimulator graphSimulator(SimulatorProperties properties) {
        GraphSimulator simulator = GraphSimulator.start(properties.settings());
        TenantDirectory directory = simulator.register(properties.registration(), properties.shape());
        writeDemoSecret(properties.keystoreDir(), properties.clientSecret());
        TenantDirectory.Stats stats = directory.stats();
        log.info("Graph simulator at {} for demo tenant {}: {} users, {} groups, page size {}, drift every {}; TLS "
                        + "keystore {} (demo only, not secret)", simulator.baseUrl(), properties.tenantId(),
                stats.users(), stats.groups(), properties.pageSize(), properties.driftEvery(),
                properties.keystoreDir().resolve(SimulatorKeystore.FILE_NAME));
        return simulator;
    }

    /**
     * The demo sign-in the service trusts when no issuer is configured: the simulator's own issuer, its certificate
     * trusted for the simulator's address alone (as for Graph calls, {@link SimulatorTlsTrust}).
     */
    @Bean
    LocalIssuer demoSignIn(GraphSimulator simulator) {
        return new LocalIssuer(simulator.demoIssuer(), DemoOidcProvider.AUDIENCE, DemoOidcProvider.CLIENT_ID,
                simulator.trustStore());
    }

    @Bean
    @Primary
    TlsTrust simulatorTlsTrust(GraphSimulator simulator) {
        return new SimulatorTlsTrust(simulator.trustStore(), simulator.port());
    }

    private static void writeDemoSecret(Path directory, String secret) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(SECRET_FILE), secret, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo secret file into " + directory, e);
        }
    }
}
