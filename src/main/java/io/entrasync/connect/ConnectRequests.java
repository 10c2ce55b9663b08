package io.entrasync.connect;

import io.entrasync.auth.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table {@code connect_request}: any replica may receive the callback, so the request and its state live in the
 * database, the state only as its SHA-256. {@link #claim} is the one atomic step that makes a state single-use.
 */
@Component
class ConnectRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, tenant, template, started_by_kind, started_by_id, started_by_name, "
            + "started_at, expires_at, used_at, status, tenant_id, outcome";

    private final JdbcTemplate jdbc;

    ConnectRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConnectRequest request, String state) {
        Caller by = request.startedBy().storable();
        jdbc.update("insert into connect_request (id, tenant, template, state_hash, started_by_kind, started_by_id, "
                        + "started_by_name, started_at, expires_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                request.id(), request.tenant(), request.template(), hash(state), by.kind().wire(), by.id(), by.name(),
                Timestamp.from(request.startedAt()), Timestamp.from(request.expiresAt()), request.status().name());
    }

    Optional<ConnectRequest> byId(String id) {
        return jdbc.query("select " + COLUMNS + " from connect_request where id = ?", this::row, id).stream()
                .findFirst();
    }

    Optional<ConnectRequest> byState(String state) {
        return jdbc.query("select " + COLUMNS + " from connect_request where state_hash = ?", this::row, hash(state))
                .stream().findFirst();
    }

    /**
     * Uses the request's state: true for exactly one caller across every replica, and only before it expires.
     */
    boolean claim(String id, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("update connect_request set used_at = ? where id = ? and used_at is null "
                + "and expires_at > ?", at, id, at) == 1;
    }

    void finish(ConnectRequest request) {
        jdbc.update("update connect_request set status = ?, tenant_id = ?, outcome = ? where id = ?",
                request.status().name(), request.tenantId(), JSON.writeValueAsString(request.details()), request.id());
    }

    private ConnectRequest row(ResultSet rs, int i) throws SQLException {
        Timestamp used = rs.getTimestamp("used_at");
        String outcome = rs.getString("outcome");
        return new ConnectRequest(rs.getString("id"), rs.getString("tenant"), rs.getString("template"),
                new Caller(Caller.Kind.ofWire(rs.getString("started_by_kind")), rs.getString("started_by_id"),
                        rs.getString("started_by_name")),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant(), ConnectRequest.Status.valueOf(rs.getString("status")),
                rs.getString("tenant_id"), outcome == null ? ConnectRequest.Details.NONE
                        : JSON.readValue(outcome, ConnectRequest.Details.class));
    }

    static String hash(String state) {
        return DigestUtils.sha256Hex(state);
    }
}
