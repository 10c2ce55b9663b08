package io.entrasync.reconcile;

/** Why a directory user no longer wants an active account. */
public enum AbsenceReason {
    /** Hard-deleted in the directory (delta {@code @removed} with reason {@code deleted}). */
    DELETED,
    /** Moved to the directory's recycle bin ({@code @removed} with reason {@code changed}). */
    SOFT_DELETED,
    /** {@code accountEnabled=false}. */
    DISABLED,
    /** No longer matched by the tenant's scope (groups, guests). */
    OUT_OF_SCOPE,
    /** Not seen by a full sync, and the caller has confirmed with the directory that the user is gone. */
    NOT_FOUND_IN_FULL_SYNC
}
