package io.entrasync.mirror;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The transitive groups of a tenant's users, resolved against one snapshot of its nested-group hierarchy.
 *
 * <p>Made once per run's reconcile phase ({@link DirectoryMirror#groupClosure}): the hierarchy is loaded once and
 * each call only reads the direct groups of the users asked for. The snapshot does not follow later writes to the
 * mirror's groups, so make a new one after writing groups. Not thread-safe (it memoizes ancestor sets).
 */
public final class GroupClosure {

    private final String tenant;
    private final GroupHierarchy hierarchy;
    private final MembershipReader reader;

    GroupClosure(String tenant, GroupHierarchy hierarchy, MembershipReader reader) {
        this.tenant = tenant;
        this.hierarchy = hierarchy;
        this.reader = reader;
    }

    /**
     * Each user's direct groups plus every group containing them through nesting; cycle-safe. Every requested id is
     * a key (empty set: no groups). Never null.
     */
    public Map<String, Set<GroupRef>> groupsOf(Collection<String> userIds) {
        return closure(userIds, reader.directGroups(tenant, userIds));
    }

    /**
     * {@link #groupsOf} for users whose ids span the range {@code firstId..lastId} (as the database orders ids, e.g.
     * a chunk of {@link DirectoryMirror#usersAfter}): one range read of the memberships instead of a lookup per
     * user. Memberships of users in the range but not in {@code userIds} are ignored.
     */
    public Map<String, Set<GroupRef>> groupsOfRange(String firstId, String lastId, Collection<String> userIds) {
        return closure(userIds, reader.directGroupsBetween(tenant, firstId, lastId));
    }

    private Map<String, Set<GroupRef>> closure(Collection<String> userIds, Map<String, Set<String>> direct) {
        Map<String, Set<GroupRef>> result = new LinkedHashMap<>();
        for (String userId : userIds) {
            Set<String> directGroups = direct.getOrDefault(userId, Set.of());
            Set<GroupRef> groups = directGroups.size() == 1
                    ? hierarchy.refsWithAncestors(directGroups.iterator().next()) : new LinkedHashSet<>();
            if (directGroups.size() > 1) {
                directGroups.forEach(g -> groups.addAll(hierarchy.refsWithAncestors(g)));
            }
            result.put(userId, groups);
        }
        return result;
    }
}
