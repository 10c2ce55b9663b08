package io.entrasync.source;

/**
 * A group as the remote directory reports it. Its members arrive separately as {@link MemberChange}s.
 *
 * @param id          the directory object id (never null)
 * @param displayName may be null when a delta item carries only membership changes
 */
public record DirectoryGroup(String id, String displayName, String description) {

    public DirectoryGroup {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("directory group id is required");
        }
    }
}
