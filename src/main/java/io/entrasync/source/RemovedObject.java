package io.entrasync.source;

/**
 * A delta item carrying {@code @removed}: the object left the directory (or the delta's scope).
 *
 * @param id     the directory object id
 * @param reason why Graph says it was removed
 */
public record RemovedObject(String id, Reason reason) {

    /** Graph's {@code @removed.reason}. */
    public enum Reason {
        /** {@code changed}: soft-deleted (restorable for 30 days). */
        SOFT_DELETED,
        /** {@code deleted}: permanently gone. */
        DELETED,
        /**
         * Not in a full read, and Graph confirmed it has no such user (404 / not returned by {@code getByIds}): it may
         * be hard-deleted or soft-deleted and still restorable, which Graph does not tell apart there. (The name fits
         * the mirror's 20-character reason column.)
         */
        NOT_IN_FULL_READ
    }
}
