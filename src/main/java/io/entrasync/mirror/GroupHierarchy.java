package io.entrasync.mirror;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A snapshot of a tenant's nested-group edges (group contains group) with the groups' names, walked in memory.
 * Every walk keeps a visited set, so membership cycles (A in B in A) terminate. Not thread-safe (it memoizes).
 */
final class GroupHierarchy {

    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, String> names;
    private final Map<String, Set<String>> ancestorMemo = new HashMap<>();
    private final Map<String, Set<GroupRef>> ancestorRefMemo = new HashMap<>();

    /**
     * @param edges parent group id to nested (member) group id
     * @param names display names of the groups the mirror knows and holds not removed
     */
    GroupHierarchy(Collection<Map.Entry<String, String>> edges, Map<String, String> names) {
        for (Map.Entry<String, String> edge : edges) {
            children.computeIfAbsent(edge.getKey(), k -> new ArrayList<>()).add(edge.getValue());
            parents.computeIfAbsent(edge.getValue(), k -> new ArrayList<>()).add(edge.getKey());
        }
        this.names = names;
    }

    /** The group itself and every group that contains it, directly or through nesting. */
    Set<String> withAncestors(String groupId) {
        return ancestorMemo.computeIfAbsent(groupId,
                id -> Collections.unmodifiableSet(walk(List.of(id), g -> parents.getOrDefault(g, List.of()))));
    }

    /**
     * {@link #withAncestors} as references with names, shared between calls (a run asks for the same few thousand
     * groups for every one of its users).
     */
    Set<GroupRef> refsWithAncestors(String groupId) {
        return ancestorRefMemo.computeIfAbsent(groupId, id -> {
            Set<GroupRef> refs = new LinkedHashSet<>();
            withAncestors(id).forEach(g -> refs.add(ref(g)));
            return Collections.unmodifiableSet(refs);
        });
    }

    /** The groups themselves and every group nested in them, at any depth. */
    Set<String> withDescendants(Collection<String> groupIds) {
        return walk(groupIds, g -> children.getOrDefault(g, List.of()));
    }

    GroupRef ref(String groupId) {
        return new GroupRef(groupId, names.get(groupId));
    }

    private static Set<String> walk(Collection<String> start, Function<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>(start);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String neighbour : next.apply(queue.poll())) {
                if (seen.add(neighbour)) {
                    queue.add(neighbour);
                }
            }
        }
        return seen;
    }
}
