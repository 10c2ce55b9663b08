package io.entrasync.reconcile;

import java.util.Objects;

/**
 * What a sync run wants for one directory user, keyed by the directory's object id ({@link #externalId()},
 * never blank).
 */
public sealed interface Desired permits Desired.Present, Desired.Absent, Desired.Unmappable {

    String externalId();

    /** The user is in scope and mapped: it should have an active account looking like {@code account}. */
    record Present(String externalId, DesiredAccount account) implements Desired {
        public Present {
            requireExternalId(externalId);
            Objects.requireNonNull(account, "account");
        }
    }

    /** The user should no longer have an active account, for {@code reason} (never null). */
    record Absent(String externalId, AbsenceReason reason) implements Desired {
        public Absent {
            requireExternalId(externalId);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The user is in scope but could not be mapped; nothing is changed for it.
     *
     * @param reason never null
     * @param detail human-readable, may be null
     */
    record Unmappable(String externalId, SkipReason reason, String detail) implements Desired {
        public Unmappable {
            requireExternalId(externalId);
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireExternalId(String externalId) {
        if (Values.isBlank(externalId)) {
            throw new IllegalArgumentException("externalId is required");
        }
    }
}
