package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Entry;
import io.entrasync.mapping.YamlTree.MapNode;
import io.entrasync.mapping.YamlTree.Node;
import io.entrasync.mapping.YamlTree.ScalarNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Templates: files {@code _<name>.yaml} of the mappings directory (never tenants themselves) that a tenant file
 * builds on with {@code extend: _<name>}. The tenant file's keys override the template's: mappings are merged key by
 * key (deeply), every other value — a list, a text — is replaced whole (a tenant's {@code sites:} list replaces the
 * template's list, it is not appended to it). Every merged value keeps the file and line it was written at, so a
 * validation error points into the template or the tenant file, wherever the bad value is. Pure.
 */
final class MappingTemplates {

    /** {@code _} then a tenant-key-like name: {@code _msp-default}. */
    static final Pattern NAME = Pattern.compile("_[a-z0-9-]+");

    /** Keys that belong to each tenant, never to what tenants share. */
    private static final List<String> TENANT_ONLY = List.of("tenant", "tenantId");

    /**
     * One template file as read: its text, or why it could not be read ({@code problem}, then {@code text} is null).
     * Equal records mean an unchanged template (a tenant built on it need not be read again). {@code parsed}: its
     * text parsed once, for every tenant file built on it (a thousand tenants on one template parsed it a thousand
     * times, ~1 ms each, under the registry's lock); null when there is no text.
     */
    record Template(String name, String file, String text, String problem, Parsed parsed) {

        Template(String name, String file, String text, String problem) {
            this(name, file, text, problem, text == null ? null : Parsed.of(text, file));
        }
    }

    /** A template's tree (null when it cannot be parsed) and the errors parsing found, located in the template. */
    record Parsed(Node root, List<MappingError> errors) {

        static Parsed of(String text, String file) {
            Problems problems = new Problems(file);
            Node root = YamlTree.parse(text, problems, file);
            return new Parsed(root, problems.errors());
        }
    }

    /** Finds a template by name ({@code _msp-default}); null when there is none. */
    @FunctionalInterface
    interface Source {
        Source NONE = name -> null;

        Template find(String name);
    }

    /**
     * Which template a file extends and what it was when the file was loaded ({@code template} null: it did not
     * exist), so a change of the template (or its creation) reloads the file.
     */
    record Use(String name, Template template) { }

    /**
     * The tenant file's tree merged onto its template, or the file's own tree when it extends none.
     *
     * @param root null when the template cannot be used (the errors, naming the template, are reported)
     * @param use  null when the file extends no template
     */
    record Extended(Node root, Use use) { }

    private MappingTemplates() {
    }

    static Extended apply(Node root, Source source, Problems problems) {
        if (!(root instanceof MapNode tenant) || !tenant.entries().containsKey("extend")) {
            return new Extended(root, null);
        }
        Entry extend = tenant.entries().get("extend");
        String name = extend.value() instanceof ScalarNode scalar && !scalar.blank() ? withoutSuffix(scalar.text().trim())
                : null;
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(extend.value().location(), "extend", (name == null ? "extend needs a template name"
                    : "'" + name + "' is not a template name") + ": a template is a file of the mappings directory "
                    + "whose name starts with _ (mappings/_msp-default.yaml is written extend: _msp-default)");
            return new Extended(null, null);
        }
        Template template = source.find(name);
        Use use = new Use(name, template);
        if (template == null) {
            problems.add(extend.value().location(), "extend", "template " + name + ".yaml does not exist: a template "
                    + "is a file " + name + ".yaml beside the tenant files in the mappings directory");
            return new Extended(null, use);
        }
        if (template.problem() != null) {
            problems.add(extend.value().location(), "extend", "template " + template.file() + " cannot be used: "
                    + template.problem());
            return new Extended(null, use);
        }
        problems.addAll(template.parsed().errors());
        Node base = template.parsed().root();
        if (base == null || !(base instanceof MapNode baseMap)) {
            if (base != null) {
                problems.add(base.location(), "", "a template is a mapping (key: value lines), found " + base.kind());
            }
            problems.add(extend.value().location(), "extend", "template " + template.file() + " is broken (see its "
                    + "errors); every tenant file extending it is disabled until it is fixed");
            return new Extended(null, use);
        }
        boolean usable = true;
        for (String key : TENANT_ONLY) {
            Entry entry = baseMap.entries().get(key);
            if (entry != null) {
                problems.add(entry.keyLocation(), key, "'" + key + "' belongs in each tenant's file, not in the "
                        + "template " + name + " that tenants share");
                usable = false;
            }
        }
        Entry nested = baseMap.entries().get("extend");
        if (nested != null) {
            problems.add(nested.keyLocation(), "extend", "a template cannot extend another template; copy what "
                    + "the two share into one of them");
            usable = false;
        }
        if (!usable) {
            problems.add(extend.value().location(), "extend", "template " + template.file() + " is broken (see its "
                    + "errors); every tenant file extending it is disabled until it is fixed");
            return new Extended(null, use);
        }
        Map<String, Entry> own = new LinkedHashMap<>(tenant.entries());
        own.remove("extend");
        return new Extended(merge(baseMap, new MapNode(tenant.location(), own)), use);
    }

    /**
     * {@code over} laid onto {@code base}: a key of both whose values are both mappings is merged key by key; any
     * other key of {@code over} replaces {@code base}'s whole (lists too). Keys keep {@code base}'s order, new keys
     * follow; the result has {@code over}'s location.
     */
    static MapNode merge(MapNode base, MapNode over) {
        Map<String, Entry> entries = new LinkedHashMap<>(base.entries());
        for (Entry entry : over.entries().values()) {
            Entry under = entries.get(entry.key());
            if (under != null && under.value() instanceof MapNode underMap && entry.value() instanceof MapNode overMap) {
                entries.put(entry.key(), new Entry(entry.key(), entry.keyLocation(), merge(underMap, overMap)));
            } else {
                entries.put(entry.key(), entry);
            }
        }
        return new MapNode(over.location(), entries);
    }

    /** Whether {@code fileName} is a template file: {@code _<name>.yaml} / {@code .yml}. */
    static boolean isTemplateFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.startsWith("_") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    /** {@code _msp-default.yaml} and {@code _msp-default} both name template {@code _msp-default}. */
    private static String withoutSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}
