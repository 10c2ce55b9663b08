package io.entrasync.source;

/**
 * One entry of a group's {@code members@delta}: a user or a nested group added to or removed from a group.
 *
 * @param removed true for an {@code @removed} member entry
 */
public record MemberChange(String groupId, String memberId, MemberType memberType, boolean removed) {

    /** What kind of object the member is; other kinds (devices, service principals) are ignored by the source. */
    public enum MemberType { USER, GROUP }
}
