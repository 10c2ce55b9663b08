package io.entrasync.edits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Published by a service once it has changed an entity: the fields whose values differ, before and after. The audit
 * trail attaches them to the event of the call that made the edit (only once the edit is committed).
 *
 * @param target  what was edited, e.g. {@code user 12}
 * @param changes only the fields whose value actually changed, in the order of the snapshot
 */
public record EntityEdited(String target, List<FieldChange> changes) {

    public EntityEdited {
        changes = List.copyOf(changes);
    }

    /**
     * The difference of two snapshots of the same entity (field name → value as text; a missing snapshot, null,
     * stands for "did not exist": a creation or a deletion). Fields with equal values are left out.
     */
    public static EntityEdited between(String target, Map<String, String> before, Map<String, String> after) {
        Map<String, String> was = before == null ? Map.of() : before;
        Map<String, String> is = after == null ? Map.of() : after;
        Map<String, Boolean> fields = new LinkedHashMap<>();
        was.keySet().forEach(field -> fields.put(field, true));
        is.keySet().forEach(field -> fields.put(field, true));
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields.keySet()) {
            if (!Objects.equals(was.get(field), is.get(field))) {
                changes.add(new FieldChange(field, was.get(field), is.get(field)));
            }
        }
        return new EntityEdited(target, changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
