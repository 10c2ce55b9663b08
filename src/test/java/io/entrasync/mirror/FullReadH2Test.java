package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.source.UserPage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The full-read contract on H2 (batched inserts into the staging tables). */
class FullReadH2Test extends FullReadContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.h2();
    }

    /**
     * A full read inside its run's transaction must not hold H2's schema lock: other connections refill sequence
     * caches (new users, tickets, change-log rows), which writes the schema. With the staging tables created in
     * the transaction, this waited for the run and failed at the lock timeout.
     */
    @Test
    void anOpenFullRead_letsOtherConnectionsDrawSequenceValues() throws SQLException {
        try (Connection setup = dataSource.getConnection(); Statement statement = setup.createStatement()) {
            statement.execute("create sequence if not exists probe_seq no cache");
        }
        String answer = inTx(() -> {
            FullRead read = mirror.beginFullRead(tenant, 1);
            read.users(new UserPage(List.of(), List.of()));
            try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    statement.executeQuery("select nextval('probe_seq')").next();
                }
                return "drawn";
            } catch (SQLException e) {
                return e.getMessage();
            }
        });
        assertThat(answer).isEqualTo("drawn");
    }
}
