package io.entrasync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document read into a small tree whose every node and key keeps its line and column, so checks made
 * after parsing can still point at the exact spot. Anchors and aliases are replayed (an alias reports the
 * anchor's location).
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLAnchorReplayingFactory.builder().build();

    /**
     * 1-based line and column; {@code file} is the file the value was written in when that is not the file being
     * loaded (a template's value merged into a tenant file), else null.
     */
    record Location(int line, int column, String file) {
        static final Location START = new Location(1, 1, null);

        static Location of(TokenStreamLocation location, String file) {
            return location == null || location.getLineNr() < 1
                    ? new Location(1, 1, file)
                    : new Location(location.getLineNr(), Math.max(1, location.getColumnNr()), file);
        }
    }

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        Location location();

        /** "a mapping", "a list" or "a text value", for messages. */
        String kind();
    }

    record Entry(String key, Location keyLocation, Node value) { }

    record MapNode(Location location, Map<String, Entry> entries) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(Location location, List<Node> items) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is never null (an empty value is ""). */
    record ScalarNode(Location location, String text) implements Node {
        @Override
        public String kind() {
            return "a text value";
        }

        boolean blank() {
            return text.isBlank() || "~".equals(text) || "null".equals(text);
        }
    }

    private YamlTree() {
    }

    /**
     * Parses one YAML document. Syntax errors and duplicate keys go to {@code problems}.
     *
     * @return the root node, or null when the text is empty or not parseable
     */
    static Node parse(String text, Problems problems) {
        return parse(text, problems, null);
    }

    /**
     * Parses one YAML document whose every location names {@code file} (null: the file {@code problems} reports
     * for), so errors found after a merge still point at the file a value came from.
     */
    static Node parse(String text, Problems problems, String file) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Location(1, 1, file), "", "the file is empty; a mapping needs at least tenant, tenantId, "
                        + "clientId, credentials, schedule and sites");
                return null;
            }
            Node root = read(parser, first, "", problems, file);
            if (parser.nextToken() != null) {
                problems.add(Location.of(parser.currentTokenLocation(), file), "",
                        "a mapping file holds exactly one YAML document; remove the second one");
            }
            return root;
        } catch (JacksonException e) {
            problems.add(Location.of(e.getLocation(), file), "", "YAML syntax error: " + syntaxMessage(e));
            return null;
        }
    }

    private static Node read(JsonParser parser, JsonToken token, String path, Problems problems, String file) {
        Location location = Location.of(parser.currentTokenLocation(), file);
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
                String key = parser.currentName();
                Location keyLocation = Location.of(parser.currentTokenLocation(), file);
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Node value = read(parser, parser.nextToken(), keyPath, problems, file);
                if (entries.putIfAbsent(key, new Entry(key, keyLocation, value)) != null) {
                    Location firstAt = entries.get(key).keyLocation();
                    problems.add(keyLocation, keyPath, "duplicate key; first given at line " + firstAt.line()
                            + ", column " + firstAt.column());
                }
            }
            return new MapNode(location, entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                items.add(read(parser, t, path + "[" + items.size() + "]", problems, file));
            }
            return new ListNode(location, items);
        }
        String text = token == JsonToken.VALUE_NULL ? "" : parser.getString();
        return new ScalarNode(location, text == null ? "" : text);
    }

    /** SnakeYAML's message without its " in reader, line …" lines and source snippets. */
    private static String syntaxMessage(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage();
        List<String> parts = new ArrayList<>();
        for (String line : original.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(line.trim());
            }
        }
        return parts.isEmpty() ? original.trim() : String.join("; ", parts);
    }
}
