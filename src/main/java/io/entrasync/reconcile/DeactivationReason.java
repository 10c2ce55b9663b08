package io.entrasync.reconcile;

import java.util.Objects;

/**
 * Why an account is inactive, as recorded when it was deactivated: by an admin ({@link #MANUAL}) or by a sync run
 * for one of the {@link AbsenceReason}s. The reconciler never reactivates a {@link #MANUAL} one: an admin's
 * deactivation stands until an admin activates the account again.
 */
public enum DeactivationReason {
    /** An admin deactivated the account by hand ({@code POST /api/users/{id}/deactivate}). */
    MANUAL,
    DELETED,
    SOFT_DELETED,
    DISABLED,
    OUT_OF_SCOPE,
    NOT_FOUND_IN_FULL_SYNC;

    /** The reason a sync run records when it deactivates for {@code absence} (non-null). */
    public static DeactivationReason of(AbsenceReason absence) {
        // a switch without default: a new AbsenceReason does not compile until it is given a reason here
        return switch (Objects.requireNonNull(absence, "absence")) {
            case DELETED -> DELETED;
            case SOFT_DELETED -> SOFT_DELETED;
            case DISABLED -> DISABLED;
            case OUT_OF_SCOPE -> OUT_OF_SCOPE;
            case NOT_FOUND_IN_FULL_SYNC -> NOT_FOUND_IN_FULL_SYNC;
        };
    }

    /** The stored name as a reason; null for null, blank or a name this version does not know. */
    public static DeactivationReason parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        for (DeactivationReason reason : values()) {
            if (reason.name().equals(name.strip())) {
                return reason;
            }
        }
        return null;
    }

    /**
     * Why a sync reactivates an account that was inactive for {@code previous} (null: inactive since before
     * reasons were recorded), as the run's change log says it. Never null.
     */
    public static String reactivation(DeactivationReason previous) {
        if (previous == null) {
            return "active and in scope in the directory again (the deactivation's reason was not recorded)";
        }
        return switch (previous) {
            case MANUAL -> "activated again";
            case DELETED -> "restored in the directory";
            case SOFT_DELETED -> "restored from the directory's deleted items";
            case DISABLED -> "re-enabled in the directory";
            case OUT_OF_SCOPE -> "returned to scope";
            case NOT_FOUND_IN_FULL_SYNC -> "found in the directory again";
        };
    }
}
