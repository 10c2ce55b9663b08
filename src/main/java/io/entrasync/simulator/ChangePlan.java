package io.entrasync.simulator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many changes of each kind to apply in one batch (one version). Immutable.
 *
 * @param counts changes per kind; kinds not listed are not applied
 */
public record ChangePlan(Map<ChangeKind, Integer> counts) {

    /** A little drift: edits, moves, a disabled user, one soft delete, one restore, one new user. */
    public static final ChangePlan DRIFT = none().with(ChangeKind.EDIT, 3).with(ChangeKind.MOVE, 2)
            .with(ChangeKind.DISABLE, 1).with(ChangeKind.SOFT_DELETE, 1).with(ChangeKind.RESTORE, 1)
            .with(ChangeKind.ADD, 1);

    public ChangePlan {
        EnumMap<ChangeKind, Integer> copy = new EnumMap<>(ChangeKind.class);
        counts.forEach((kind, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("count of " + kind + " must be >= 0, was " + count);
            }
            copy.put(kind, count);
        });
        counts = Collections.unmodifiableMap(copy);
    }

    public static ChangePlan none() {
        return new ChangePlan(Map.of());
    }

    /** This plan with {@code count} changes of {@code kind} (replacing an earlier count). */
    public ChangePlan with(ChangeKind kind, int count) {
        EnumMap<ChangeKind, Integer> copy = new EnumMap<>(ChangeKind.class);
        copy.putAll(counts);
        copy.put(kind, count);
        return new ChangePlan(copy);
    }

    public int count(ChangeKind kind) {
        return counts.getOrDefault(kind, 0);
    }
}
