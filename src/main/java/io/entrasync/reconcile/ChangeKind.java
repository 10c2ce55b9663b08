package io.entrasync.reconcile;

/** The kind of a {@link Change}, one per permitted record, for storage and counting. */
public enum ChangeKind {
    CREATE,
    UPDATE,
    LINK,
    MOVE,
    DEACTIVATE,
    REACTIVATE,
    SKIP,
    UNCHANGED
}
