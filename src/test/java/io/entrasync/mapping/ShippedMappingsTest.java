package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.TenantConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mapping files shipped in {@code mappings/} are valid and say what the docs say they do. */
class ShippedMappingsTest {

    private final MappingLoader loader = new MappingLoader();

    private TenantMappingStatus load(String name) throws IOException {
        Path file = Path.of("mappings", name);
        return loader.load(file.toString(), Files.readString(file));
    }

    @Test
    void exampleContoso_isValid() throws IOException {
        TenantMappingStatus status = load("examples/contoso.yaml");

        assertThat(status.errors()).isEmpty();
        assertThat(status.tenant()).isEqualTo("contoso");
        assertThat(status.mapping().sites()).extracting(SiteRule::owner).contains(SiteOwner.MANUAL,
                SiteOwner.tenant("fabrikam"), SiteOwner.OWN);
    }

    @Test
    void theMappingsDirectory_loadsTheDemoTenantAlone_notTheExample() {
        MappingRegistry registry = new MappingRegistry(Path.of("mappings"), System::nanoTime);

        assertThat(registry.all()).extracting(TenantMappingStatus::tenant).containsExactly("demo");
        assertThat(registry.all().get(0).valid()).isTrue();
        assertThat(registry.unreadable()).isEmpty();
    }

    @Test
    void demo_isValidAndPointsAtTheSimulator() throws IOException {
        TenantMappingStatus status = load("demo.yaml");

        assertThat(status.errors()).isEmpty();
        TenantMapping demo = status.mapping();
        assertThat(demo.tenant()).isEqualTo("demo");
        assertThat(demo.connection().cloud()).isEqualTo(TenantConnection.Cloud.CUSTOM);
        assertThat(demo.connection().effectiveGraphEndpoint()).isEqualTo("https://127.0.0.1:8443");
        assertThat(demo.connection().effectiveAuthorityHost()).isEqualTo("https://127.0.0.1:8443");
        assertThat(demo.connection().credentials().clientSecretFile()).hasToString("./data/simulator/client-secret");
        assertThat(demo.schedule()).isEqualTo("0 * * * * ?");
    }

    @Test
    void demo_placesUsersByGroup() throws IOException {
        TenantMapping demo = load("demo.yaml").mapping();
        var user = TestMappings.user("u1").build();

        var result = new MappingEngine().evaluate(demo, user, Set.of(new GroupRef("g1", "Helpdesk Users"),
                new GroupRef("g2", "Paris Office"), new GroupRef("g3", "Site Admins")));

        var account = ((MappingResult.InScope) result).account();
        assertThat(account.siteName()).isEqualTo("Paris");
        assertThat(account.mainSiteUserCandidate()).isTrue();
        assertThat(account.autoTicketDisabled()).isFalse();
    }

    @Test
    void exampleTemplateAndFiveLineTenant_loadTogether_withTheMspApp(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Files.copy(Path.of("mappings", "examples", "_msp-default.yaml"), dir.resolve("_msp-default.yaml"));
        Files.copy(Path.of("mappings", "examples", "northwind.yaml"), dir.resolve("northwind.yaml"));
        MspApp msp = MspApp.of("bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "/run/secrets/msp", null, null, null, null, null);

        MappingRegistry registry = new MappingRegistry(dir, System::nanoTime, msp);

        assertThat(Files.readAllLines(dir.resolve("northwind.yaml"))).hasSize(5);
        assertThat(registry.all()).extracting(TenantMappingStatus::tenant).containsExactly("northwind");
        assertThat(registry.all().get(0).errors()).isEmpty();
        TenantMapping northwind = registry.tenant("northwind").orElseThrow();
        assertThat(northwind.connection().clientId()).isEqualTo("bbbbbbbb-cccc-dddd-eeee-ffffffffffff");
        assertThat(northwind.scope().groups()).containsExactly("Northwind Staff");
        assertThat(northwind.timeZone().getId()).isEqualTo("Europe/Berlin");
    }

    /** The demo's template ({@code mappings/_msp-default.yaml}) with a five-line tenant file as the connect flow writes it. */
    @Test
    void demoTemplate_withAFiveLineCustomerFile_loadsWithTheDemosMspApp(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Files.copy(Path.of("mappings", "_msp-default.yaml"), dir.resolve("_msp-default.yaml"));
        Files.writeString(dir.resolve("fabrikam.yaml"), """
                tenant: fabrikam
                tenantId: 00000000-0000-0000-0000-0000000fab01
                extend: _msp-default
                credentials: { app: msp }
                scope: { groups: [Helpdesk Users] }
                """);
        MspApp msp = MspApp.of("00000000-0000-0000-0000-00000000a11c", "./data/simulator/msp-client-secret", null, null,
                "custom", "https://127.0.0.1:8443", "https://127.0.0.1:8443");

        MappingRegistry registry = new MappingRegistry(dir, System::nanoTime, msp);

        assertThat(registry.all()).extracting(TenantMappingStatus::tenant).containsExactly("fabrikam");
        assertThat(registry.all().get(0).errors()).isEmpty();
        TenantMapping fabrikam = registry.tenant("fabrikam").orElseThrow();
        assertThat(fabrikam.connection().effectiveGraphEndpoint()).isEqualTo("https://127.0.0.1:8443");
        assertThat(fabrikam.connection().clientId()).isEqualTo("00000000-0000-0000-0000-00000000a11c");
        assertThat(fabrikam.scheduleSpread().template()).isEqualTo("0 * * * * ?");
        var account = ((MappingResult.InScope) new MappingEngine().evaluate(fabrikam, TestMappings.user("u1")
                .build(), Set.of(new GroupRef("g1", "Helpdesk Users"), new GroupRef("g2", "Paris Office"),
                new GroupRef("g3", "Site Admins")))).account();
        assertThat(account.siteName()).isEqualTo("Paris");
        assertThat(account.mainSiteUserCandidate()).isTrue();
    }
}
