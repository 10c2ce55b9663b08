package io.entrasync.mirror;

import io.entrasync.source.MemberChange;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes {@code mirror_membership}: added members as a batched update followed by a batched insert of the rows the
 * update did not find (portable upsert, no per-row select), removed members as a batched delete.
 */
final class MembershipWriter {

    private static final String UPDATE = "update mirror_membership set member_type = ?, last_seen_run = ?"
            + " where tenant = ? and group_id = ? and member_id = ?";
    private static final String INSERT = "insert into mirror_membership"
            + " (member_type, last_seen_run, tenant, group_id, member_id) values (?, ?, ?, ?, ?)";
    private static final int[] TYPES = {Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};
    private static final String DELETE = "delete from mirror_membership"
            + " where tenant = ? and group_id = ? and member_id = ?";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    MembershipWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Applies changes that are unique per (group, member). */
    void apply(String tenant, long runId, Collection<MemberChange> changes) {
        List<Object[]> added = new ArrayList<>();
        List<Object[]> removed = new ArrayList<>();
        for (MemberChange change : changes) {
            if (change.removed()) {
                removed.add(new Object[] {tenant, change.groupId(), change.memberId()});
            } else {
                added.add(new Object[] {change.memberType().name(), runId, tenant, change.groupId(),
                        change.memberId()});
            }
        }
        if (!removed.isEmpty()) {
            jdbc.batchUpdate(DELETE, removed);
        }
        if (!added.isEmpty()) {
            upsert(added);
        }
    }

    /** Drops every edge from or to the groups. */
    void dropGroups(String tenant, Collection<String> groupIds) {
        for (List<String> ids : Chunks.of(groupIds)) {
            named.update("delete from mirror_membership where tenant = :tenant"
                    + " and (group_id in (:ids) or member_id in (:ids))",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", ids));
        }
    }

    /** Drops the edges a run did not see. */
    void dropNotSeenSince(String tenant, long runId) {
        jdbc.update("delete from mirror_membership where tenant = ? and last_seen_run < ?", tenant, runId);
    }

    private void upsert(List<Object[]> rows) {
        int[] updated = jdbc.batchUpdate(UPDATE, rows, TYPES);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                missing.add(rows.get(i));
            }
        }
        if (!missing.isEmpty()) {
            jdbc.batchUpdate(INSERT, missing, TYPES);
        }
    }
}
