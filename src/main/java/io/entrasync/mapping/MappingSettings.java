package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.ListNode;
import io.entrasync.mapping.YamlTree.MapNode;
import io.entrasync.mapping.YamlTree.Node;
import io.entrasync.mapping.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A mapping file as key → value, so two versions can be compared key by key ("what changed in the mapping since the
 * last applied run"). Nested keys are joined with dots ({@code scope.groups}); a list of plain values is one value
 * written as {@code [a, b]}; a list holding mappings is keyed by position ({@code sites[0].default}). Values are the
 * file's text (a valid file never holds a secret: secrets are referenced, and inline secret keys are refused).
 * Pure.
 */
public final class MappingSettings {

    /** One key whose value differs; {@code before} or {@code after} is null when the key is absent on that side. */
    public record Change(String key, String before, String after) {

        /** {@code scope.groups: [Helpdesk Users] → [Site Admins]}. */
        @Override
        public String toString() {
            return key + ": " + (before == null ? "(absent)" : before) + " → " + (after == null ? "(absent)" : after);
        }
    }

    private MappingSettings() {
    }

    /**
     * The keys that only say when a tenant runs or how it hears of changes, never what a run plans: a change of
     * them is not a change of the mapping for re-evaluation or for a hold's plan.
     */
    static final Set<String> WHEN_KEYS = Set.of("schedule", "fullSyncSchedule", "timeZone", "notifications");

    /**
     * SHA-256 (hex) of the settings that decide what a run plans (every key but {@link #WHEN_KEYS}): what a run
     * records as its {@code mappingHash}. Comments, layout and key order do not change it.
     */
    static String planHash(Map<String, String> settings) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            settings.forEach((key, value) -> {
                if (plans(key)) {
                    // NUL separates: neither a YAML key nor a value read from a text file holds one
                    digest.update((key + '\0' + value + '\0').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The flattening of a parsed file, sorted by key. */
    static Map<String, String> flatten(Node root) {
        Map<String, String> settings = new TreeMap<>();
        put(settings, "", root);
        return settings;
    }

    /**
     * The keys that decide what a run plans whose value differs between {@code before} and {@code after}, sorted by
     * key (a schedule change cannot have caused a hold, and is not listed). Never null.
     */
    public static List<Change> diff(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            if (plans(key) && !Objects.equals(before.get(key), after.get(key))) {
                changes.add(new Change(key, before.get(key), after.get(key)));
            }
        }
        return changes;
    }

    /** Whether {@code key} (flattened) can change what a run plans: it is not one of the {@link #WHEN_KEYS}. */
    private static boolean plans(String key) {
        return !WHEN_KEYS.contains(key.split("[.\\[]", 2)[0]);
    }

    private static void put(Map<String, String> settings, String path, Node node) {
        if (node instanceof MapNode map) {
            map.entries().forEach((key, entry) -> put(settings, path.isEmpty() ? key : path + "." + key, entry.value()));
        } else if (node instanceof ListNode list && list.items().stream().allMatch(ScalarNode.class::isInstance)) {
            settings.put(path, "[" + String.join(", ", list.items().stream().map(i -> ((ScalarNode) i).text()).toList())
                    + "]");
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                put(settings, path + "[" + i + "]", list.items().get(i));
            }
        } else if (node instanceof ScalarNode scalar) {
            settings.put(path, scalar.text());
        }
    }
}
