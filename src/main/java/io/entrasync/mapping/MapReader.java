package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Entry;
import io.entrasync.mapping.YamlTree.ListNode;
import io.entrasync.mapping.YamlTree.Location;
import io.entrasync.mapping.YamlTree.MapNode;
import io.entrasync.mapping.YamlTree.Node;
import io.entrasync.mapping.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, located access to one YAML mapping: every accessor reports a wrong type or a missing value to
 * {@link Problems} with the key's path and position, and answers a neutral value (null, default) so binding can
 * go on and find the file's other errors in the same pass.
 */
final class MapReader {

    private final MapNode node;
    private final String path;
    private final Problems problems;

    MapReader(MapNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code node} as a mapping, or reports it and answers null. */
    static MapReader of(Node node, String path, Problems problems) {
        if (node instanceof MapNode map) {
            return new MapReader(map, path, problems);
        }
        problems.add(node.location(), path, "expected a mapping (key: value lines or { … }), found " + node.kind());
        return null;
    }

    Location location() {
        return node.location();
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value node of {@code key}, or null. */
    Node node(String key) {
        Entry entry = node.entries().get(key);
        return entry == null ? null : entry.value();
    }

    boolean has(String key) {
        return node.entries().containsKey(key);
    }

    Collection<Entry> entries() {
        return node.entries().values();
    }

    Location keyLocation(String key) {
        Entry entry = node.entries().get(key);
        return entry == null ? node.location() : entry.keyLocation();
    }

    Location valueLocation(String key) {
        Entry entry = node.entries().get(key);
        return entry == null ? node.location() : entry.value().location();
    }

    /** Reports a key (as opposed to its value). */
    void errorAtKey(String key, String message) {
        problems.add(keyLocation(key), path(key), message);
    }

    /** Reports a key's value. */
    void errorAtValue(String key, String message) {
        problems.add(valueLocation(key), path(key), message);
    }

    /** Reports every key not in {@code known} (skipping {@code handledElsewhere}), suggesting the closest one. */
    void rejectUnknownKeys(Collection<String> known, Collection<String> handledElsewhere) {
        for (Entry entry : node.entries().values()) {
            String key = entry.key();
            if (known.contains(key) || handledElsewhere.contains(key)) {
                continue;
            }
            String hint = Suggestions.didYouMean(key, known);
            problems.add(entry.keyLocation(), path(key), "unknown key '" + key + "'"
                    + (hint.isEmpty() ? "; known keys here: " + String.join(", ", known) : hint));
        }
    }

    /** Reports each missing key of {@code required} at this mapping's position. */
    boolean require(String... required) {
        boolean all = true;
        for (String key : required) {
            if (!has(key)) {
                problems.add(node.location(), path(key), "missing required key '" + key + "'");
                all = false;
            }
        }
        return all;
    }

    /** The trimmed text of a scalar, null when absent or blank (a blank value of a required key is reported). */
    String text(String key, boolean required) {
        Entry entry = node.entries().get(key);
        if (entry == null) {
            if (required) {
                require(key);
            }
            return null;
        }
        if (!(entry.value() instanceof ScalarNode scalar)) {
            problems.add(entry.value().location(), path(key), "expected a text value, found " + entry.value().kind());
            return null;
        }
        if (scalar.blank()) {
            if (required) {
                problems.add(entry.keyLocation(), path(key), "'" + key + "' needs a value");
            }
            return null;
        }
        return scalar.text().trim();
    }

    boolean bool(String key, boolean defaultValue) {
        String text = text(key, false);
        if (text == null) {
            return defaultValue;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        errorAtValue(key, "expected true or false, found '" + text + "'");
        return defaultValue;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String text = text(key, false);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errorAtValue(key, "expected a whole number from " + min + " to " + max + ", found '" + text + "'");
        return defaultValue;
    }

    /** A scalar or a list of scalars, as trimmed non-blank texts; absent → empty list. */
    List<String> texts(String key) {
        Entry entry = node.entries().get(key);
        if (entry == null) {
            return List.of();
        }
        if (entry.value() instanceof ScalarNode scalar) {
            return scalar.blank() ? List.of() : List.of(scalar.text().trim());
        }
        if (entry.value() instanceof MapNode map) {
            problems.add(map.location(), path(key), "expected a text value or a list, found a mapping");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        List<Node> items = ((ListNode) entry.value()).items();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (item instanceof ScalarNode scalar && !scalar.blank()) {
                texts.add(scalar.text().trim());
            } else {
                problems.add(item.location(), path(key) + "[" + i + "]",
                        item instanceof ScalarNode ? "empty list entry" : "expected a text value, found " + item.kind());
            }
        }
        return texts;
    }

    /** A nested mapping, null when absent (or reported when not a mapping). */
    MapReader map(String key) {
        Entry entry = node.entries().get(key);
        return entry == null ? null : of(entry.value(), path(key), problems);
    }

    /** A nested list of items, empty when absent (or reported when not a list). */
    List<Node> list(String key) {
        Entry entry = node.entries().get(key);
        if (entry == null) {
            return List.of();
        }
        if (entry.value() instanceof ListNode list) {
            return list.items();
        }
        problems.add(entry.value().location(), path(key), "expected a list (- item lines or [ … ]), found "
                + entry.value().kind());
        return List.of();
    }

    /** A text → text mapping (a value map), keys as written; absent → empty. */
    Map<String, String> textMap(String key) {
        MapReader map = map(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (map != null) {
            for (Entry entry : map.entries()) {
                String value = map.text(entry.key(), true);
                if (value != null) {
                    result.put(entry.key().trim(), value);
                }
            }
        }
        return result;
    }
}
