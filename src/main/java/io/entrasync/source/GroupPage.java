package io.entrasync.source;

import java.util.List;

/**
 * One page of {@code groups/delta}: groups added or changed, groups removed, and membership changes (a group's
 * member list may be split across several pages). Lists are never null.
 */
public record GroupPage(List<DirectoryGroup> groups, List<RemovedObject> removed, List<MemberChange> memberChanges) {

    public GroupPage {
        groups = List.copyOf(groups);
        removed = List.copyOf(removed);
        memberChanges = List.copyOf(memberChanges);
    }
}
