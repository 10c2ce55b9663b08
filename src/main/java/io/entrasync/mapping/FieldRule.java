package io.entrasync.mapping;

import java.util.List;

/**
 * How one account field is filled: the first of {@code sources} with a usable value, and the field's policy.
 *
 * @param sources directory attribute names tried in order (never empty)
 */
public record FieldRule(List<String> sources, FieldPolicy policy) {

    public FieldRule {
        sources = List.copyOf(sources);
    }

    static FieldRule defaultFor(Field field) {
        return new FieldRule(field.defaultSources(), FieldPolicy.DEFAULT);
    }
}
