package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

class H2ConnectionStagingTest {

    @Test
    void anH2Pool_getsTheStagingTables_afterItsOwnInitStatement() {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:mem:x");
        pool.setConnectionInitSql("set lock_timeout 5000");

        H2ConnectionStaging.prepare(pool);

        assertThat(pool.getConnectionInitSql()).startsWith("set lock_timeout 5000; ")
                .endsWith(Staging.h2ConnectionInitSql());
    }

    @Test
    void aPostgresPool_isLeftAsItIs() {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:postgresql://db/helpdesk");

        H2ConnectionStaging.prepare(pool);

        assertThat(pool.getConnectionInitSql()).isNull();
    }
}
