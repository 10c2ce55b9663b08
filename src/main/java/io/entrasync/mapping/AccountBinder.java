package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Entry;
import io.entrasync.mapping.YamlTree.ScalarNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Binds {@code departments:}, {@code fields:}, {@code mainSiteUsers:} and {@code tickets:}. */
final class AccountBinder {

    private static final List<String> DEPARTMENT_KEYS = List.of("attribute", "map", "createMissing");
    private static final List<String> FIELD_KEYS = List.of("from", "owner", "blankClears");

    private final MapReader root;

    AccountBinder(MapReader root) {
        this.root = root;
    }

    DepartmentRule departments() {
        MapReader departments = root.map("departments");
        if (departments == null) {
            return null;
        }
        departments.rejectUnknownKeys(DEPARTMENT_KEYS, Set.of());
        String attribute = departments.has("attribute")
                ? RuleBinder.attribute(departments, UserAttributes.NAMES) : "department";
        return new DepartmentRule(attribute == null ? "department" : attribute, departments.textMap("map"),
                departments.bool("createMissing", true));
    }

    FieldRules fields() {
        MapReader fields = root.map("fields");
        if (fields == null) {
            return FieldRules.DEFAULTS;
        }
        List<String> keys = java.util.Arrays.stream(Field.values()).map(Field::key).toList();
        fields.rejectUnknownKeys(keys, Set.of());
        Map<Field, FieldRule> rules = new EnumMap<>(Field.class);
        for (Entry entry : fields.entries()) {
            Field field = Field.byKey(entry.key());
            if (field != null) {
                rules.put(field, field(fields, entry, field));
            }
        }
        return new FieldRules(rules);
    }

    private static FieldRule field(MapReader fields, Entry entry, Field field) {
        if (entry.value() instanceof ScalarNode) {
            List<String> sources = sources(fields, field.key(), field);
            return new FieldRule(sources, FieldPolicy.DEFAULT);
        }
        MapReader rule = fields.map(field.key());
        if (rule == null) {
            return FieldRule.defaultFor(field);
        }
        rule.rejectUnknownKeys(FIELD_KEYS, Set.of());
        List<String> sources = rule.has("from") ? sources(rule, "from", field) : field.defaultSources();
        FieldPolicy.Owner owner = FieldPolicy.Owner.DIRECTORY;
        String ownerText = rule.text("owner", false);
        if (ownerText != null) {
            try {
                owner = FieldPolicy.Owner.valueOf(ownerText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                rule.errorAtValue("owner", "unknown owner '" + ownerText + "'; expected directory (the directory "
                        + "wins on every run) or helpdesk (set at creation only)");
            }
        }
        return new FieldRule(sources,
                new FieldPolicy(owner, rule.bool("blankClears", FieldPolicy.DEFAULT.blankClears())));
    }

    private static List<String> sources(MapReader reader, String key, Field field) {
        List<String> sources = reader.texts(key);
        for (String source : sources) {
            if (!UserAttributes.FIELD_SOURCES.contains(source)) {
                reader.errorAtValue(key, "unknown attribute '" + source + "'"
                        + RuleBinder.hint(source, UserAttributes.FIELD_SOURCES));
                return field.defaultSources();
            }
        }
        if (sources.isEmpty()) {
            reader.errorAtValue(key, "name at least one directory attribute");
            return field.defaultSources();
        }
        return sources;
    }

    /** {@code section: { single: G }} or {@code section: { plural: [G, H] }}; null when the section is absent. */
    GroupRule groupRule(String section, String single, String plural) {
        MapReader rule = root.map(section);
        if (rule == null) {
            return null;
        }
        rule.rejectUnknownKeys(List.of(single, plural), Set.of());
        if (rule.has(single) && rule.has(plural)) {
            rule.errorAtKey(plural, "give either '" + single + "' or '" + plural + "', not both");
            return null;
        }
        if (!rule.has(single) && !rule.has(plural)) {
            rule.problems().add(rule.location(), rule.path(single), "missing required key '" + single + "'");
            return null;
        }
        String one = rule.has(single) ? rule.text(single, true) : null;
        List<String> groups = rule.has(single) ? (one == null ? List.of() : List.of(one)) : rule.texts(plural);
        if (groups.isEmpty() && rule.has(plural)) {
            rule.errorAtValue(plural, "name at least one group");
        }
        return groups.isEmpty() ? null : new GroupRule(groups);
    }
}
