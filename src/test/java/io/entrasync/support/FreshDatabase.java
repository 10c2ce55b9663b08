package io.entrasync.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;

/**
 * An empty database of its own, for tests that run the migrations or the SQL of a class on both databases the
 * service supports: {@code "postgres"} (a new database in the embedded PostgreSQL) or {@code "h2"} (a new in-memory
 * H2 in PostgreSQL mode, as the service configures it). Close the pool when done.
 */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    public static HikariDataSource of(String kind, int poolSize) {
        HikariConfig config = new HikariConfig();
        switch (kind) {
            case "postgres" -> {
                config.setJdbcUrl(EmbeddedPostgresInitializer.newDatabaseUrl());
                config.setUsername("postgres");
                config.setPassword("postgres");
            }
            case "h2" -> {
                config.setJdbcUrl("jdbc:h2:mem:fresh-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
                config.setUsername("sa");
                config.setPassword("");
            }
            default -> throw new IllegalArgumentException("no database kind " + kind + " (postgres or h2)");
        }
        config.setMaximumPoolSize(poolSize);
        return new HikariDataSource(config);
    }
}
