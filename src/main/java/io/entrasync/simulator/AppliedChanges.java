package io.entrasync.simulator;

import java.util.List;

/**
 * What one batch actually changed (a kind may apply fewer times than planned, e.g. RESTORE with nothing deleted).
 *
 * @param version the directory version the batch created; a deltaLink from before it sees these changes
 * @param changes in the order applied
 */
public record AppliedChanges(int version, List<Change> changes) {

    public AppliedChanges {
        changes = List.copyOf(changes);
    }

    public long count(ChangeKind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    /**
     * One applied change.
     *
     * @param userId      the user's object id
     * @param fromGroupId the group the user left ({@link ChangeKind#MOVE}), else null
     * @param toGroupId   the group the user joined ({@link ChangeKind#MOVE}), else null
     */
    public record Change(ChangeKind kind, String userId, String fromGroupId, String toGroupId) {
    }
}
