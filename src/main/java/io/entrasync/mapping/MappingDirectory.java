package io.entrasync.mapping;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The mapping files of one directory ({@code *.yaml}, {@code *.yml}; not hidden, not starting with {@code _}, not in
 * subdirectories), re-read only when a file's modification time or size changed, or the template it extends
 * ({@code _<name>.yaml}, see {@link MappingTemplates}) changed. The file name is the tenant key:
 * {@code mappings/<tenant>.yaml} claims tenant {@code <tenant>} whatever its content, so a file that cannot be parsed
 * still claims its tenant (listed as invalid, never orphaned). Not thread-safe: {@link MappingRegistry} serialises
 * calls.
 */
final class MappingDirectory {

    static final long MAX_FILE_BYTES = 1_000_000;

    /**
     * The outcome of a scan: every file's status (sorted by file) and what changed since the previous scan.
     * {@code unreadable}: why a file (or the directory itself) could not be read at all (an I/O error, not bad
     * content), file name first; while it is not empty nobody can tell which tenants the directory really claims.
     */
    record Scan(boolean directoryExists, List<TenantMappingStatus> all, List<TenantMappingStatus> changed,
            List<String> removed, List<String> unreadable) {
        boolean anyChange() {
            return !changed.isEmpty() || !removed.isEmpty();
        }
    }

    private record Stamp(long modified, long size) { }

    /**
     * A file as last read. {@code racy}: its modification time was so close to the read that an edit in the same
     * timestamp tick (same size, same time) would look unchanged, so it is read again next time instead of trusted.
     */
    private record Known(Stamp stamp, MappingLoader.Located loaded, boolean racy, String ioError) {

        boolean unchanged(Stamp now) {
            return !racy && stamp.equals(now);
        }
    }

    /** File systems stamp modification times coarsely (ext4 by the kernel tick, FAT by 2 s). */
    private static final long RACY_MILLIS = 2_000;

    private final Path directory;
    private final MappingLoader loader;
    private Map<String, Known> known = Map.of();
    private Map<String, TenantMappingStatus> previous = Map.of();
    /** The template files ({@code _<name>.yaml}) by name as of the last scan, and their stamps. */
    private Map<String, MappingTemplates.Template> templates = Map.of();
    private Map<Path, Stamp> templateStamps = Map.of();
    /** The directory's modification time at the last scan: adding, removing or renaming a file changes it. */
    private FileTime directoryModified;

    MappingDirectory(Path directory, MspApp msp) {
        this.directory = directory;
        this.loader = new MappingLoader(msp);
    }

    Path directory() {
        return directory;
    }

    Scan scan() {
        Map<String, Known> current = new LinkedHashMap<>();
        long readAt = System.currentTimeMillis();
        directoryModified = modified(directory);
        boolean exists = Files.isDirectory(directory);
        List<String> unreadable = new ArrayList<>();
        List<Path> files = List.of();
        List<Path> templateFiles = List.of();
        if (exists) {
            try {
                List<Path> listed = files();
                files = listed.stream().filter(p -> isMappingFileName(p.getFileName().toString())).toList();
                templateFiles = listed.stream()
                        .filter(p -> MappingTemplates.isTemplateFileName(p.getFileName().toString())).toList();
            } catch (IOException e) {
                unreadable.add(directory + ": the directory cannot be listed: " + e.getMessage());
            }
        }
        readTemplates(templateFiles);
        for (Path file : files) {
            String name = directory.resolve(file.getFileName()).normalize().toString();
            Stamp stamp = stamp(file);
            Known before = known.get(name);
            // a file is read again when it changed, or when the template it extends changed (or appeared)
            Known now = before != null && before.unchanged(stamp) && templateUnchanged(before)
                    ? before : read(name, file, stamp, readAt);
            current.put(name, now);
            if (now.ioError() != null) {
                unreadable.add(name + ": " + now.ioError());
            }
        }
        List<String> removed = known.keySet().stream().filter(name -> !current.containsKey(name)).toList();
        known = current;
        List<TenantMappingStatus> all = withDuplicateDirectoriesRefused(current, withDuplicateTenantsRefused(current));
        // by file name: with a thousand files, a list's contains() per file made every scan quadratic
        Map<String, TenantMappingStatus> byFile = new HashMap<>();
        all.forEach(status -> byFile.put(status.file(), status));
        List<TenantMappingStatus> changed = all.stream().filter(status -> {
            TenantMappingStatus before = previous.get(status.file());
            return before != status && !status.equals(before);
        }).toList();
        previous = byFile;
        return new Scan(exists, all, changed, removed, List.copyOf(unreadable));
    }

    /**
     * True when a scan now would find the files claiming {@code tenant} as the last scan left them: no file was
     * added, removed or renamed in the directory, and the files that claim the tenant are unchanged. Costs a few
     * file stats, not a directory listing. Edits of other files in place (another file starting to claim the tenant)
     * are only seen by the next scan.
     */
    boolean unchangedFor(List<String> files) {
        if (files.isEmpty() || directoryModified == null || !directoryModified.equals(modified(directory))) {
            return false;
        }
        for (Map.Entry<Path, Stamp> template : templateStamps.entrySet()) {
            if (!template.getValue().equals(stamp(template.getKey()))) {
                return false;
            }
        }
        for (String name : files) {
            Known before = known.get(name);
            if (before == null || !before.unchanged(stamp(Path.of(name)))) {
                return false;
            }
        }
        return true;
    }

    /** The files of the last scan that read {@code directory} ({@link DirectoryIdentity}), in file order. */
    List<TenantMappingStatus> readersOf(String directory) {
        List<TenantMappingStatus> readers = new ArrayList<>();
        if (directory != null) {
            known.forEach((name, file) -> {
                if (directory.equals(file.loaded().directory())) {
                    readers.add(previous.getOrDefault(name, file.loaded().status()));
                }
            });
        }
        return readers;
    }

    /** Full precision (not millis): a file added in the millisecond of a scan must still count as a change. */
    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }

    /** The templates of the last scan, by name ({@code _msp-default}). */
    MappingTemplates.Source templates() {
        Map<String, MappingTemplates.Template> now = templates;
        return now::get;
    }

    private boolean templateUnchanged(Known before) {
        MappingTemplates.Use use = before.loaded().template();
        return use == null || java.util.Objects.equals(templates.get(use.name()), use.template());
    }

    /**
     * Reads every template file, each scan: there are few, and comparing their text (not their stamps) is what
     * decides whether the tenants built on one are read again, so an edit within a timestamp tick is not missed.
     */
    private void readTemplates(List<Path> files) {
        Map<String, MappingTemplates.Template> read = new HashMap<>();
        Map<Path, Stamp> stamps = new HashMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = tenantKeyOf(fileName);
            String path = directory.resolve(fileName).normalize().toString();
            Stamp stamp = stamp(file);
            stamps.put(file, stamp);
            if (read.containsKey(name)) {
                continue; // _x.yaml sorts before _x.yml and wins
            }
            String text = null;
            String problem = null;
            try {
                if (stamp.size() > MAX_FILE_BYTES) {
                    problem = "the file has " + stamp.size() + " bytes; a template may have at most " + MAX_FILE_BYTES;
                } else {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                }
            } catch (CharacterCodingException e) {
                problem = "the file is not UTF-8 text";
            } catch (IOException e) {
                problem = "the file cannot be read: " + e.getMessage();
            }
            MappingTemplates.Template before = templates.get(name);
            boolean unchanged = before != null && before.file().equals(path) && java.util.Objects.equals(before.text(),
                    text) && java.util.Objects.equals(before.problem(), problem);
            // an unchanged template keeps its parsed tree: it is parsed once per change, not once per scan
            read.put(name, unchanged ? before : new MappingTemplates.Template(name, path, text, problem));
        }
        templates = Map.copyOf(read);
        templateStamps = Map.copyOf(stamps);
    }

    /**
     * The mapping and template files of the directory, sorted by name. Throws when the directory cannot be listed:
     * then no tenant can be told to have no file.
     */
    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> isMappingFileName(p.getFileName().toString())
                            || MappingTemplates.isTemplateFileName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * {@code *.yaml} / {@code *.yml}, except hidden files ({@code .x.yaml}, editors' backups) and files starting with
     * {@code _} (kept for templates and notes beside the tenants; never a tenant).
     */
    static boolean isMappingFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("_") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** The tenant key a file claims: its name without {@code .yaml} / {@code .yml}. */
    static String tenantKeyOf(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private static Stamp stamp(Path file) {
        try {
            return new Stamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (IOException e) {
            return new Stamp(-1, -1);
        }
    }

    /**
     * Reads and checks one file. A file that could not be read at all is read again at every scan (its stamp may be
     * unknown), and its status says so.
     */
    private Known read(String name, Path file, Stamp stamp, long readAt) {
        String problem;
        String ioError = null;
        try {
            if (stamp.size() > MAX_FILE_BYTES) {
                problem = "the file has " + stamp.size() + " bytes; a mapping file may have at most " + MAX_FILE_BYTES;
            } else {
                MappingLoader.Located loaded = loader.loadLocated(name, Files.readString(file, StandardCharsets.UTF_8),
                        templates());
                return new Known(stamp, claimedByFileName(name, file, loaded), stamp.modified() >= readAt - RACY_MILLIS,
                        null);
            }
        } catch (CharacterCodingException e) {
            problem = "the file is not UTF-8 text";
        } catch (IOException e) {
            ioError = "the file cannot be read: " + e.getMessage();
            problem = ioError;
        }
        MappingError error = new MappingError(name, 1, 1, "", problem);
        MappingLoader.Located unreadable = new MappingLoader.Located(
                new TenantMappingStatus(name, TenantSummary.UNREADABLE, null, List.of(error)), YamlTree.Location.START);
        return new Known(stamp, claimedByFileName(name, file, unreadable),
                ioError != null || stamp.modified() >= readAt - RACY_MILLIS, ioError);
    }

    /**
     * The file claims the tenant its name says, valid or not (a YAML syntax error must not orphan a live tenant); a
     * {@code tenant:} that names another key, or a file name that is not a tenant key, is an error naming both.
     */
    static MappingLoader.Located claimedByFileName(String name, Path file, MappingLoader.Located loaded) {
        String fileName = file.getFileName().toString();
        String key = tenantKeyOf(fileName);
        TenantMappingStatus status = loaded.status();
        List<MappingError> errors = new ArrayList<>();
        String written = status.tenant();
        if (!ConnectionBinder.isTenantKey(key)) {
            errors.add(new MappingError(name, 1, 1, "", "the file name '" + fileName + "' is not a tenant key: a "
                    + "mapping file is named <tenant>.yaml with a key of lower-case letters, digits and dashes "
                    + "([a-z0-9-]+, not 'orphaned'); files starting with _ are not loaded, so use that for templates"));
        } else if (written != null && !written.equals(key)) {
            YamlTree.Location at = loaded.tenantAt();
            errors.add(new MappingError(name, at.line(), at.column(), "tenant", "tenant '" + written
                    + "' differs from the file name " + fileName + ": the file name is the tenant key, so this file "
                    + "configures tenant '" + key + "'; rename the file to " + written + ".yaml or write tenant: " + key));
        }
        TenantMappingStatus claimed = (errors.isEmpty() ? status : status.withErrors(errors)).claimedAs(key);
        return new MappingLoader.Located(claimed, loaded.tenantAt(), loaded.tenantIdAt(), loaded.directory(),
                loaded.template());
    }

    /**
     * Two files reading one directory under different tenant keys: the first in file-name order keeps it, every
     * later one is refused, its error naming both files. Whether the first file is valid does not matter, so fixing
     * a typo in it never moves the directory to another file. (Files sharing the tenant key are refused already.)
     */
    private static List<TenantMappingStatus> withDuplicateDirectoriesRefused(Map<String, Known> files,
            List<TenantMappingStatus> statuses) {
        Map<String, String> firstByDirectory = new HashMap<>();
        List<TenantMappingStatus> all = new ArrayList<>(statuses.size());
        int i = 0;
        for (Map.Entry<String, Known> entry : files.entrySet()) {
            TenantMappingStatus status = statuses.get(i++);
            MappingLoader.Located loaded = entry.getValue().loaded();
            String directory = loaded.directory();
            String first = directory == null ? null : firstByDirectory.putIfAbsent(directory, entry.getKey());
            TenantMappingStatus owner = first == null ? null : files.get(first).loaded().status();
            if (owner != null && !java.util.Objects.equals(owner.tenant(), status.tenant())) {
                YamlTree.Location at = loaded.tenantIdAt();
                status = status.withErrors(List.of(new MappingError(entry.getKey(), at.line(), at.column(), "tenantId",
                        DirectoryIdentity.describe(status.summary(), directory) + " is already synced by " + first
                                + " (tenant '" + owner.tenant() + "'); " + entry.getKey() + " and " + first
                                + " read one directory, which belongs to one file (the first by file name), so "
                                + entry.getKey() + " is disabled: remove it or merge it into " + first)));
            }
            all.add(status);
        }
        return List.copyOf(all);
    }

    /** Two files naming one tenant key: both are refused, each error naming the other file. */
    private static List<TenantMappingStatus> withDuplicateTenantsRefused(Map<String, Known> files) {
        Map<String, List<String>> claims = new HashMap<>();
        files.forEach((name, file) -> {
            String tenant = file.loaded().status().tenant();
            if (tenant != null) {
                claims.computeIfAbsent(tenant, t -> new ArrayList<>()).add(name);
            }
        });
        List<TenantMappingStatus> all = new ArrayList<>();
        files.forEach((name, file) -> {
            TenantMappingStatus status = file.loaded().status();
            List<String> claimants = status.tenant() == null ? List.of() : claims.get(status.tenant());
            if (claimants.size() > 1) {
                List<String> others = claimants.stream().filter(other -> !other.equals(name)).toList();
                YamlTree.Location at = file.loaded().tenantAt();
                status = status.withErrors(List.of(new MappingError(name, at.line(), at.column(), "tenant",
                        "tenant '" + status.tenant() + "' is also claimed by " + String.join(", ", others)
                                + "; a tenant key belongs to one file, so all of them are disabled until the "
                                + "duplicate is removed")));
            }
            all.add(status);
        });
        return List.copyOf(all);
    }
}
