package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.config.MspAppProperties;
import io.entrasync.graph.TlsTrust;
import io.entrasync.source.TenantConnection;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring wiring: off by default; when enabled, a running simulator and a TlsTrust that wins over the default. */
class SimulatorConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, JvmDefaultTrust.class, SimulatorConfiguration.class)
            .withPropertyValues("entra-sync.simulator.port=0", "entra-sync.simulator.users=50",
                    "entra-sync.simulator.drift-every=0s",
                    "entra-sync.simulator.keystore-dir=" + SimulatedTenant.KEYSTORE_DIR);

    @Test
    void disabledByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(GraphSimulator.class);
            assertThat(context.getBean(TlsTrust.class).forTenant(demo(8443))).isEmpty();
        });
    }

    @Test
    void enabled_startsTheDemoTenant_andTrustsItsCertificateForItsEndpointOnly() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true").run(context -> {
            GraphSimulator simulator = context.getBean(GraphSimulator.class);
            TlsTrust trust = context.getBean(TlsTrust.class);

            assertThat(simulator.directory("00000000-0000-0000-0000-0000000000de").stats().users()).isEqualTo(50);
            assertThat(trust.forTenant(demo(simulator.port()))).isPresent();
            assertThat(trust.forTenant(new TenantConnection("contoso", "x", "y", null, TenantConnection.Cloud.GLOBAL,
                    null, null))).isEmpty();
            assertThat(Files.readString(SimulatedTenant.KEYSTORE_DIR.resolve(SimulatorConfiguration.SECRET_FILE)))
                    .isEqualTo("demo-secret");
        });
    }

    @Test
    void enabled_servesTheMspAppAndItsTwoCustomers_andMakesItTheServicesMspApp() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true", "entra-sync.simulator.msp.consent-delay=5s")
                .run(context -> {
                    GraphSimulator simulator = context.getBean(GraphSimulator.class);
                    MspAppProperties msp = context.getBean(MspAppProperties.class);

                    assertThat(simulator.customers()).extracting(CustomerTenant::displayName)
                            .containsExactly("Fabrikam", "Northwind Traders");
                    assertThat(simulator.directory("00000000-0000-0000-0000-0000000fab01").groupIndex("Helpdesk Users"))
                            .isZero();
                    assertThat(simulator.organization("00000000-0000-0000-0000-0000000000de").displayName())
                            .isEqualTo("Demo");
                    assertThat(msp.clientId()).isEqualTo("00000000-0000-0000-0000-00000000a11c");
                    assertThat(msp.cloud()).isEqualTo("custom");
                    assertThat(msp.authorityHost()).isEqualTo(simulator.baseUrl());
                    assertThat(msp.graphEndpoint()).isEqualTo(simulator.baseUrl());
                    assertThat(Files.readString(java.nio.file.Path.of(msp.clientSecretFile())))
                            .isEqualTo("demo-msp-secret");
                });
    }

    @Test
    void customersFromSettings_replaceTheDemos_withDefaultsForWhatIsLeftOut() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true",
                "entra-sync.simulator.msp.customers[0].tenant-id=00000000-0000-0000-0000-00000000c0c0",
                "entra-sync.simulator.msp.customers[0].name=Contoso Ltd",
                "entra-sync.simulator.msp.customers[0].domain=contoso.example").run(context -> {
                    GraphSimulator simulator = context.getBean(GraphSimulator.class);

                    assertThat(simulator.customers()).extracting(CustomerTenant::displayName)
                            .containsExactly("Contoso Ltd");
                    TenantDirectory contoso = simulator.directory("00000000-0000-0000-0000-00000000c0c0");
                    assertThat(contoso.stats().users()).isEqualTo(40);
                    assertThat(contoso.stats().groups()).isEqualTo(20);
                    assertThat(contoso.groupIndex("Paris Office")).as("the demo's site groups").isNotNegative();
                    assertThat(simulator.organization(contoso.tenantId()).verifiedDomains())
                            .extracting(SimOrganization.VerifiedDomain::name)
                            .containsExactly("contoso.example", "contosoltd.onmicrosoft.com");
                });
    }

    @Test
    void aCustomerWithoutItsDomain_failsStartUpNamingTheSetting() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true",
                "entra-sync.simulator.msp.customers[0].tenant-id=00000000-0000-0000-0000-00000000c0c0",
                "entra-sync.simulator.msp.customers[0].name=Contoso Ltd").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("customers[0].domain");
                });
    }

    @Test
    void aConfiguredMspApp_winsOverTheDemos() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true", "entra-sync.msp.client-id=real-app",
                "entra-sync.msp.client-secret-file=/run/secrets/msp").run(context -> {
                    MspAppProperties msp = context.getBean(MspAppProperties.class);

                    assertThat(msp.clientId()).isEqualTo("real-app");
                    assertThat(msp.clientSecretFile()).isEqualTo("/run/secrets/msp");
                    assertThat(msp.cloud()).isNull();
                });
    }

    @Test
    void mspSideSwitchedOff_leavesTheServiceWithoutAnMspApp() {
        runner.withPropertyValues("entra-sync.simulator.enabled=true", "entra-sync.simulator.msp.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(GraphSimulator.class).customers()).isEmpty();
                    assertThat(context.getBean(MspAppProperties.class).clientId()).isNull();
                });
    }

    private static TenantConnection demo(int port) {
        return new TenantConnection("demo", "00000000-0000-0000-0000-0000000000de", "c", null,
                TenantConnection.Cloud.CUSTOM, "https://127.0.0.1:" + port, "https://127.0.0.1:" + port);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SimulatorProperties.class, SimulatorMspProperties.class})
    static class Properties {
    }

    /** Stands in for the graph package's default bean, which the simulator's {@code @Primary} bean must beat. */
    @Configuration(proxyBeanMethods = false)
    static class JvmDefaultTrust {
        @Bean
        TlsTrust jvmDefaultTlsTrust() {
            return TlsTrust.jvmDefault();
        }
    }
}
