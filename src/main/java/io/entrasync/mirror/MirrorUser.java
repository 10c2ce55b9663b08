package io.entrasync.mirror;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.RemovedObject;
import java.time.Instant;

/**
 * A user as the mirror last saw it: the merged attributes of every delta item applied so far, plus whether the
 * directory reported the user removed.
 *
 * @param user          the merged attributes; attributes never sent are null (lists are empty)
 * @param removed       true once the directory reported the user removed, until it is seen again
 * @param removedReason why it was removed, null when not removed
 * @param lastSeenRun   the id of the last run whose pages mentioned the user
 * @param updatedAt     when the stored attributes or removal state last changed
 */
public record MirrorUser(
        DirectoryUser user, boolean removed, RemovedObject.Reason removedReason, long lastSeenRun, Instant updatedAt) {

    public MirrorUser {
        if (user == null) {
            throw new IllegalArgumentException("user is required");
        }
    }

    public String id() {
        return user.id();
    }

    /** The attributes as a source record, e.g. for the mapping engine. */
    public DirectoryUser toDirectoryUser() {
        return user;
    }
}
