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
        DELETED
    }
}
