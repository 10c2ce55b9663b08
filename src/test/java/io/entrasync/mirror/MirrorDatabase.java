package io.entrasync.mirror;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/** A migrated database for mirror tests, without a Spring context: real PostgreSQL or H2 in PostgreSQL mode. */
final class MirrorDatabase {

    private MirrorDatabase() {
    }

    static HikariDataSource postgres() {
        return migrated(EmbeddedPostgresInitializer.newDatabaseUrl(), "postgres", "postgres");
    }

    static HikariDataSource h2() {
        return migrated("jdbc:h2:mem:mirror-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    private static HikariDataSource migrated(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        H2ConnectionStaging.prepare(config);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
