package io.entrasync.simulator;

/** Kinds of change the simulator can apply to a tenant's directory. */
public enum ChangeKind {
    /** New department/office/job title/phones (a new edit generation of the user's attributes). */
    EDIT,
    /** A user leaves one team group and joins another. */
    MOVE,
    /** {@code accountEnabled} becomes false. */
    DISABLE,
    /** {@code accountEnabled} becomes true again. */
    ENABLE,
    /** Deleted into the recycle bin: {@code @removed reason changed}, memberships removed, {@code GET} 404. */
    SOFT_DELETE,
    /** A soft-deleted user comes back with its memberships. */
    RESTORE,
    /** A soft-deleted user is deleted permanently: {@code @removed reason deleted}. */
    PURGE,
    /** A new user, placed in groups like a generated one. */
    ADD
}
