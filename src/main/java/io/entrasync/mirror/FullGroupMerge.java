package io.entrasync.mirror;

import static io.entrasync.mirror.Staging.MEMBERSHIPS;

import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.RemovedObject;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The groups and memberships of a full read. A listed group's description is the read's, null included (Graph
 * leaves out a description a group does not have); its display name, which every group has, is kept when no item
 * carries it. Groups are few (thousands where users are hundreds of thousands), so
 * their items are folded in memory page by page and compared with the stored groups at the end; membership changes,
 * the bulk, are staged and merged set-based: drop the stored edges no staged add covers, insert the staged ones not
 * stored.
 */
final class FullGroupMerge {

    /** The removal reason of a group a full read did not see. */
    static final String NOT_SEEN = "NOT_SEEN";

    private static final String DROP_SUPERSEDED = "delete from " + MEMBERSHIPS + " s where s.group_id in (:ids)"
            + " and exists (select 1 from " + MEMBERSHIPS + " l where l.group_id = s.group_id"
            + " and l.member_id = s.member_id and l.page > s.page)";
    private static final String DROP_NOT_STAGED = "delete from mirror_membership m where m.tenant = ? and not exists"
            + " (select 1 from " + MEMBERSHIPS + " s where s.group_id = m.group_id and s.member_id = m.member_id)";
    private static final String INSERT_NEW = "insert into mirror_membership"
            + " (tenant, group_id, member_id, member_type, last_seen_run)"
            + " select ?, s.group_id, s.member_id, s.member_type, ? from " + MEMBERSHIPS + " s where not exists"
            + " (select 1 from mirror_membership m where m.tenant = ? and m.group_id = s.group_id"
            + " and m.member_id = s.member_id) order by s.group_id, s.member_id";

    /**
     * A group as the read saw it so far; {@code removal} is set when the last page mentioning it removed it. Its
     * description is what its items said, folded from nothing: a group whose items never carry one has none.
     */
    private static final class Seen {
        private boolean listed;
        private String displayName;
        private String description;
        private RemovedObject.Reason removal;
        /** The last page that removed the group: the edges staged up to it are gone with it. */
        private int removedAtPage;
    }

    private record Stored(String displayName, String description, boolean removed, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private final Set<String> withAddedMembers = new HashSet<>();
    /** The last page that changed each group's members. */
    private final Map<String, Integer> memberPage = new HashMap<>();
    /** Groups whose member changes span pages: only their edges can be staged twice. */
    private final Set<String> spanningPages = new HashSet<>();
    private boolean anyMemberRemoved;

    FullGroupMerge(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /** Folds the page's groups in and answers its membership rows to stage (one per group and member). */
    List<Object[]> stage(int page, GroupPage groupPage) {
        Map<String, RemovedObject> removals = new LinkedHashMap<>();
        groupPage.removed().forEach(r -> removals.put(r.id(), r));
        for (DirectoryGroup item : groupPage.groups()) {
            if (!removals.containsKey(item.id())) {
                Seen group = seen.computeIfAbsent(item.id(), id -> new Seen());
                group.displayName = pick(item.displayName(), group.displayName);
                group.description = item.descriptionOver(group.description);
                group.listed = true;
                group.removal = null;
            }
        }
        for (RemovedObject removal : removals.values()) {
            Seen group = seen.computeIfAbsent(removal.id(), id -> new Seen());
            group.removal = removal.reason();
            group.removedAtPage = page;
        }
        Map<List<String>, MemberChange> changes = new LinkedHashMap<>();
        groupPage.memberChanges().forEach(c -> changes.put(List.of(c.groupId(), c.memberId()), c));
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (MemberChange change : changes.values()) {
            if (!change.removed()) {
                withAddedMembers.add(change.groupId());
            }
            anyMemberRemoved |= change.removed();
            Integer earlier = memberPage.put(change.groupId(), page);
            if (earlier != null && earlier != page) {
                spanningPages.add(change.groupId());
            }
            rows.add(new Object[] {page, change.groupId(), change.memberId(), change.memberType().name(),
                    change.removed()});
        }
        return rows;
    }

    void finish(String tenant, long runId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Stored> stored = stored(tenant);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        Map<Integer, List<String>> edgesGoneUpTo = new TreeMap<>();
        seen.forEach((id, group) -> {
            Stored before = stored.get(id);
            String name = pick(group.displayName, before == null ? null : before.displayName());
            // a full read lists a group with its properties: what it left out is gone (a removal alone keeps them)
            String description = group.listed || before == null ? group.description : before.description();
            String reason = group.removal == null ? null : group.removal.name();
            Object[] row = GroupWriter.row(name, description, reason, runId, now, tenant, id);
            if (before == null) {
                inserts.add(row);
            } else if (before.removed() != (reason != null) || !Objects.equals(reason, before.reason())
                    || !Objects.equals(name, before.displayName())
                    || !Objects.equals(description, before.description())) {
                updates.add(row);
            }
            if (group.removedAtPage > 0) {
                edgesGoneUpTo.computeIfAbsent(group.removedAtPage, p -> new ArrayList<>()).add(id);
            }
        });
        List<String> notSeen = stored.entrySet().stream()
                .filter(e -> !e.getValue().removed() && !seen.containsKey(e.getKey())
                        && !withAddedMembers.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!notSeen.isEmpty()) {
            edgesGoneUpTo.put(Integer.MAX_VALUE, notSeen);
        }
        writeGroups(inserts, updates);
        markNotSeen(tenant, notSeen, now);
        mergeMemberships(tenant, runId, edgesGoneUpTo);
    }

    private void writeGroups(List<Object[]> inserts, List<Object[]> updates) {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(GroupWriter.INSERT, inserts, GroupWriter.TYPES);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(GroupWriter.UPDATE, updates, GroupWriter.TYPES);
        }
    }

    private void markNotSeen(String tenant, List<String> groupIds, OffsetDateTime now) {
        for (List<String> chunk : Chunks.of(groupIds)) {
            named.update("update mirror_group set removed = true, removed_reason = :reason, updated_at = :now"
                            + " where tenant = :tenant and id in (:ids)",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", chunk)
                            .addValue("reason", NOT_SEEN)
                            .addValue("now", now, Types.TIMESTAMP_WITH_TIMEZONE));
        }
    }

    /**
     * A removed group loses the edges from and to it staged up to its removal (a later page may add new ones, as
     * applying the pages one by one would); a group not seen loses them all. Then only the last change of each
     * edge counts, and the stored edges are brought to the staged adds.
     */
    private void mergeMemberships(String tenant, long runId, Map<Integer, List<String>> edgesGoneUpTo) {
        edgesGoneUpTo.forEach((page, groupIds) -> {
            for (List<String> chunk : Chunks.of(groupIds)) {
                named.update("delete from " + MEMBERSHIPS + " where page <= :page"
                                + " and (group_id in (:ids) or member_id in (:ids))",
                        new MapSqlParameterSource("page", page).addValue("ids", chunk));
            }
        });
        for (List<String> chunk : Chunks.of(spanningPages)) {
            named.update(DROP_SUPERSEDED, new MapSqlParameterSource("ids", chunk));
        }
        if (anyMemberRemoved) {
            jdbc.update("delete from " + MEMBERSHIPS + " where removed = true");
        }
        jdbc.update(DROP_NOT_STAGED, text(tenant));
        jdbc.update(INSERT_NEW, text(tenant), new SqlParameterValue(Types.BIGINT, runId), text(tenant));
    }

    private Map<String, Stored> stored(String tenant) {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.query("select id, display_name, description, removed, removed_reason from mirror_group where tenant = ?",
                rs -> {
                    stored.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5)));
                }, tenant);
        return stored;
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static String pick(String sent, String stored) {
        return sent != null ? sent : stored;
    }
}
