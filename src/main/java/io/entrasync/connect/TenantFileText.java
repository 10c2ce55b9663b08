package io.entrasync.connect;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text of a generated tenant file: five lines ({@code tenant}, {@code tenantId}, {@code extend},
 * {@code credentials: { app: msp }}, {@code scope}), plus a {@code sites:} list when the group picker gave site rules
 * (a tenant's list replaces the template's whole, so the template's own site rules follow the picked ones). Values a
 * YAML reader could take for something else are written as JSON strings (valid YAML). Pure.
 */
final class TenantFileText {

    /** Written as is: letters, digits, blanks inside, {@code . _ - @}. Anything else is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]*[A-Za-z0-9]|[A-Za-z0-9]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A picked site rule: members of {@code group} go to {@code site}. */
    record SiteByGroup(String group, String site) {
    }

    private TenantFileText() {
    }

    /**
     * @param scopeGroups   the scope's groups (display names or object ids)
     * @param sites         picked site rules; empty: none (the template's sites apply unchanged)
     * @param templateSites the template's site rules, each as one line of flow YAML ({@link #flow}); used only with
     *                      sites
     */
    static String render(String tenant, String tenantId, String template, List<String> scopeGroups,
            List<SiteByGroup> sites, List<String> templateSites) {
        StringBuilder text = new StringBuilder()
                .append("tenant: ").append(tenant).append('\n')
                .append("tenantId: ").append(tenantId).append('\n')
                .append("extend: ").append(template).append('\n')
                .append("credentials: { app: msp }\n")
                .append("scope: { groups: [")
                .append(String.join(", ", scopeGroups.stream().map(TenantFileText::scalar).toList()))
                .append("] }\n");
        if (!sites.isEmpty()) {
            text.append("sites:\n");
            sites.forEach(s -> text.append("  - { group: ").append(scalar(s.group())).append(", site: ")
                    .append(scalar(s.site())).append(" }\n"));
            templateSites.forEach(rule -> text.append("  - ").append(rule).append('\n'));
        }
        return text.toString();
    }

    /**
     * One line of flow YAML for a value read from the template ({@code { attribute: officeLocation, map: { BER:
     * Berlin } }}), written like the lines around it rather than as JSON.
     */
    static String flow(JsonNode node) {
        if (node.isObject()) {
            return node.properties().stream().map((Map.Entry<String, JsonNode> e) -> scalar(e.getKey()) + ": "
                    + flow(e.getValue())).collect(Collectors.joining(", ", "{ ", " }"));
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(TenantFileText::flow)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return node.isString() ? scalar(node.asString()) : node.toString();
    }

    /** A plain scalar when it reads back as the same text, else a JSON string. */
    static String scalar(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !List.of("true", "false", "null", "yes", "no", "on", "off")
                .contains(value.toLowerCase(java.util.Locale.ROOT)) && !value.matches("[0-9._-]+");
        return plain ? value : JSON.writeValueAsString(value);
    }
}
