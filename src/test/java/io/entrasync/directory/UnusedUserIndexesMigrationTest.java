package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration V25 on both databases: V14's indexes by user id, which no statement used, are gone; the indexes the
 * lists of inbound mail and main-user changes read stay.
 */
class UnusedUserIndexesMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void theUserIndexesAreDropped_theListIndexesStay(String database) throws SQLException {
        try (HikariDataSource dataSource = FreshDatabase.of(database, 2)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("24").load().migrate();
            try (Connection connection = dataSource.getConnection()) {
                assertThat(indexes(connection, "inbound_email")).contains("ix_inbound_email_user");
            }

            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            try (Connection connection = dataSource.getConnection()) {
                assertThat(indexes(connection, "inbound_email")).doesNotContain("ix_inbound_email_user")
                        .contains("ix_inbound_email_outcome", "ix_inbound_email_received");
                assertThat(indexes(connection, "main_site_user_change"))
                        .doesNotContain("ix_main_site_user_change_user").contains("ix_main_site_user_change_site");
            }
        }
    }

    private static Set<String> indexes(Connection connection, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
