package io.entrasync.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The tables {@code alert_condition} (each tenant's open conditions), {@code alert} and the outbox
 * {@code alert_delivery}. Joins the caller's transaction: an evaluation pass changes a condition and queues its
 * alert in one commit.
 */
@Component
class AlertStore {

    static final int DETAIL_LIMIT = 1000;

    private final JdbcTemplate jdbc;

    AlertStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One open condition of a tenant. */
    record OpenCondition(String tenant, TenantCondition condition, Instant openedAt, String detail) {
    }

    /** A due outbox row with its alert. */
    record Due(long deliveryId, Channel channel, int attempts, Alert alert) {
    }

    /** One outbox row as {@code GET /api/alerts} shows it. */
    record Delivery(Channel channel, String state, int attempts, Instant nextAttemptAt, String lastError,
                    Instant deliveredAt) {
    }

    /** Every open condition, by tenant and condition. */
    Map<String, Map<TenantCondition, OpenCondition>> open() {
        Map<String, Map<TenantCondition, OpenCondition>> open = new LinkedHashMap<>();
        for (OpenCondition c : openList()) {
            open.computeIfAbsent(c.tenant(), t -> new LinkedHashMap<>()).put(c.condition(), c);
        }
        return open;
    }

    List<OpenCondition> openList() {
        return jdbc.query("select tenant, kind, opened_at, detail from alert_condition order by tenant, kind",
                (rs, i) -> new OpenCondition(rs.getString(1), TenantCondition.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)));
    }

    /** Records the condition as open and queues its alert on every channel. */
    void opened(String tenant, TenantCondition condition, String detail, Instant now, List<Channel> channels) {
        jdbc.update("insert into alert_condition (tenant, kind, opened_at, detail) values (?, ?, ?, ?)", tenant,
                condition.name(), Timestamp.from(now), cut(detail));
        queue(tenant, condition, Alert.Event.OPENED, detail, now, channels);
    }

    /** Removes the open condition and queues its "resolved" message; nothing when it was not open. */
    void resolved(OpenCondition open, Instant now, List<Channel> channels) {
        if (jdbc.update("delete from alert_condition where tenant = ? and kind = ?", open.tenant(),
                open.condition().name()) == 1) {
            queue(open.tenant(), open.condition(), Alert.Event.RESOLVED, open.detail(), now, channels);
        }
    }

    private void queue(String tenant, TenantCondition condition, Alert.Event event, String detail, Instant now,
                       List<Channel> channels) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into alert (tenant, kind, event, detail, "
                    + "created_at) values (?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, tenant);
            insert.setString(2, condition.name());
            insert.setString(3, event.name());
            insert.setString(4, cut(detail));
            insert.setTimestamp(5, Timestamp.from(now));
            return insert;
        }, key);
        long alertId = key.getKey().longValue();
        for (Channel channel : channels) {
            jdbc.update("insert into alert_delivery (alert_id, channel, state, attempts, next_attempt_at) "
                    + "values (?, ?, 'PENDING', 0, ?)", alertId, channel.name(), Timestamp.from(now));
        }
    }

    /** Outbox rows due at {@code now}, oldest first, at most {@code limit}. */
    List<Due> due(Instant now, int limit) {
        return jdbc.query("select d.id, d.channel, d.attempts, a.id, a.tenant, a.kind, a.event, a.detail, a.created_at "
                + "from alert_delivery d join alert a on a.id = d.alert_id where d.state = 'PENDING' "
                + "and d.next_attempt_at <= ? order by d.id fetch first " + limit + " rows only", (rs, i) -> new Due(
                rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getInt(3), alert(rs, 4)), Timestamp.from(now));
    }

    void sent(long deliveryId, int attempts, Instant now) {
        jdbc.update("update alert_delivery set state = 'SENT', attempts = ?, delivered_at = ?, last_error = null "
                + "where id = ?", attempts, Timestamp.from(now), deliveryId);
    }

    void retryAt(long deliveryId, int attempts, Instant next, String error) {
        jdbc.update("update alert_delivery set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?",
                attempts, Timestamp.from(next), cut(error), deliveryId);
    }

    void failed(long deliveryId, int attempts, String error) {
        jdbc.update("update alert_delivery set state = 'FAILED', attempts = ?, last_error = ? where id = ?", attempts,
                cut(error), deliveryId);
    }

    /** The newest alerts (of one tenant, when given), newest first, each with its deliveries. */
    Map<Alert, List<Delivery>> recent(String tenant, int limit) {
        String where = tenant == null ? "" : " where tenant = ?";
        Object[] args = tenant == null ? new Object[0] : new Object[] {tenant};
        List<Alert> alerts = jdbc.query("select id, tenant, kind, event, detail, created_at from alert" + where
                + " order by id desc fetch first " + limit + " rows only", (rs, i) -> alert(rs, 1), args);
        Map<Alert, List<Delivery>> recent = new LinkedHashMap<>();
        alerts.forEach(a -> recent.put(a, new ArrayList<>()));
        if (!alerts.isEmpty()) {
            Map<Long, Alert> byId = new LinkedHashMap<>();
            alerts.forEach(a -> byId.put(a.id(), a));
            jdbc.query("select alert_id, channel, state, attempts, next_attempt_at, last_error, delivered_at "
                    + "from alert_delivery where alert_id between ? and ? order by id", rs -> {
                Alert alert = byId.get(rs.getLong(1));
                if (alert != null) {
                    Timestamp delivered = rs.getTimestamp(7);
                    recent.get(alert).add(new Delivery(Channel.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getString(6),
                            delivered == null ? null : delivered.toInstant()));
                }
            }, alerts.get(alerts.size() - 1).id(), alerts.get(0).id());
        }
        return recent;
    }

    private static Alert alert(ResultSet rs, int first) throws SQLException {
        return new Alert(rs.getLong(first), rs.getString(first + 1), TenantCondition.valueOf(rs.getString(first + 2)),
                Alert.Event.valueOf(rs.getString(first + 3)), rs.getString(first + 4),
                rs.getTimestamp(first + 5).toInstant());
    }

    private static String cut(String text) {
        return text == null || text.length() <= DETAIL_LIMIT ? text : text.substring(0, DETAIL_LIMIT - 1) + "…";
    }
}
