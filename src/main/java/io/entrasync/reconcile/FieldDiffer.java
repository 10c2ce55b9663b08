package io.entrasync.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Computes the field writes that bring a local account in line with a desired one, honouring field policies. */
final class FieldDiffer {

    /** On LINK helpdesk-owned fields are filled when blank locally; on UPDATE they are never touched. */
    enum Mode { LINK, UPDATE }

    private FieldDiffer() {
    }

    /** The diffs in {@link Field} order, leaving out the {@code withheld} fields. */
    static List<FieldDiff> diffs(LocalAccount local, DesiredAccount desired, Mode mode, Set<Field> withheld) {
        List<FieldDiff> diffs = new ArrayList<>();
        for (Field field : Field.values()) {
            if (withheld.contains(field)) {
                continue;
            }
            String before = local.value(field);
            String after = desired.value(field);
            if (writes(field, desired.policies().of(field), mode, before, after)) {
                diffs.add(new FieldDiff(field, before, after));
            }
        }
        return List.copyOf(diffs);
    }

    private static boolean writes(Field field, FieldPolicy policy, Mode mode, String before, String after) {
        if (policy.ownership() == Ownership.HELPDESK) {
            return mode == Mode.LINK && before == null && after != null;
        }
        if (after == null) {
            return policy.blankClears() && before != null;
        }
        return !same(field, before, after);
    }

    private static boolean same(Field field, String before, String after) {
        if (field == Field.EMAIL) {
            return after.strip().equalsIgnoreCase(before == null ? null : before.strip());
        }
        return after.equals(before);
    }
}
