package io.entrasync.mirror;

/**
 * What the mirror holds for one tenant, for diagnostics.
 *
 * @param users        users not marked removed
 * @param removedUsers users marked removed (kept as tombstones)
 * @param groups       groups not marked removed
 * @param memberships  membership edges (user and nested-group members)
 */
public record MirrorCounts(long users, long removedUsers, long groups, long memberships) {
}
