package io.entrasync.mapping;

import java.util.Collection;

/**
 * A group a user belongs to, directly or through nested groups.
 *
 * @param id          the directory object id (never null)
 * @param displayName may be null when the mirror has not seen the group's name yet
 */
public record GroupRef(String id, String displayName) {

    public GroupRef {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("group id is required");
        }
    }

    /** True when {@code nameOrId} is this group's object id (exact) or display name (case-insensitive). */
    public boolean matches(String nameOrId) {
        return id.equals(nameOrId) || (displayName != null && displayName.equalsIgnoreCase(nameOrId));
    }

    /** The first of {@code groups} that {@code nameOrId} names, or null. */
    static GroupRef find(Collection<GroupRef> groups, String nameOrId) {
        for (GroupRef group : groups) {
            if (group.matches(nameOrId)) {
                return group;
            }
        }
        return null;
    }
}
