package io.entrasync.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * The planned changes of one chunk (or, concatenated, of one run) of a tenant.
 *
 * @param tenant  never null
 * @param changes one per directory user, in planning order; never null
 */
public record ChangeSet(String tenant, List<Change> changes) {

    public ChangeSet {
        Objects.requireNonNull(tenant, "tenant");
        changes = List.copyOf(changes);
    }

    /** The counts of the planned changes ({@code failed} is 0: failures happen when applying). */
    public RunCounts counts() {
        return RunCounts.of(changes);
    }

    /** How many accounts this set deactivates, for {@link DeletionGuard}. */
    public long deactivations() {
        return changes.stream().filter(change -> change.kind() == ChangeKind.DEACTIVATE).count();
    }
}
