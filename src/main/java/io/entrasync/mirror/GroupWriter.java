package io.entrasync.mirror;

import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.RemovedObject;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies the {@link GroupPage}s of delta runs. The users whose transitive membership may change
 * are collected from the mirror <em>before</em> any edge is written or deleted.
 */
final class GroupWriter {

    static final String INSERT = "insert into mirror_group (display_name, description, removed,"
            + " removed_reason, last_seen_run, updated_at, tenant, id) values (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE = "update mirror_group set display_name = ?, description = ?, removed = ?,"
            + " removed_reason = ?, last_seen_run = ?, updated_at = ? where tenant = ? and id = ?";
    static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR, Types.BIGINT,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR};
    private static final String TOUCH = "update mirror_group set last_seen_run = :run"
            + " where tenant = :tenant and id in (:ids) and last_seen_run <> :run";

    private record Stored(String id, String displayName, String description, boolean removed, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final MembershipReader memberships;
    private final MembershipWriter membershipWriter;
    private final Clock clock;

    GroupWriter(JdbcTemplate jdbc, MembershipReader memberships, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.memberships = memberships;
        this.membershipWriter = new MembershipWriter(jdbc);
        this.clock = clock;
    }

    Set<String> apply(String tenant, long runId, GroupPage page) {
        Map<String, DirectoryGroup> items = new LinkedHashMap<>();
        page.groups().forEach(g -> items.merge(g.id(), g, DirectoryGroup::then));
        Map<String, RemovedObject> removals = new LinkedHashMap<>();
        page.removed().forEach(r -> removals.put(r.id(), r));
        Map<List<String>, MemberChange> changes = new LinkedHashMap<>();
        page.memberChanges().forEach(c -> changes.put(List.of(c.groupId(), c.memberId()), c));
        Set<String> ids = new LinkedHashSet<>(items.keySet());
        ids.addAll(removals.keySet());
        Map<String, Stored> stored = stored(tenant, ids);

        Set<String> affected = new LinkedHashSet<>();
        Set<String> seeds = new LinkedHashSet<>(removals.keySet());
        for (MemberChange change : changes.values()) {
            (change.memberType() == MemberChange.MemberType.USER ? affected : seeds).add(change.memberId());
        }
        items.values().stream().filter(g -> renamed(g, stored.get(g.id()))).forEach(g -> seeds.add(g.id()));
        affected.addAll(usersUnder(tenant, seeds));

        upsertGroups(tenant, runId, items, removals, stored, changes.values());
        membershipWriter.apply(tenant, runId, changes.values());
        removeGroups(tenant, runId, removals, stored);
        return affected;
    }

    /** Users directly or transitively (through nested groups) members of the groups, as the mirror holds now. */
    private Set<String> usersUnder(String tenant, Set<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        return memberships.userMembers(tenant, memberships.hierarchy(tenant).withDescendants(groupIds));
    }

    private static boolean renamed(DirectoryGroup item, Stored before) {
        return item.displayName() != null
                && (before == null || before.removed() || !item.displayName().equals(before.displayName()));
    }

    private void upsertGroups(String tenant, long runId, Map<String, DirectoryGroup> items,
            Map<String, RemovedObject> removals, Map<String, Stored> stored, Collection<MemberChange> changes) {
        OffsetDateTime now = now();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        Set<String> touch = new LinkedHashSet<>();
        changes.stream().filter(c -> !c.removed()).forEach(c -> touch.add(c.groupId()));
        for (DirectoryGroup item : items.values()) {
            Stored before = stored.get(item.id());
            if (removals.containsKey(item.id())) {
                continue;
            }
            if (before == null) {
                inserts.add(row(item.displayName(), item.description(), null, runId, now, tenant, item.id()));
                continue;
            }
            String name = pick(item.displayName(), before.displayName());
            String description = item.descriptionOver(before.description());
            if (before.removed() || !Objects.equals(name, before.displayName())
                    || !Objects.equals(description, before.description())) {
                updates.add(row(name, description, null, runId, now, tenant, item.id()));
            } else {
                touch.add(item.id());
            }
        }
        touch.removeAll(removals.keySet());
        write(inserts, updates);
        touch(tenant, runId, touch);
    }

    private void removeGroups(String tenant, long runId, Map<String, RemovedObject> removals,
            Map<String, Stored> stored) {
        membershipWriter.dropGroups(tenant, removals.keySet());
        OffsetDateTime now = now();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        Set<String> touch = new LinkedHashSet<>();
        for (RemovedObject removal : removals.values()) {
            Stored before = stored.get(removal.id());
            String reason = removal.reason().name();
            if (before == null) {
                inserts.add(row(null, null, reason, runId, now, tenant, removal.id()));
            } else if (before.removed() && reason.equals(before.reason())) {
                touch.add(removal.id());
            } else {
                updates.add(row(before.displayName(), before.description(), reason, runId, now, tenant,
                        removal.id()));
            }
        }
        write(inserts, updates);
        touch(tenant, runId, touch);
    }

    private void write(List<Object[]> inserts, List<Object[]> updates) {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts, TYPES);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates, TYPES);
        }
    }

    private void touch(String tenant, long runId, Set<String> ids) {
        for (List<String> chunk : Chunks.of(ids)) {
            named.update(TOUCH, new MapSqlParameterSource("tenant", tenant).addValue("run", runId)
                    .addValue("ids", chunk));
        }
    }

    static Object[] row(String name, String description, String removedReason, long runId,
            OffsetDateTime now, String tenant, String id) {
        return new Object[] {name, description, removedReason != null, removedReason, runId, now, tenant, id};
    }

    private Map<String, Stored> stored(String tenant, Set<String> ids) {
        Map<String, Stored> stored = new HashMap<>();
        for (List<String> chunk : Chunks.of(ids)) {
            named.query("select id, display_name, description, removed, removed_reason from mirror_group"
                            + " where tenant = :tenant and id in (:ids)",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", chunk),
                    rs -> {
                        stored.put(rs.getString(1), new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), rs.getString(5)));
                    });
        }
        return stored;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String pick(String sent, String stored) {
        return sent != null ? sent : stored;
    }
}
