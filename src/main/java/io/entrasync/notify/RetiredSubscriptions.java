package io.entrasync.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Subscriptions this service no longer wants but could not delete at Graph yet ({@code notification_subscription_retired}):
 * replaced ones, one created twice, those of a removed tenant. Each renewal pass tries again; a row whose subscription
 * has expired at Graph anyway is dropped.
 */
@Component
class RetiredSubscriptions {

    /** One subscription to delete at Graph. */
    record Retired(String id, String tenant, String connection, Instant expiresAt, int attempts) {
    }

    private final JdbcTemplate jdbc;

    RetiredSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String id, String tenant, String connection, Instant expiresAt, String error, Instant now) {
        jdbc.update("delete from notification_subscription_retired where subscription_id = ?", id);
        jdbc.update("insert into notification_subscription_retired (subscription_id, tenant, connection, expires_at, "
                + "retired_at, attempts, last_error) values (?, ?, ?, ?, ?, 1, ?)", id, tenant, connection,
                Timestamp.from(expiresAt), Timestamp.from(now), Subscriptions.truncate(error));
    }

    List<Retired> all() {
        return jdbc.query("select subscription_id, tenant, connection, expires_at, attempts from "
                + "notification_subscription_retired order by retired_at", (rs, i) -> new Retired(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getInt(5)));
    }

    void failedAgain(String id, String error) {
        jdbc.update("update notification_subscription_retired set attempts = attempts + 1, last_error = ? "
                + "where subscription_id = ?", Subscriptions.truncate(error), id);
    }

    void remove(String id) {
        jdbc.update("delete from notification_subscription_retired where subscription_id = ?", id);
    }
}
