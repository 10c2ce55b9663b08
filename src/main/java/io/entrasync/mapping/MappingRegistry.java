package io.entrasync.mapping;

import io.entrasync.config.EntraSyncProperties;
import io.entrasync.config.MspAppProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The tenants configured by the mapping files in {@code entra-sync.mappings-dir}. A broken file disables only its
 * own tenant. Files are loaded at start-up (one WARN line per broken file) and re-checked without a restart: on
 * access at most once per {@link #CHECK_INTERVAL_NANOS}, on every {@link #refresh()} and, for one tenant, on
 * {@link #current(String)}. Only files whose modification time or size changed are parsed again. Thread-safe.
 */
@Component
public class MappingRegistry {

    static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Valid files loaded in one scan that are each logged; more are logged as one count. */
    private static final int LOADED_LINES = 20;
    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    private final MappingDirectory directory;
    private final MspApp msp;
    private final LongSupplier nanoClock;
    private volatile List<TenantMappingStatus> statuses = List.of();
    private volatile List<String> unreadable = List.of();
    private volatile boolean directoryExists;
    /** The files claiming each tenant key, in file order, as of the last scan. */
    private Map<String, List<TenantMappingStatus>> byTenant = Map.of();
    private long lastCheck;
    private boolean warnedMissing;

    /** @throws IllegalArgumentException when the MSP app's settings are wrong (start-up fails, naming them) */
    @Autowired
    MappingRegistry(EntraSyncProperties properties, MspAppProperties msp) {
        this(properties.mappingsDir() == null ? Path.of("mappings") : properties.mappingsDir(), System::nanoTime,
                MspApp.of(msp.clientId(), msp.clientSecretFile(), msp.certificateFile(), msp.privateKeyFile(),
                        msp.cloud(), msp.authorityHost(), msp.graphEndpoint()));
    }

    MappingRegistry(Path directory, LongSupplier nanoClock) {
        this(directory, nanoClock, null);
    }

    MappingRegistry(Path directory, LongSupplier nanoClock, MspApp msp) {
        this.msp = msp;
        this.directory = new MappingDirectory(directory, msp);
        this.nanoClock = nanoClock;
        refresh();
    }

    /** Every mapping file with its valid mapping or its errors, sorted by file name. Never null. */
    public List<TenantMappingStatus> all() {
        checkIfDue();
        return statuses;
    }

    /** The valid mapping of tenant {@code key}; empty when no file claims it or its file is invalid. */
    public Optional<TenantMapping> tenant(String key) {
        checkIfDue();
        return statuses.stream().filter(s -> s.valid() && s.tenant().equals(key)).map(TenantMappingStatus::mapping)
                .findFirst();
    }

    /** Re-reads the directory now (new, changed and removed files). */
    public synchronized List<TenantMappingStatus> refresh() {
        lastCheck = nanoClock.getAsLong();
        boolean first = statuses.isEmpty() && !warnedMissing;
        MappingDirectory.Scan scan = directory.scan();
        statuses = scan.all();
        unreadable = scan.unreadable();
        directoryExists = scan.directoryExists();
        Map<String, List<TenantMappingStatus>> claims = new HashMap<>();
        for (TenantMappingStatus status : statuses) {
            if (status.tenant() != null) {
                claims.computeIfAbsent(status.tenant(), t -> new ArrayList<>()).add(status);
            }
        }
        byTenant = claims;
        report(scan, first);
        return statuses;
    }

    /**
     * The status of the file claiming tenant {@code key} (the first one, when several do), up to date for a run
     * that is about to start: an edit of the tenant's own file and any file added or removed is seen at once, other
     * changes within {@link #CHECK_INTERVAL_NANOS}. Unlike {@link #refresh()} it costs a few file stats, not a
     * directory scan, so it stays cheap with thousands of tenants (every run calls it twice). Empty when no file
     * claims the tenant.
     */
    public synchronized Optional<TenantMappingStatus> current(String key) {
        List<TenantMappingStatus> claims = byTenant.getOrDefault(key, List.of());
        boolean due = nanoClock.getAsLong() - lastCheck >= CHECK_INTERVAL_NANOS;
        if (due || !directory.unchangedFor(claims.stream().map(TenantMappingStatus::file).toList())) {
            refresh();
            claims = byTenant.getOrDefault(key, List.of());
        }
        return claims.stream().findFirst();
    }

    /**
     * A file checked by {@code POST /api/mappings/validate}: its status on its own, plus warnings for loaded files of
     * another tenant key that read the same directory (deployed beside them, the later file by name is refused).
     * The validation cannot know the file name it will be deployed under, so a clash is a warning, not an error.
     * A credential reference to an unset environment variable or a missing file is a warning too.
     */
    public record Checked(TenantMappingStatus status, List<MappingError> warnings,
                          List<TenantMappingStatus> sameDirectory) {

        /** The loaded files of another tenant key that read the checked file's directory (tenantId within its cloud). */
        public Checked {
            warnings = List.copyOf(warnings);
            sameDirectory = List.copyOf(sameDirectory);
        }
    }

    /** Validates {@code yaml} as the file {@code file} and compares it with the loaded files. Never throws. */
    public Checked check(String file, String yaml) {
        checkIfDue();
        MappingTemplates.Source templates;
        synchronized (this) {
            templates = directory.templates();
        }
        MappingLoader.Located located = new MappingLoader(msp).loadLocated(file, yaml, templates);
        List<TenantMappingStatus> readers;
        synchronized (this) {
            readers = directory.readersOf(located.directory());
        }
        TenantMappingStatus status = located.status();
        List<MappingError> warnings = new ArrayList<>();
        List<TenantMappingStatus> sameDirectory = new ArrayList<>();
        for (TenantMappingStatus reader : readers) {
            if (reader.tenant() != null && !reader.tenant().equals(status.tenant())) {
                sameDirectory.add(reader);
                YamlTree.Location at = located.tenantIdAt();
                warnings.add(new MappingError(file, at.line(), at.column(), "tenantId",
                        DirectoryIdentity.describe(status.summary(), located.directory()) + " is already synced by "
                                + reader.file() + " (tenant '" + reader.tenant() + "'); one directory belongs to one "
                                + "file: deployed beside it, the later of the two by file name is disabled"));
            }
        }
        warnings.addAll(SecretReferences.warnings(file, yaml == null ? "" : yaml, status.mapping(), System::getenv));
        return new Checked(status, warnings, sameDirectory);
    }

    /**
     * Why the mapping files cannot all be known now, as of a fresh scan: a file (or the directory) that cannot be read
     * at all, or a missing directory. Empty when every file was read (valid or not). While it is not empty, a tenant
     * without a file may only look so: nothing may be released.
     */
    public synchronized List<String> unreadable() {
        refresh();
        if (!directoryExists) {
            return List.of(directory.directory() + ": the mappings directory does not exist "
                    + "(entra-sync.mappings-dir / ENTRA_SYNC_MAPPINGS_DIR)");
        }
        return unreadable;
    }

    /** The directory being watched. */
    public Path directory() {
        return directory.directory();
    }

    /** The MSP's multi-tenant app ({@code ENTRA_SYNC_MSP_*}); empty when none is configured. */
    public Optional<MspApp> mspApp() {
        return Optional.ofNullable(msp);
    }

    /** True for a key a mapping file may be named after ({@code [a-z0-9-]+}, not a reserved word). */
    public static boolean isTenantKey(String key) {
        return ConnectionBinder.isTenantKey(key);
    }

    /** True for a template name a tenant file may extend ({@code _msp-default}). */
    public static boolean isTemplateName(String name) {
        return name != null && MappingTemplates.NAME.matcher(name).matches();
    }

    private void checkIfDue() {
        boolean due;
        synchronized (this) {
            due = nanoClock.getAsLong() - lastCheck >= CHECK_INTERVAL_NANOS;
        }
        if (due) {
            refresh();
        }
    }

    private void report(MappingDirectory.Scan scan, boolean first) {
        if (!scan.directoryExists()) {
            if (!warnedMissing) {
                log.warn("Mappings directory {} does not exist (entra-sync.mappings-dir / ENTRA_SYNC_MAPPINGS_DIR); "
                        + "no tenants are configured", directory.directory().toAbsolutePath());
                warnedMissing = true;
            }
            return;
        }
        warnedMissing = false;
        long validChanged = scan.changed().stream().filter(TenantMappingStatus::valid).count();
        if (validChanged > LOADED_LINES) {
            // a template edit reloads every tenant built on it: one line, not a thousand
            log.info("{} mapping files loaded (each is listed only when at most {} load at once)", validChanged, LOADED_LINES);
        }
        for (TenantMappingStatus status : scan.changed()) {
            if (status.valid()) {
                if (validChanged <= LOADED_LINES) {
                    log.info("Mapping file {} loaded: tenant {}", status.file(), status.tenant());
                }
            } else {
                log.warn("Mapping file {} is invalid, tenant {} disabled: {}", status.file(),
                        status.tenant() == null ? "(unknown)" : status.tenant(),
                        status.errors().stream().map(MappingError::toString).collect(Collectors.joining(" | ")));
            }
        }
        scan.removed().forEach(file -> log.info("Mapping file {} removed", file));
        if (first || scan.anyChange()) {
            long valid = scan.all().stream().filter(TenantMappingStatus::valid).count();
            log.info("Mappings in {}: {} valid, {} invalid", directory.directory(), valid, scan.all().size() - valid);
        }
    }
}
