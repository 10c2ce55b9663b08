package io.entrasync.connect;

import io.entrasync.mapping.MappingRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The mappings directory as the connect flow sees it: whether a tenant already has a file, the template files, and
 * writing a generated tenant file — whole or not at all (a temporary file moved into place, so the registry never
 * reads half a file) — then making the registry load it at once. A directory that does not take the file (a
 * read-only ConfigMap, {@code entra-sync.connect.write-files=false}) leaves it unwritten: the answer carries its text
 * to commit.
 */
@Component
class TenantFiles {

    private static final Logger log = LoggerFactory.getLogger(TenantFiles.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final MappingRegistry registry;
    private final ConnectProperties properties;

    TenantFiles(MappingRegistry registry, ConnectProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    Path fileOf(String tenant) {
        return registry.directory().resolve(tenant + ".yaml");
    }

    /** True when {@code <tenant>.yaml} or {@code <tenant>.yml} exists. */
    boolean exists(String tenant) {
        Path directory = registry.directory();
        return Files.exists(directory.resolve(tenant + ".yaml")) || Files.exists(directory.resolve(tenant + ".yml"));
    }

    /** The template file {@code _<name>.yaml} (or {@code .yml}), if there is one. */
    Optional<Path> template(String template) {
        Path directory = registry.directory();
        return java.util.stream.Stream.of(template + ".yaml", template + ".yml").map(directory::resolve)
                .filter(Files::isRegularFile).findFirst();
    }

    /** The template's site rules, each as one line of JSON (flow YAML); empty when it has none or cannot be read. */
    List<String> templateSites(String template) {
        List<String> rules = new ArrayList<>();
        template(template).ifPresent(file -> {
            try {
                JsonNode sites = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("sites");
                sites.forEach(rule -> rules.add(TenantFileText.flow(rule)));
            } catch (IOException | RuntimeException e) {
                log.warn("Template {} cannot be read for its site rules: {}", file, e.getMessage());
            }
        });
        return rules;
    }

    /**
     * Writes {@code content} as the tenant's file when the directory takes it, then reloads the registry. A file this
     * flow did not write is never replaced: only one that still holds {@code ours} (what the flow wrote there last;
     * an edit by hand in the moment between reading and moving it is the one window left).
     *
     * @param ours the text this flow wrote there before (the group picker rewrites it), or null: a new file
     * @throws FileAlreadyExistsException the tenant has a file this flow did not write or that changed since
     */
    ConnectRequest.TenantFile write(String tenant, String content, String ours) throws FileAlreadyExistsException {
        Path target = fileOf(tenant);
        if (!properties.writeFiles()) {
            return new ConnectRequest.TenantFile(target.toString(), false, content);
        }
        boolean replace = ours != null && holds(target, ours);
        if (!replace && exists(tenant)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = null;
        try {
            // hidden (leading dot): the registry never loads the half-written temporary file
            temp = Files.createTempFile(registry.directory(), "." + tenant + "-", ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            move(temp, target, replace);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            throw e;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            deleteQuietly(temp);
            log.info("Tenant file {} not written ({}): the mappings directory does not take it; the connect outcome "
                    + "shows it to commit", target, e.getClass().getSimpleName());
            return new ConnectRequest.TenantFile(target.toString(), false, content);
        }
        log.info("Tenant file {} written by the connect flow", target);
        registry.refresh();
        return new ConnectRequest.TenantFile(target.toString(), true, content);
    }

    private static boolean holds(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).equals(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void move(Path temp, Path target, boolean replace) throws IOException {
        if (replace) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            // a hard link fails when the target exists: no file of someone else is ever replaced
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException noHardLinks) {
            // a file system without hard links: a plain move, which refuses an existing target too
            Files.move(temp, target);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a hidden temporary file left behind is never loaded
            }
        }
    }
}
