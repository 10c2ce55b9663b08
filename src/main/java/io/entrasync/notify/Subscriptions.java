package io.entrasync.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code notification_subscription} rows: one per Graph subscription of a tenant (users, groups). */
@Component
class Subscriptions {

    private static final String COLUMNS = "subscription_id, tenant, resource, client_state_hash, expires_at, "
            + "last_received_at, last_validated_at, rejected, last_error, last_error_at";

    private final JdbcTemplate jdbc;

    Subscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Subscription> find(String id) {
        return jdbc.query("select " + COLUMNS + " from notification_subscription where subscription_id = ?",
                Subscriptions::row, id).stream().findFirst();
    }

    /** The subscriptions among {@code ids}, found with one {@code IN} query (the caller bounds the number of ids). */
    List<Subscription> findAll(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return jdbc.query("select " + COLUMNS + " from notification_subscription where subscription_id in (" + marks
                + ")", Subscriptions::row, ids.toArray());
    }

    List<Subscription> ofTenant(String tenant) {
        return jdbc.query("select " + COLUMNS + " from notification_subscription where tenant = ? order by resource",
                Subscriptions::row, tenant);
    }

    List<Subscription> all() {
        return jdbc.query("select " + COLUMNS + " from notification_subscription order by tenant, resource",
                Subscriptions::row);
    }

    /**
     * Records a subscription Graph just created with {@code notificationUrl}, for the tenant reached through
     * {@code connection} ({@link StoredConnection}): replaces the tenant's old row for the resource.
     */
    void created(String id, String tenant, String resource, String clientStateHash, Instant expiresAt, Instant now,
                 String notificationUrl, String connection) {
        jdbc.update("delete from notification_subscription where tenant = ? and resource = ?", tenant, resource);
        jdbc.update("insert into notification_subscription (subscription_id, tenant, resource, client_state_hash, "
                        + "expires_at, created_at, last_validated_at, notification_url, connection) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, tenant, resource, clientStateHash,
                Timestamp.from(expiresAt), Timestamp.from(now), Timestamp.from(now), notificationUrl, connection);
    }

    /** A row with what the renewal pass compares: the URL it was made with and how to reach its tenant. */
    record Held(Subscription subscription, String notificationUrl, String connection) {
    }

    /** The tenant's subscription of {@code resource}, if any. */
    Optional<Held> held(String tenant, String resource) {
        return jdbc.query("select " + COLUMNS + ", notification_url, connection from notification_subscription "
                + "where tenant = ? and resource = ?", (rs, i) -> new Held(row(rs, i), rs.getString(11),
                rs.getString(12)), tenant, resource).stream().findFirst();
    }

    /** Every row, with its URL and connection. */
    List<Held> allHeld() {
        return jdbc.query("select " + COLUMNS + ", notification_url, connection from notification_subscription "
                + "order by tenant, resource", (rs, i) -> new Held(row(rs, i), rs.getString(11), rs.getString(12)));
    }

    /**
     * Graph still holds the subscription: its last error is over; remembers the URL Graph reports for a row made
     * before it was stored, and how to reach its tenant now.
     */
    void checked(String id, String notificationUrl, String connection) {
        jdbc.update("update notification_subscription set notification_url = coalesce(notification_url, ?), "
                + "connection = ?, last_error = null, last_error_at = null where subscription_id = ?",
                notificationUrl, connection, id);
    }

    void renewed(String id, Instant expiresAt, Instant now) {
        jdbc.update("update notification_subscription set expires_at = ?, renewed_at = ?, last_validated_at = ?, "
                + "last_error = null, last_error_at = null where subscription_id = ?", Timestamp.from(expiresAt),
                Timestamp.from(now), Timestamp.from(now), id);
    }

    /** When a reauthorizationRequired for it was last acted on; null when never. */
    Instant reauthorizedAt(String id) {
        return jdbc.query("select reauthorized_at from notification_subscription where subscription_id = ?",
                (rs, i) -> instant(rs, 1), id).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    void reauthorized(String id, Instant now) {
        jdbc.update("update notification_subscription set reauthorized_at = ? where subscription_id = ?",
                Timestamp.from(now), id);
    }

    void received(String id, Instant now) {
        jdbc.update("update notification_subscription set last_received_at = ? where subscription_id = ?",
                Timestamp.from(now), id);
    }

    /** Counts {@code notifications} refused items that named the subscription (wrong clientState or tenantId). */
    void rejected(String id, int notifications) {
        jdbc.update("update notification_subscription set rejected = rejected + ? where subscription_id = ?",
                notifications, id);
    }

    void failed(String id, String error, Instant now) {
        jdbc.update("update notification_subscription set last_error = ?, last_error_at = ? where subscription_id = ?",
                truncate(error), Timestamp.from(now), id);
    }

    void delete(String id) {
        jdbc.update("delete from notification_subscription where subscription_id = ?", id);
    }

    static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    private static Subscription row(ResultSet rs, int i) throws SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), instant(rs, 7), rs.getInt(8), rs.getString(9), instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
