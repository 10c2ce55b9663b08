package io.entrasync.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A tenant's last notification problem that belongs to no subscription (e.g. its creation was refused). */
@Component
class TenantErrors {

    private final JdbcTemplate jdbc;

    TenantErrors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String tenant, String error, Instant at) {
        jdbc.update("delete from notification_tenant_error where tenant = ?", tenant);
        jdbc.update("insert into notification_tenant_error (tenant, error, error_at) values (?, ?, ?)", tenant,
                Subscriptions.truncate(error), Timestamp.from(at));
    }

    void clear(String tenant) {
        jdbc.update("delete from notification_tenant_error where tenant = ?", tenant);
    }

    /** Tenant key to its error text. */
    Map<String, String> all() {
        return jdbc.query("select tenant, error from notification_tenant_error", (rs, i) -> Map.entry(rs.getString(1),
                rs.getString(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
