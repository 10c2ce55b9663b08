package io.entrasync.simulator;

import io.entrasync.auth.LocalIssuer;
import io.entrasync.config.MspAppProperties;
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
import org.springframework.core.env.Environment;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Starts the Graph simulator with the application when {@code entra-sync.simulator.enabled=true} (the demo), stops
 * it on shutdown, and trusts its demo certificate for the simulator's endpoint only ({@link SimulatorTlsTrust},
 * {@code @Primary} over the graph package's JVM-default {@link TlsTrust}). With {@code entra-sync.simulator.msp} on (the
 * default) it also serves the MSP app and its customer tenants and makes that app the service's MSP app.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "entra-sync.simulator", name = "enabled", havingValue = "true")
class SimulatorConfiguration {

    /** File in the keystore directory holding the demo secret, for a mapping's {@code clientSecretFile}. */
    static final String SECRET_FILE = "client-secret";

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean(destroyMethod = "close")
    GraphSimulator graphSimulator(SimulatorProperties properties, SimulatorMspProperties msp) {
        GraphSimulator simulator = GraphSimulator.start(properties.settings());
        TenantDirectory directory = simulator.register(properties.registration(), properties.shape());
        simulator.organization(properties.tenantId(), SimOrganization.of("Demo", properties.domain()));
        writeDemoSecret(properties.keystoreDir(), SECRET_FILE, properties.clientSecret());
        TenantDirectory.Stats stats = directory.stats();
        log.info("Graph simulator at {} for demo tenant {}: {} users, {} groups, page size {}, drift every {}; TLS "
                        + "keystore {} (demo only, not secret)", simulator.baseUrl(), properties.tenantId(),
                stats.users(), stats.groups(), properties.pageSize(), properties.driftEvery(),
                properties.keystoreDir().resolve(SimulatorKeystore.FILE_NAME));
        if (msp.enabled()) {
            simulator.registerMspApp(msp.app());
            writeDemoSecret(properties.keystoreDir(), SimulatorMspProperties.SECRET_FILE, msp.clientSecret());
            for (CustomerTenant customer : msp.customerTenants()) {
                TenantDirectory.Stats customerStats = simulator.registerCustomer(customer).stats();
                log.info("Graph simulator customer tenant {} ({}): {} users, {} groups; connect it with the page's "
                        + "\"Connect a customer\"", customer.displayName(), customer.tenantId(), customerStats.users(),
                        customerStats.groups());
            }
        }
        return simulator;
    }

    /**
     * The service's MSP app in the demo: the simulator's multi-tenant app (its client id, the secret file written
     * above, a custom cloud at the simulator), unless an MSP app is configured ({@code ENTRA_SYNC_MSP_CLIENT_ID}), which
     * then wins. {@code @Primary} over the bound {@code entra-sync.msp.*} properties, so nothing points at the
     * simulator once it is switched off.
     */
    @Bean
    @Primary
    MspAppProperties demoMspApp(Environment environment, SimulatorProperties properties, SimulatorMspProperties msp,
            GraphSimulator simulator) {
        MspAppProperties configured = Binder.get(environment).bind("entra-sync.msp", MspAppProperties.class)
                .orElse(new MspAppProperties(null, null, null, null, null, null, null));
        if (!msp.enabled() || configured.clientId() != null && !configured.clientId().isBlank()) {
            return configured;
        }
        return new MspAppProperties(msp.clientId(), properties.keystoreDir().resolve(SimulatorMspProperties.SECRET_FILE)
                .toString(), null, null, "custom", simulator.baseUrl(), simulator.baseUrl());
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

    private static void writeDemoSecret(Path directory, String file, String secret) {
        try {
            Files.createDirectories(directory);
            Path path = directory.resolve(file);
            Files.writeString(path, secret, StandardCharsets.UTF_8);
            // owner-only, as the credential loader asks of any secret file (it warns on every run otherwise)
            if (Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo secret file into " + directory, e);
        }
    }
}
