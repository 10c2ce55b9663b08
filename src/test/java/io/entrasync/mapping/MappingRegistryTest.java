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
        write("a.yaml", VALID);
        write("b.yml", "# copy\n" + VALID);

        MappingRegistry registry = registry();

        assertThat(registry.tenant("contoso")).isEmpty();
        assertThat(registry.all().get(0).errors()).extracting(MappingError::toString).containsExactly(
                dir.resolve("a.yaml") + ":1:9: tenant: tenant 'contoso' is also claimed by " + dir.resolve("b.yml")
                        + "; a tenant key belongs to one file, so all of them are disabled until the duplicate is "
                        + "removed");
        assertThat(registry.all().get(1).errors().get(0).line()).isEqualTo(2);
    }

    @Test
    void twoFilesReadingOneDirectory_theSecondByFileNameIsRefused_namingBothFiles() throws IOException {
        write("b-contoso.yaml", VALID);
        write("a-fabrikam.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam"));

        MappingRegistry registry = registry();

        assertThat(registry.tenant("fabrikam")).as("the first file by name keeps the directory").isPresent();
        assertThat(registry.tenant("contoso")).isEmpty();
        String first = dir.resolve("a-fabrikam.yaml").toString();
        String second = dir.resolve("b-contoso.yaml").toString();
        assertThat(registry.all().get(1).errors()).extracting(MappingError::toString).containsExactly(second
                + ":2:11: tenantId: tenantId '11111111-2222-3333-4444-555555555555' in cloud global is already synced by "
                + first + " (tenant 'fabrikam'); " + second + " and " + first + " read one directory, which belongs "
                + "to one file (the first by file name), so " + second + " is disabled: remove it or merge it into "
                + first);
    }

    @Test
    void aBrokenFirstFile_stillKeepsItsDirectory() throws IOException {
        write("a-fabrikam.yaml", VALID.replace("tenant: contoso", "tenant: fabrikam").replace("sites:", "sitez:"));
        write("b-contoso.yaml", VALID);

        MappingRegistry registry = registry();

        assertThat(registry.all()).extracting(TenantMappingStatus::valid).containsExactly(false, false);
        assertThat(registry.all().get(1).errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("tenantId");
            assertThat(error.message()).contains(dir.resolve("a-fabrikam.yaml").toString());
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
    void missingDirectory_meansNoTenants() {
        MappingRegistry registry = new MappingRegistry(dir.resolve("absent"), clock::get);

        assertThat(registry.all()).isEmpty();
        assertThat(registry.tenant("contoso")).isEmpty();
    }

    @Test
    void otherFiles_areIgnored() throws IOException {
        write("README.md", "not a mapping");
        write(".hidden.yaml", "broken: [");

        assertThat(registry().all()).isEmpty();
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

        write("copy.yaml", "# copy\n" + VALID);
        assertThat(registry.current("contoso")).as("a second file claiming the tenant disables it")
                .hasValueSatisfying(status -> assertThat(status.valid()).isFalse());

        Files.delete(dir.resolve("copy.yaml"));
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
