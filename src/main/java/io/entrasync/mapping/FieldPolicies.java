package io.entrasync.mapping;

import java.util.EnumMap;
import java.util.Map;

/** The {@link FieldPolicy} of every {@link Field}; missing entries mean {@link FieldPolicy#DEFAULT}. */
public record FieldPolicies(Map<Field, FieldPolicy> policies) {

    public FieldPolicies {
        EnumMap<Field, FieldPolicy> complete = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            complete.put(field, policies.getOrDefault(field, FieldPolicy.DEFAULT));
        }
        policies = Map.copyOf(complete);
    }

    /** Never null. */
    public FieldPolicy of(Field field) {
        return policies.get(field);
    }
}
