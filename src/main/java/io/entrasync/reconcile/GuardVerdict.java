package io.entrasync.reconcile;

import java.util.Objects;

/**
 * The {@link DeletionGuard}'s answer.
 *
 * @param allowed whether the run may apply its deactivations without an admin's approval
 * @param message names the planned count, the base and the limits; never null
 */
public record GuardVerdict(boolean allowed, String message) {

    public GuardVerdict {
        Objects.requireNonNull(message, "message");
    }
}
