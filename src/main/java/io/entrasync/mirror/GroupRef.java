package io.entrasync.mirror;

/**
 * A group a user belongs to, directly or through nested groups.
 *
 * @param id          the directory object id (never null)
 * @param displayName the group's name as last seen, or null when the mirror never saw the group's own item
 */
public record GroupRef(String id, String displayName) {

    public GroupRef {
        if (id == null) {
            throw new IllegalArgumentException("group id is required");
        }
    }
}
