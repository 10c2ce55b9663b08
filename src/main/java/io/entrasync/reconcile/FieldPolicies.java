package io.entrasync.reconcile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link FieldPolicy} of every {@link Field}; a field without an explicit policy gets
 * {@link FieldPolicy#DIRECTORY}. Immutable.
 */
public final class FieldPolicies {

    private static final FieldPolicies DEFAULTS = new FieldPolicies(new EnumMap<>(Field.class));

    private final Map<Field, FieldPolicy> policies;

    private FieldPolicies(EnumMap<Field, FieldPolicy> policies) {
        this.policies = policies;
    }

    /** Every field directory-owned, blanks never clearing. */
    public static FieldPolicies defaults() {
        return DEFAULTS;
    }

    /** The given policies, the others defaulted; null map or null values count as absent. */
    public static FieldPolicies of(Map<Field, FieldPolicy> policies) {
        EnumMap<Field, FieldPolicy> copy = new EnumMap<>(Field.class);
        if (policies != null) {
            policies.forEach((field, policy) -> {
                if (field != null && policy != null) {
                    copy.put(field, policy);
                }
            });
        }
        return new FieldPolicies(copy);
    }

    /** A copy with {@code field} set to {@code policy} (both non-null). */
    public FieldPolicies with(Field field, FieldPolicy policy) {
        EnumMap<Field, FieldPolicy> copy = new EnumMap<>(Field.class);
        copy.putAll(policies);
        copy.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(policy, "policy"));
        return new FieldPolicies(copy);
    }

    /** The policy of {@code field}, never null. */
    public FieldPolicy of(Field field) {
        return policies.getOrDefault(field, FieldPolicy.DIRECTORY);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPolicies that && policies.equals(that.policies);
    }

    @Override
    public int hashCode() {
        return policies.hashCode();
    }

    @Override
    public String toString() {
        return "FieldPolicies" + policies;
    }
}
