package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Binds {@code scope:} and {@code sites:}. */
final class RuleBinder {

    private static final List<String> SCOPE_KEYS = List.of("groups", "includeGuests", "includeDisabled", "filters");
    private static final List<String> FILTER_KEYS = List.of("attribute", "equals", "in", "notIn");
    private static final List<String> SITE_KEYS = List.of("group", "site", "attribute", "map", "default", "manualSite",
            "siteOfTenant");
    private static final java.util.regex.Pattern TENANT_KEY = java.util.regex.Pattern.compile("[a-z0-9-]+");

    private final MapReader root;

    RuleBinder(MapReader root) {
        this.root = root;
    }

    Scope scope() {
        MapReader scope = root.map("scope");
        if (scope == null) {
            return Scope.EVERYONE;
        }
        scope.rejectUnknownKeys(SCOPE_KEYS, Set.of());
        List<AttributeFilter> filters = new ArrayList<>();
        List<Node> items = scope.list("filters");
        for (int i = 0; i < items.size(); i++) {
            MapReader item = MapReader.of(items.get(i), scope.path("filters") + "[" + i + "]", root.problems());
            AttributeFilter filter = item == null ? null : filter(item);
            if (filter != null) {
                filters.add(filter);
            }
        }
        return new Scope(scope.texts("groups"), scope.bool("includeGuests", false),
                scope.bool("includeDisabled", false), filters);
    }

    private static AttributeFilter filter(MapReader item) {
        item.rejectUnknownKeys(FILTER_KEYS, Set.of());
        String attribute = attribute(item, UserAttributes.NAMES);
        List<String> operators = FILTER_KEYS.subList(1, FILTER_KEYS.size()).stream().filter(item::has).toList();
        if (operators.size() != 1) {
            item.problems().add(item.location(), item.path(), "a filter needs exactly one of equals, in, notIn, "
                    + "found " + (operators.isEmpty() ? "none" : String.join(", ", operators)));
            return null;
        }
        String operator = operators.get(0);
        List<String> values = operator.equals("equals") ? nonNull(item.text("equals", true)) : item.texts(operator);
        if (values.isEmpty()) {
            item.errorAtKey(operator, "'" + operator + "' needs at least one value");
            return null;
        }
        AttributeFilter.Operator op = switch (operator) {
            case "equals" -> AttributeFilter.Operator.EQUALS;
            case "in" -> AttributeFilter.Operator.IN;
            default -> AttributeFilter.Operator.NOT_IN;
        };
        return attribute == null ? null : new AttributeFilter(attribute, op, values);
    }

    /** @param ownTenant the file's tenant key (null when missing or broken: reported elsewhere) */
    List<SiteRule> sites(String ownTenant) {
        if (!root.has("sites")) {
            root.require("sites");
            return List.of();
        }
        List<Node> items = root.list("sites");
        if (items.isEmpty()) {
            root.errorAtValue("sites", "sites needs at least one rule, e.g. - { default: Headquarters }");
        }
        List<SiteRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MapReader item = MapReader.of(items.get(i), "sites[" + i + "]", root.problems());
            SiteRule rule = item == null ? null : site(item, ownTenant);
            if (rule != null && !rules.isEmpty() && rules.get(rules.size() - 1) instanceof SiteRule.Default) {
                item.problems().add(item.location(), item.path(), "this rule follows a default rule and is never "
                        + "reached; move the default to the end");
            }
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static SiteRule site(MapReader item, String ownTenant) {
        item.rejectUnknownKeys(SITE_KEYS, Set.of());
        SiteOwner owner = owner(item, ownTenant);
        List<String> kinds = List.of("group", "attribute", "default").stream().filter(item::has).toList();
        if (kinds.size() > 1) {
            item.problems().add(item.location(), item.path(), "a site rule takes only one of group, attribute, "
                    + "default; found " + String.join(" and ", kinds) + " (split it into two rules)");
            return null;
        }
        if (kinds.isEmpty()) {
            if (item.has("site")) {
                item.problems().add(item.location(), item.path("group"), "missing required key 'group': a rule "
                        + "with 'site' needs the group whose members go to that site");
            } else {
                item.problems().add(item.location(), item.path(), "a site rule needs one of { group: G, site: S }, "
                        + "{ attribute: A }, { default: S }");
            }
            return null;
        }
        if (owner == null) {
            return null;
        }
        return switch (kinds.get(0)) {
            case "group" -> byGroup(item, owner);
            case "attribute" -> byAttribute(item, owner);
            default -> {
                rejectAll(item, "default", "site", "map");
                String site = item.text("default", true);
                yield site == null ? null : new SiteRule.Default(site, owner);
            }
        };
    }

    /**
     * Whose sites the rule names: {@code manualSite: true} (the manual sites), {@code siteOfTenant: key} (another
     * tenant's sites) or neither (the file's own tenant). Null after an error.
     */
    private static SiteOwner owner(MapReader item, String ownTenant) {
        boolean manual = item.has("manualSite") && item.bool("manualSite", false);
        if (!item.has("siteOfTenant")) {
            return manual ? SiteOwner.MANUAL : SiteOwner.OWN;
        }
        String tenant = item.text("siteOfTenant", true);
        if (tenant == null) {
            return null;
        }
        if (item.has("manualSite")) {
            item.errorAtKey("manualSite", "a site rule takes either manualSite (a site created by an admin or an "
                    + "import) or siteOfTenant (a site of another tenant), not both");
            return null;
        }
        if (!TENANT_KEY.matcher(tenant).matches()) {
            item.errorAtValue("siteOfTenant", "siteOfTenant '" + tenant + "' is not a tenant key ([a-z0-9-]+, the "
                    + "'tenant' of that tenant's mapping file)");
            return null;
        }
        if (tenant.equals(ownTenant)) {
            item.errorAtValue("siteOfTenant", "'" + tenant + "' is this file's own tenant, whose sites every rule "
                    + "names by default; remove siteOfTenant");
            return null;
        }
        return SiteOwner.tenant(tenant);
    }

    private static SiteRule byGroup(MapReader item, SiteOwner owner) {
        rejectAll(item, "group", "map");
        String group = item.text("group", true);
        if (!item.has("site")) {
            item.problems().add(item.location(), item.path("site"), "missing required key 'site': the site that "
                    + "members of group '" + group + "' go to");
            return null;
        }
        String site = item.text("site", true);
        return group == null || site == null ? null : new SiteRule.ByGroup(group, site, owner);
    }

    private static SiteRule byAttribute(MapReader item, SiteOwner owner) {
        rejectAll(item, "attribute", "site");
        List<String> allowed = UserAttributes.NAMES.stream().filter(a -> !UserAttributes.MULTI_VALUED.contains(a))
                .toList();
        String attribute = attribute(item, allowed);
        var map = item.textMap("map");
        if (item.has("map") && map.isEmpty() && !item.problems().any()) {
            item.errorAtValue("map", "the value map is empty; remove it to name sites by the value itself");
        }
        return attribute == null ? null : new SiteRule.ByAttribute(attribute, map, owner);
    }

    private static void rejectAll(MapReader item, String kind, String... keys) {
        for (String key : keys) {
            if (item.has(key)) {
                item.errorAtKey(key, "'" + key + "' has no meaning in a " + kind + " rule");
            }
        }
    }

    /** The {@code attribute} key, required, checked against {@code allowed}. */
    static String attribute(MapReader item, List<String> allowed) {
        String attribute = item.text("attribute", true);
        if (attribute != null && !allowed.contains(attribute)) {
            item.errorAtValue("attribute", "unknown attribute '" + attribute + "'"
                    + hint(attribute, allowed));
            return null;
        }
        return attribute;
    }

    /** "; did you mean 'x'?" or "; known: a, b, c". */
    static String hint(String given, List<String> known) {
        String hint = Suggestions.didYouMean(given, known);
        return hint.isEmpty() ? "; known: " + String.join(", ", known) : hint;
    }

    private static List<String> nonNull(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
