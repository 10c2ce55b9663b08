package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook's store on both databases the service runs on (migration V15): the inbox hands every entry to exactly
 * one claimer, also when replicas claim at once, and hands an abandoned claim over; the webhook key is generated once
 * and the same for every replica; the subscriptions of a request are found with one {@code IN} query.
 */
class NotificationInboxTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void concurrentClaimers_getEveryEntryExactlyOnce(String database) throws Exception {
        try (HikariDataSource dataSource = dataSource(database)) {
            NotificationInbox inbox = new NotificationInbox(new JdbcTemplate(dataSource));
            Instant now = Instant.now();
            for (int request = 0; request < 40; request++) {
                List<NotificationInbox.Entry> entries = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    entries.add(new NotificationInbox.Entry("t" + i, request + "-" + i, NotificationInbox.Kind.CHANGE,
                            null, 1, now));
                }
                inbox.add(entries);
            }

            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            ExecutorService replicas = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    done.add(replicas.submit(() -> {
                        String claim;
                        while ((claim = inbox.claim(Instant.now())) != null) {
                            inbox.claimed(claim).forEach(e -> seen.add(e.subscriptionId()));
                            inbox.done(claim);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                replicas.shutdownNow();
            }

            assertThat(seen).hasSize(1000).doesNotHaveDuplicates();
            assertThat(inbox.waiting()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void claimOfAStoppedReplica_isTakenOverAfterTheTimeout(String database) {
        try (HikariDataSource dataSource = dataSource(database)) {
            NotificationInbox inbox = new NotificationInbox(new JdbcTemplate(dataSource));
            Instant now = Instant.now();
            inbox.add(List.of(new NotificationInbox.Entry("acme", "s1", NotificationInbox.Kind.LIFECYCLE,
                    "reauthorizationRequired", 2, now)));

            String stopped = inbox.claim(now);
            assertThat(stopped).isNotNull();
            assertThat(inbox.claim(now.plusSeconds(1))).as("still claimed").isNull();
            String takenOver = inbox.claim(now.plus(NotificationInbox.CLAIM_TIMEOUT).plusSeconds(1));

            assertThat(takenOver).isNotNull().isNotEqualTo(stopped);
            assertThat(inbox.claimed(takenOver)).containsExactly(new NotificationInbox.Entry("acme", "s1",
                    NotificationInbox.Kind.LIFECYCLE, "reauthorizationRequired", 2,
                    inbox.claimed(takenOver).get(0).receivedAt()));
            inbox.done(takenOver);
            assertThat(inbox.waiting()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void webhookKey_isGeneratedOnce_andSharedByEveryReplica_unlessConfigured(String database) {
        try (HikariDataSource dataSource = dataSource(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String first = new WebhookKey(jdbc, "").value();
            String second = new WebhookKey(jdbc, null).value();

            assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+").isEqualTo(second);
            assertThat(new WebhookKey(jdbc, "").matches(first)).isTrue();
            assertThat(new WebhookKey(jdbc, "").matches(first.substring(1))).isFalse();
            assertThat(new WebhookKey(jdbc, "").matches(null)).isFalse();
            WebhookKey configured = new WebhookKey(jdbc, "configured key of 32 characters");
            assertThat(configured.matches("configured key of 32 characters")).isTrue();
            assertThat(configured.notificationUrl(java.net.URI.create("https://sync.example.org/")))
                    .isEqualTo("https://sync.example.org/webhooks/graph?key=configured+key+of+32+characters");
            assertThat(configured.toString()).doesNotContain("configured");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void subscriptionsOfARequest_areFoundWithOneInQuery(String database) {
        try (HikariDataSource dataSource = dataSource(database)) {
            Subscriptions subscriptions = new Subscriptions(new JdbcTemplate(dataSource));
            Instant now = Instant.now();
            subscriptions.created("s1", "acme", "users", "h1", now.plus(Duration.ofDays(1)), now, null, null);
            subscriptions.created("s2", "acme", "groups", "h2", now.plus(Duration.ofDays(1)), now, null, null);
            List<String> ids = new ArrayList<>(List.of("s1", "s2"));
            for (int i = 0; i < ChangeNotification.MAX_SUBSCRIPTIONS - 2; i++) {
                ids.add("unknown-" + i);
            }

            assertThat(subscriptions.findAll(ids)).extracting(Subscription::id).containsExactlyInAnyOrder("s1", "s2");
            assertThat(subscriptions.findAll(List.of())).isEmpty();
        }
    }

    private static HikariDataSource dataSource(String database) {
        HikariDataSource dataSource = FreshDatabase.of(database, 5);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
