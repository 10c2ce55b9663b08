package io.entrasync.mapping;

import static io.entrasync.mapping.TestMappings.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingRegistryTest {

    private static final String VALID = HEADER + "sites: [ { default: HQ } ]\n";
    /** Another tenant key reading another directory. */
    private static final String FABRIKAM = VALID.replace("contoso", "fabrikam")
            .replace("11111111-2222-3333-4444-555555555555", "22222222-3333-4444-5555-666666666666");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + clock.get() / 1_000_000));
    }

    private MappingRegistry registry() {
        return new MappingRegistry(dir, clock::get);
    }

    private void tick() {
        clock.addAndGet(MappingRegistry.CHECK_INTERVAL_NANOS);
    }

    @Test
    void brokenFile_disablesOnlyItsTenant() throws IOException {
        write("contoso.yaml", VALID);
        write("fabrikam.yaml", FABRIKAM.replace("sites:", "sitez:"));

        MappingRegistry registry = registry();

        assertThat(registry.all()).extracting(TenantMappingStatus::tenant, TenantMappingStatus::valid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("contoso", true),
                        org.assertj.core.groups.Tuple.tuple("fabrikam", false));
        assertThat(registry.tenant("contoso")).isPresent();
        assertThat(registry.tenant("fabrikam")).isEmpty();
        assertThat(registry.all().get(1).errors().get(0).file()).isEqualTo(dir.resolve("fabrikam.yaml").toString());
    }

    @Test
    void twoFilesClaimingOneTenant_areBothDisabled() throws IOException {
        write("contoso.yaml", VALID);
        write("contoso.yml", "# copy\n" + VALID);

        MappingRegistry registry = registry();

        assertThat(registry.tenant("contoso")).isEmpty();
        assertThat(registry.all().get(0).errors()).extracting(MappingError::toString).containsExactly(
                dir.resolve("contoso.yaml") + ":1:9: tenant: tenant 'contoso' is also claimed by " + dir.resolve("contoso.yml")
                        + "; a tenant key belongs to one file, so all of them are disabled until the duplicate is "
                        + "removed");
        assertThat(registry.all().get(1).errors().get(0).line()).isEqualTo(2);
    }

    @Test
    void twoFilesReadingOneDirectory_theSecondByFileNameIsRefused_namingBothFiles() throws IOException {
        write("fabrikam.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam"));
        write("contoso.yaml", VALID);

        MappingRegistry registry = registry();

        assertThat(registry.tenant("contoso")).as("the first file by name keeps the directory").isPresent();
        assertThat(registry.tenant("fabrikam")).isEmpty();
        String first = dir.resolve("contoso.yaml").toString();
        String second = dir.resolve("fabrikam.yaml").toString();
        assertThat(registry.all().get(1).errors()).extracting(MappingError::toString).containsExactly(second
                + ":2:11: tenantId: tenantId '11111111-2222-3333-4444-555555555555' in cloud global is already synced by "
                + first + " (tenant 'contoso'); " + second + " and " + first + " read one directory, which belongs "
                + "to one file (the first by file name), so " + second + " is disabled: remove it or merge it into "
                + first);
    }

    @Test
    void aBrokenFirstFile_stillKeepsItsDirectory() throws IOException {
        write("contoso.yaml", VALID.replace("sites:", "sitez:"));
        write("fabrikam.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam"));

        MappingRegistry registry = registry();

        assertThat(registry.all()).extracting(TenantMappingStatus::valid).containsExactly(false, false);
        assertThat(registry.all().get(1).errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("tenantId");
            assertThat(error.message()).contains(dir.resolve("contoso.yaml").toString());
        });
    }

    @Test
    void oneTenantIdInTwoClouds_isTwoDirectories() throws IOException {
        write("contoso.yaml", VALID);
        write("fabrikam.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam").replace("sites:", "cloud: china\nsites:"));

        MappingRegistry registry = registry();

        assertThat(registry.all()).extracting(TenantMappingStatus::valid).containsExactly(true, true);
    }

    @Test
    void changedAddedAndRemovedFiles_arePickedUpWithoutRestart_atMostOncePerInterval() throws IOException {
        write("contoso.yaml", VALID);
        MappingRegistry registry = registry();

        write("contoso.yaml", VALID.replace("sites:", "sitez:"));
        write("fabrikam.yaml", FABRIKAM);
        assertThat(registry.tenant("contoso")).as("within the interval nothing is re-read").isPresent();

        tick();
        assertThat(registry.tenant("contoso")).isEmpty();
        assertThat(registry.tenant("fabrikam")).isPresent();

        Files.delete(dir.resolve("fabrikam.yaml"));
        registry.refresh();
        assertThat(registry.all()).extracting(TenantMappingStatus::tenant).containsExactly("contoso");
    }

    @Test
    void anEditInTheSameTimestampTick_withTheSameSize_isStillPickedUp() throws IOException {
        Path file = dir.resolve("contoso.yaml");
        Files.writeString(file, VALID);
        FileTime tick = Files.getLastModifiedTime(file);
        MappingRegistry registry = registry();
        assertThat(registry.tenant("contoso")).isPresent();

        // same size, and the file system gives it the same modification time (a coarse clock, a quick rewrite)
        Files.writeString(file, VALID.replace("sites:", "sitez:"));
        Files.setLastModifiedTime(file, tick);
        tick();

        assertThat(registry.tenant("contoso")).as("a file modified as recently as it was read is read again").isEmpty();
    }

    @Test
    void missingDirectory_meansNoTenants_andIsReportedAsUnreadable() {
        MappingRegistry registry = new MappingRegistry(dir.resolve("absent"), clock::get);

        assertThat(registry.all()).isEmpty();
        assertThat(registry.tenant("contoso")).isEmpty();
        assertThat(registry.unreadable()).singleElement().asString().contains("does not exist");
    }

    @Test
    void otherFiles_areIgnored() throws IOException {
        write("README.md", "not a mapping");
        write(".hidden.yaml", "broken: [");
        write("_template.yaml", "tenant: template\n");
        Files.createDirectories(dir.resolve("examples"));
        write("examples/contoso.yaml", VALID);

        assertThat(registry().all()).isEmpty();
    }

    @Test
    void aFileWhoseYamlCannotBeParsed_stillClaimsTheTenantOfItsName() throws IOException {
        write("contoso.yaml", VALID + "sites: [oops\n");

        MappingRegistry registry = registry();

        assertThat(registry.all()).singleElement().satisfies(status -> {
            assertThat(status.tenant()).isEqualTo("contoso");
            assertThat(status.valid()).isFalse();
            assertThat(status.errors()).isNotEmpty();
        });
        assertThat(registry.current("contoso")).isPresent();
        assertThat(registry.tenant("contoso")).as("no runs").isEmpty();
        assertThat(registry.unreadable()).as("read, just broken").isEmpty();
    }

    @Test
    void aTenantKeyOtherThanTheFileName_isAnErrorNamingBoth_andTheFileClaimsItsName() throws IOException {
        write("contoso.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam"));

        MappingRegistry registry = registry();

        TenantMappingStatus status = registry.all().get(0);
        assertThat(status.tenant()).isEqualTo("contoso");
        assertThat(status.valid()).isFalse();
        assertThat(status.errors()).extracting(MappingError::toString).containsExactly(dir.resolve("contoso.yaml")
                + ":1:9: tenant: tenant 'fabrikam' differs from the file name contoso.yaml: the file name is the "
                + "tenant key, so this file configures tenant 'contoso'; rename the file to fabrikam.yaml or write "
                + "tenant: contoso");
        assertThat(registry.tenant("fabrikam")).isEmpty();
    }

    @Test
    void aFileNameThatIsNoTenantKey_isAnError() throws IOException {
        write("Contoso Copy.yaml", VALID);

        assertThat(registry().all().get(0).errors()).singleElement().satisfies(error ->
                assertThat(error.message()).contains("'Contoso Copy.yaml' is not a tenant key"));
    }

    @Test
    void aFileThatCannotBeReadAtAll_claimsItsTenant_andIsReportedUntilItCanBeRead() throws IOException {
        Path unreadable = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unreadable), "needs Linux /proc");
        write("contoso.yaml", VALID);
        Files.createSymbolicLink(dir.resolve("fabrikam.yaml"), unreadable);

        MappingRegistry registry = registry();

        assertThat(registry.all()).extracting(TenantMappingStatus::tenant).containsExactly("contoso", "fabrikam");
        assertThat(registry.unreadable()).singleElement().asString()
                .startsWith(dir.resolve("fabrikam.yaml") + ": the file cannot be read");
        Files.delete(dir.resolve("fabrikam.yaml"));
        write("fabrikam.yaml", FABRIKAM);
        assertThat(registry.unreadable()).isEmpty();
        assertThat(registry.tenant("fabrikam")).isPresent();
    }

    @Test
    void current_seesAnEditOfTheTenantsOwnFileAtOnce_withinTheInterval() throws IOException {
        write("contoso.yaml", VALID);
        MappingRegistry registry = registry();

        write("contoso.yaml", VALID.replace("sites:", "sitez:"));

        assertThat(registry.current("contoso")).hasValueSatisfying(status -> assertThat(status.valid()).isFalse());
    }

    @Test
    void current_seesAddedAndRemovedFilesAtOnce_withinTheInterval() throws IOException {
        write("contoso.yaml", VALID);
        MappingRegistry registry = registry();

        write("fabrikam.yaml", FABRIKAM);
        assertThat(registry.current("fabrikam")).hasValueSatisfying(status -> assertThat(status.valid()).isTrue());

        write("contoso.yml", "# copy\n" + VALID);
        assertThat(registry.current("contoso")).as("a second file claiming the tenant disables it")
                .hasValueSatisfying(status -> assertThat(status.valid()).isFalse());

        Files.delete(dir.resolve("contoso.yml"));
        Files.delete(dir.resolve("fabrikam.yaml"));
        assertThat(registry.current("fabrikam")).isEmpty();
        assertThat(registry.current("contoso")).hasValueSatisfying(status -> assertThat(status.valid()).isTrue());
    }

    @Test
    void current_ofAnUnknownTenant_isEmpty() throws IOException {
        write("contoso.yaml", VALID);

        assertThat(registry().current("fabrikam")).isEmpty();
    }
}
