package io.entrasync.mapping;

import java.util.EnumMap;
import java.util.Map;

/** A {@link FieldRule} for every {@link Field}: the mapping's own or the default. */
public record FieldRules(Map<Field, FieldRule> rules) {

    public static final FieldRules DEFAULTS = new FieldRules(Map.of());

    public FieldRules {
        EnumMap<Field, FieldRule> complete = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            complete.put(field, rules.getOrDefault(field, FieldRule.defaultFor(field)));
        }
        rules = Map.copyOf(complete);
    }

    /** Never null. */
    public FieldRule rule(Field field) {
        return rules.get(field);
    }

    /** The policies alone, as handed to the sync with each desired account. */
    public FieldPolicies policies() {
        EnumMap<Field, FieldPolicy> policies = new EnumMap<>(Field.class);
        rules.forEach((field, rule) -> policies.put(field, rule.policy()));
        return new FieldPolicies(policies);
    }
}
