package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import java.util.List;
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
        try (HikariDataSource dataSource = FreshDatabase.of(kind, 4)) {
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
        try (HikariDataSource dataSource = FreshDatabase.of(kind, 4)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            SubscriptionSlots slots = new SubscriptionSlots(jdbc, new JdbcTransactionManager(dataSource));
            Subscriptions subscriptions = new Subscriptions(jdbc);

            assertThatThrownBy(() -> slots.locked("acme", "users", () -> {
                subscriptions.created("s1", "acme", "users", "hash", java.time.Instant.now(),
                        java.time.Instant.now(), "https://sync.example.org/webhooks/graph", null);
                throw new IllegalStateException("Graph said no");
            })).as("the work's failure comes out as it was")
                    .isInstanceOf(IllegalStateException.class).hasMessage("Graph said no");

            assertThat(subscriptions.all()).isEmpty();
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
