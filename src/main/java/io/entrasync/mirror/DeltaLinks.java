package io.entrasync.mirror;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/** Reads and writes {@code mirror_state}: one row per tenant with its two delta links. */
final class DeltaLinks {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeltaLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> read(String tenant, String column) {
        return jdbc.queryForList("select " + column + " from mirror_state where tenant = ?", String.class, tenant)
                .stream().filter(link -> link != null).findFirst();
    }

    void save(String tenant, String usersLink, String groupsLink) {
        Object[] args = {text(usersLink), text(groupsLink),
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)),
                tenant};
        if (jdbc.update("update mirror_state set users_delta_link = ?, groups_delta_link = ?, updated_at = ?"
                + " where tenant = ?", args) == 0) {
            jdbc.update("insert into mirror_state (users_delta_link, groups_delta_link, updated_at, tenant)"
                    + " values (?, ?, ?, ?)", args);
        }
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }
}
