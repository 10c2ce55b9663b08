package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The slot lock on PostgreSQL and H2 (after migration V16): work on one tenant and resource runs one at a time across
 * connections (replicas), work on another resource does not wait, and a failure rolls back what the work stored.
 */
class SubscriptionSlotsTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void workOnOneTenantAndResource_runsOneAtATime_otherResourcesDoNotWait(String kind) throws Exception {
        try (HikariDataSource dataSource = database(kind)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // two instances: as two replicas, sharing nothing but the database
            SubscriptionSlots first = new SubscriptionSlots(jdbc, new JdbcTransactionManager(dataSource));
            SubscriptionSlots second = new SubscriptionSlots(jdbc, new JdbcTransactionManager(dataSource));
            List<String> events = new CopyOnWriteArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                CountDownLatch firstInside = new CountDownLatch(1);
                Future<?> a = threads.submit(() -> first.locked("acme", "users", () -> {
                    events.add("a-start");
                    firstInside.countDown();
                    sleep(800);
                    events.add("a-end");
                    return null;
                }));
                firstInside.await();
                Future<?> b = threads.submit(() -> second.locked("acme", "users", () -> {
                    events.add("b-start");
                    return null;
                }));
                Future<?> c = threads.submit(() -> second.locked("acme", "groups", () -> {
                    events.add("c-start");
                    return null;
                }));
                c.get();
                a.get();
                b.get();
            } finally {
                threads.shutdownNow();
            }

            assertThat(events.indexOf("b-start")).as(events.toString()).isGreaterThan(events.indexOf("a-end"));
            assertThat(events.indexOf("c-start")).as(events.toString()).isLessThan(events.indexOf("a-end"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aFailure_rollsBackWhatTheWorkStored(String kind) {
        try (HikariDataSource dataSource = database(kind)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            SubscriptionSlots slots = new SubscriptionSlots(jdbc, new JdbcTransactionManager(dataSource));
            Subscriptions subscriptions = new Subscriptions(jdbc);

            try {
                slots.locked("acme", "users", () -> {
                    subscriptions.created("s1", "acme", "users", "hash", java.time.Instant.now(),
                            java.time.Instant.now(), "https://sync.example.org/webhooks/graph", null);
                    throw new IllegalStateException("Graph said no");
                });
            } catch (IllegalStateException expected) {
                // the work's failure comes out as it was
            }

            assertThat(subscriptions.all()).isEmpty();
        }
    }

    private static HikariDataSource database(String kind) {
        HikariConfig config = new HikariConfig();
        if (kind.equals("postgres")) {
            config.setJdbcUrl(EmbeddedPostgresInitializer.newDatabaseUrl());
            config.setUsername("postgres");
            config.setPassword("postgres");
        } else {
            config.setJdbcUrl("jdbc:h2:mem:slots-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            config.setPassword("");
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
