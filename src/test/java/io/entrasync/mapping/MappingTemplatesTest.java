package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant files that {@code extend:} a template file {@code _<name>.yaml} of the mappings directory. */
class MappingTemplatesTest {

    static final String TEMPLATE = """
            clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            credentials: { clientSecretEnv: MSP_SECRET }
            schedule: "0 */15 * * * ?"
            scope:
              groups: [Helpdesk Users]
              includeGuests: false
            sites:
              - { group: Berlin, site: Berlin }
              - { default: HQ }
            safety:
              maxDeactivations: 5
              maxDeactivationPercent: 20
            """;

    static final String TENANT = """
            tenant: contoso
            tenantId: 11111111-2222-3333-4444-555555555555
            extend: _msp-default
            scope: { groups: [Contoso Staff] }
            """;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();
    private long mtime = System.currentTimeMillis() - 60_000;

    /** Each write gets a later modification time, well in the past (so no read is "racy"). */
    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime += 1_000));
    }

    private MappingRegistry registry() {
        return new MappingRegistry(dir, clock::get);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void tenantFileOfFourLines_getsTheTemplatesKeys_andOverridesItsOwn() throws IOException {
        write("_msp-default.yaml", TEMPLATE);
        write("contoso.yaml", TENANT);

        MappingRegistry registry = registry();

        TenantMapping mapping = registry.tenant("contoso").orElseThrow(
                () -> new AssertionError(registry.all().get(0).errors()));
        assertThat(registry.all()).as("the template is not a tenant").hasSize(1);
        assertThat(mapping.connection().clientId()).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(mapping.scheduleSpread().template()).as("spread per tenant").isEqualTo("0 */15 * * * ?");
        assertThat(mapping.sites()).hasSize(2);
        assertThat(mapping.scope().groups()).extracting(Object::toString).containsExactly("Contoso Staff");
        assertThat(mapping.scope().includeGuests()).isFalse();
        assertThat(mapping.settings()).containsEntry("scope.groups", "[Contoso Staff]")
                .containsEntry("scope.includeGuests", "false").doesNotContainKey("extend");
    }

    @Test
    void mappingsMergeKeyByKey_listsAreReplacedWhole() throws IOException {
        write("_msp-default.yaml", TEMPLATE);
        write("contoso.yaml", TENANT + """
                safety: { maxDeactivations: 7 }
                sites: [ { default: Contoso HQ } ]
                """);

        TenantMapping mapping = registry().tenant("contoso").orElseThrow();

        assertThat(mapping.safety()).isEqualTo(new Safety(7, 20));
        assertThat(mapping.sites()).hasSize(1);
        assertThat(mapping.settings()).containsEntry("sites[0].default", "Contoso HQ").doesNotContainKey("sites[1].default");
    }

    @Test
    void errors_nameTheFileAndLineWhereTheBadValueWasWritten() throws IOException {
        write("_msp-default.yaml", TEMPLATE.replace("maxDeactivationPercent: 20", "maxDeactivationPercent: 200"));
        write("contoso.yaml", TENANT + "timeZone: Europe/Berln\n");

        TenantMappingStatus status = registry().all().get(0);

        assertThat(status.valid()).isFalse();
        assertThat(status.errors()).extracting(e -> e.file() + ":" + e.line() + ": " + e.key()).containsExactly(
                file("contoso.yaml") + ":5: timeZone",
                file("_msp-default.yaml") + ":12: safety.maxDeactivationPercent");
        assertThat(status.summary().tenant()).isEqualTo("contoso");
    }

    @Test
    void missingTemplate_disablesTheTenant_namingTheTemplate() throws IOException {
        write("contoso.yaml", TENANT);

        TenantMappingStatus status = registry().all().get(0);

        assertThat(status.tenant()).isEqualTo("contoso");
        assertThat(status.errors()).extracting(MappingError::toString).containsExactly(file("contoso.yaml")
                + ":3:9: extend: template _msp-default.yaml does not exist: a template is a file _msp-default.yaml "
                + "beside the tenant files in the mappings directory");
    }

    @Test
    void brokenTemplate_disablesEveryExtendingTenant_withTheTemplatesErrors() throws IOException {
        write("_msp-default.yaml", "schedule: \"0 */15 * * * ?\"\nsites: [ { default: HQ }\n");
        write("contoso.yaml", TENANT);
        write("fabrikam.yaml", TENANT.replace("contoso", "fabrikam").replace("11111111", "22222222"));

        MappingRegistry registry = registry();

        assertThat(registry.all()).hasSize(2).allSatisfy(status -> {
            assertThat(status.valid()).isFalse();
            assertThat(status.errors()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo(file("_msp-default.yaml"));
                assertThat(e.message()).startsWith("YAML syntax error");
            });
            assertThat(status.errors()).anySatisfy(e -> {
                assertThat(e.file()).isEqualTo(status.file());
                assertThat(e.key()).isEqualTo("extend");
                assertThat(e.message()).contains(file("_msp-default.yaml") + " is broken");
            });
        });
    }

    @Test
    void templateNamingATenant_isRefused() throws IOException {
        write("_msp-default.yaml", "tenantId: 11111111-2222-3333-4444-555555555555\n" + TEMPLATE);
        write("contoso.yaml", TENANT);

        TenantMappingStatus status = registry().all().get(0);

        assertThat(status.errors()).extracting(MappingError::toString).first().isEqualTo(file("contoso.yaml")
                + ":3:9: extend: template " + file("_msp-default.yaml") + " is broken (see its errors); every tenant "
                + "file extending it is disabled until it is fixed");
        assertThat(status.errors()).extracting(MappingError::toString).contains(file("_msp-default.yaml")
                + ":1:1: tenantId: 'tenantId' belongs in each tenant's file, not in the template _msp-default that "
                + "tenants share");
    }

    @Test
    void extendWithoutUnderscore_isExplained() throws IOException {
        write("contoso.yaml", TENANT.replace("_msp-default", "msp-default"));

        assertThat(registry().all().get(0).errors()).extracting(MappingError::message).containsExactly(
                "'msp-default' is not a template name: a template is a file of the mappings directory whose name "
                        + "starts with _ (mappings/_msp-default.yaml is written extend: _msp-default)");
    }

    @Test
    void templateEdit_reloadsEveryExtendingTenant_andChangesTheirMappingHash() throws IOException {
        write("_msp-default.yaml", TEMPLATE);
        write("contoso.yaml", TENANT);
        write("fabrikam.yaml", TENANT.replace("contoso", "fabrikam").replace("11111111", "22222222"));
        write("plain.yaml", TestMappings.HEADER.replace("contoso", "plain").replace("11111111", "33333333")
                + "sites: [ { default: HQ } ]\n");
        MappingRegistry registry = registry();
        String contosoBefore = registry.tenant("contoso").orElseThrow().contentHash();
        String plainBefore = registry.tenant("plain").orElseThrow().contentHash();

        write("_msp-default.yaml", TEMPLATE.replace("maxDeactivations: 5", "maxDeactivations: 9"));
        registry.refresh();

        assertThat(registry.tenant("contoso").orElseThrow().safety().maxDeactivations()).isEqualTo(9);
        assertThat(registry.tenant("fabrikam").orElseThrow().safety().maxDeactivations()).isEqualTo(9);
        assertThat(registry.tenant("contoso").orElseThrow().contentHash()).isNotEqualTo(contosoBefore);
        assertThat(registry.tenant("plain").orElseThrow().contentHash()).isEqualTo(plainBefore);

        write("_msp-default.yaml", TEMPLATE.replace("sites:", "sitez:"));
        assertThat(registry.current("contoso")).as("a run about to start sees the template edit at once")
                .hasValueSatisfying(status -> assertThat(status.valid()).isFalse());
        assertThat(registry.tenant("fabrikam")).isEmpty();
    }

    @Test
    void templateCreatedAfterTheTenant_makesItValid() throws IOException {
        write("contoso.yaml", TENANT);
        MappingRegistry registry = registry();
        assertThat(registry.tenant("contoso")).isEmpty();

        write("_msp-default.yaml", TEMPLATE);
        registry.refresh();

        assertThat(registry.tenant("contoso")).isPresent();
    }

    @Test
    void validateEndpointsCheck_usesTheDirectorysTemplates() throws IOException {
        write("_msp-default.yaml", TEMPLATE);
        MappingRegistry registry = registry();

        assertThat(registry.check("contoso.yaml", TENANT).status().valid()).isTrue();
    }

    @Test
    void anUnchangedTemplate_isParsedOnce_forEveryTenantAndScan_andAgainWhenEdited() throws IOException {
        write("_msp-default.yaml", TEMPLATE);
        write("contoso.yaml", TENANT);
        write("fabrikam.yaml", TENANT.replace("contoso", "fabrikam").replace("5555555555", "5555555566"));
        MappingDirectory directory = new MappingDirectory(dir, null);

        assertThat(directory.scan().all()).allMatch(TenantMappingStatus::valid);
        MappingTemplates.Template first = directory.templates().find("_msp-default");
        directory.scan();
        MappingTemplates.Template again = directory.templates().find("_msp-default");
        write("_msp-default.yaml", TEMPLATE.replace("maxDeactivations: 5", "maxDeactivations: 6"));
        assertThat(directory.scan().changed()).hasSize(2);
        MappingTemplates.Template edited = directory.templates().find("_msp-default");

        assertThat(again.parsed()).as("the same tree, not parsed again").isSameAs(first.parsed());
        assertThat(edited.parsed()).isNotSameAs(first.parsed());
        assertThat(directory.scan().all()).allMatch(s -> s.validMapping().orElseThrow().safety().maxDeactivations() == 6);
    }
}
