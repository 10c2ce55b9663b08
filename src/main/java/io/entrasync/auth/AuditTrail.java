package io.entrasync.auth;

import io.entrasync.edits.FieldChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place audit events are stored (table {@code audit_event}) and read back. A failure to store is logged
 * and does not fail the call it describes: the call has already been answered.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A query of the trail; null fields match everything; text fields match as case-insensitive substrings. */
    public record Query(String actor, String action, String target, Instant from, Instant to) {
    }

    /** One stored event with its id; {@code changes}: what an edit changed, before and after (empty otherwise). */
    public record Entry(long id, Instant at, Caller actor, String action, String target, int status, String client,
                        List<FieldChange> changes) {
    }

    @EventListener
    public void record(AuditEvent event) {
        try {
            jdbc.update("insert into audit_event (at, actor_kind, actor_id, actor_name, action, target, status, client,"
                            + " changes) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ApiKeys.utc(event.at()), event.actor().kind().wire(), event.actor().storable().id(),
                    event.actor().storable().name(), cut(event.action(), 300), cut(event.target(), 500), event.status(),
                    cut(event.client(), 100),
                    event.changes().isEmpty() ? null : JSON.writeValueAsString(event.changes()));
        } catch (RuntimeException e) {
            log.error("Could not record audit event {} {} by {}:{}", event.action(), event.status(),
                    event.actor().kind().wire(), event.actor().id(), e);
        }
    }

    /** The events of a query, newest first. */
    public List<Entry> find(Query query, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("select * from audit_event" + where + " order by at desc, id desc limit ? offset ?",
                AuditTrail::row, args.toArray());
    }

    public long count(Query query) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        Long count = jdbc.queryForObject("select count(*) from audit_event" + where, Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** Deletes the events older than {@code cutoff}; answers how many. */
    public int purgeBefore(Instant cutoff) {
        return jdbc.update("delete from audit_event where at < ?", ApiKeys.utc(cutoff));
    }

    private static String where(Query query, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            conditions.add("(lower(actor_id) like ? escape '\\' or lower(actor_name) like ? escape '\\'"
                    + " or actor_kind = ?)");
            args.add(like(query.actor()));
            args.add(like(query.actor()));
            args.add(query.actor().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (query.action() != null && !query.action().isBlank()) {
            conditions.add("lower(action) like ? escape '\\'");
            args.add(like(query.action()));
        }
        if (query.target() != null && !query.target().isBlank()) {
            conditions.add("lower(target) like ? escape '\\'");
            args.add(like(query.target()));
        }
        if (query.from() != null) {
            conditions.add("at >= ?");
            args.add(ApiKeys.utc(query.from()));
        }
        if (query.to() != null) {
            conditions.add("at < ?");
            args.add(ApiKeys.utc(query.to()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String like(String text) {
        return "%" + text.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Entry row(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), ApiKeys.instant(rs, "at"),
                new Caller(Caller.Kind.ofWire(rs.getString("actor_kind")), rs.getString("actor_id"),
                        rs.getString("actor_name")),
                rs.getString("action"), rs.getString("target"), rs.getInt("status"), rs.getString("client"),
                changes(rs.getString("changes")));
    }

    private static List<FieldChange> changes(String json) {
        return json == null || json.isBlank() ? List.of() : JSON.readValue(json, CHANGES);
    }
}
