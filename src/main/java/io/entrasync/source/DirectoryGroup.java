package io.entrasync.source;

/**
 * A group as the remote directory reports it. Its members arrive separately as {@link MemberChange}s.
 *
 * @param id                 the directory object id (never null)
 * @param displayName        may be null when a delta item carries only membership changes (a group always has one)
 * @param description        null when the item did not carry it or sent it as null
 * @param descriptionCleared whether the item sent {@code "description": null}: a delta merge then removes the
 *                           stored description, while a description not sent keeps it
 */
public record DirectoryGroup(String id, String displayName, String description, boolean descriptionCleared) {

    public DirectoryGroup {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("directory group id is required");
        }
        if (description != null) {
            descriptionCleared = false;
        }
    }

    /** A group item that cleared nothing. */
    public DirectoryGroup(String id, String displayName, String description) {
        this(id, displayName, description, false);
    }

    /** This item followed by a later one for the same group: what the later one sent wins, cleared included. */
    public DirectoryGroup then(DirectoryGroup later) {
        String name = later.displayName != null ? later.displayName : displayName;
        if (later.description != null || later.descriptionCleared) {
            return new DirectoryGroup(id, name, later.description, later.descriptionCleared);
        }
        return new DirectoryGroup(id, name, description, descriptionCleared);
    }

    /** The description after applying this item to a stored one. */
    public String descriptionOver(String stored) {
        return description != null || descriptionCleared ? description : stored;
    }
}
