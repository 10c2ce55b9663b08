package io.entrasync.mirror;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads memberships: the nested-group hierarchy, a group's user members, a user's direct groups. */
final class MembershipReader {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    MembershipReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Loads the tenant's group-in-group edges and group names: two queries, sized by groups, not users. */
    GroupHierarchy hierarchy(String tenant) {
        List<Map.Entry<String, String>> edges = jdbc.query(
                "select group_id, member_id from mirror_membership where tenant = ? and member_type = 'GROUP'",
                (rs, row) -> new SimpleImmutableEntry<>(rs.getString(1), rs.getString(2)), tenant);
        Map<String, String> names = new HashMap<>();
        jdbc.query("select id, display_name from mirror_group where tenant = ? and removed = false",
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                }, tenant);
        return new GroupHierarchy(edges, names);
    }

    /** The users who are direct members of any of the groups. */
    Set<String> userMembers(String tenant, Collection<String> groupIds) {
        Set<String> users = new LinkedHashSet<>();
        for (List<String> chunk : Chunks.of(groupIds)) {
            users.addAll(named.queryForList("select distinct member_id from mirror_membership"
                            + " where tenant = :tenant and member_type = 'USER' and group_id in (:ids)",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", chunk), String.class));
        }
        return users;
    }

    /** The direct groups of every user whose id lies in {@code firstId..lastId}; users without groups are absent. */
    Map<String, Set<String>> directGroupsBetween(String tenant, String firstId, String lastId) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        jdbc.query("select member_id, group_id from mirror_membership where tenant = ? and member_id >= ?"
                + " and member_id <= ? and member_type = 'USER'", rs -> {
                    groups.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }, tenant, firstId, lastId);
        return groups;
    }

    /** Every user's direct groups; users without groups are absent. */
    Map<String, Set<String>> directGroups(String tenant, Collection<String> userIds) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(userIds))) {
            named.query("select member_id, group_id from mirror_membership"
                            + " where tenant = :tenant and member_type = 'USER' and member_id in (:ids)",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", chunk),
                    rs -> {
                        groups.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                    });
        }
        return groups;
    }
}
