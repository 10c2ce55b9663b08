package io.entrasync.notify;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Graph webhook on a real PostgreSQL, with a WireMock Graph tenant whose only schedule is nightly: the validation
 * handshake, a forged clientState refused with nothing run, a burst of notifications coalesced into one NOTIFIED
 * delta run that brings the change in, and a notification during a run leading to exactly one more run after it.
 * Bodies follow Graph's changeNotificationCollection ({@code src/test/resources/notify/*.json}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.graph.max-retry-wait=50ms",
        "entra-sync.notifications.coalesce-window=3s"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-webhook", "mappings");
    static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    static ClientState secret;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        graph.user("u1", person("Ann", "Lee", "ann@acme.org", null)).publish();
        String dir = graph.writeMapping(MAPPINGS, "acme", "sites:\n  - { default: HQ }\n");
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(port);
        if (secret == null) {
            awaitFirstRenewalPass();
            secret = ClientState.generate();
            subscriptions.created(SUBSCRIPTION, "acme", "users", secret.hash(), Instant.now().plus(Duration.ofDays(2)),
                    Instant.now());
            api.syncAndWait("acme", "DELTA", false);
            publish();
        }
    }

    @Test
    @Order(1)
    void validationHandshake_answersTheDecodedTokenAsPlainText_withoutAdminToken() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/webhooks/graph?validationToken=Validation%3A%20Testing%20client%20application%2B1"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("Validation: Testing client application+1");
    }

    @Test
    @Order(2)
    void wrongClientState_isRefusedWith401_countedOnTheSubscription_andRunsNothing() throws Exception {
        long runsBefore = runs();

        HttpResponse<String> forged = notify(fixture("users-updated.json", SUBSCRIPTION, "not-the-secret"));
        HttpResponse<String> unknown = notify(fixture("users-updated.json", "unknown-subscription", secret.value()));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(forged.body()).doesNotContain("not-the-secret");
        assertThat(subscriptions.find(SUBSCRIPTION).orElseThrow().rejected()).isEqualTo(1);
        Thread.sleep(1500);
        assertThat(runs()).as("no run was asked for").isEqualTo(runsBefore);
        assertThat(jdbc.queryForObject("select count(*) from notification_pending", Integer.class)).isZero();
        assertThat(api.get("/actuator/prometheus").body())
                .contains("entra_sync_notifications_total{outcome=\"rejected\"} 2.0");
    }

    @Test
    @Order(2)
    void malformedOrOversizedBody_isRefusedNamingTheField() {
        HttpResponse<String> missing = notify("{\"value\":[{\"changeType\":\"updated\"}]}");
        HttpResponse<String> huge = notify("{\"value\":[\"" + "x".repeat(GraphWebhookController.MAX_BODY) + "\"]}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("value[0].subscriptionId: missing");
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(3)
    void burstOfHundredNotifications_isOneNotifiedDeltaRun_thatBringsTheChangeIn() throws Exception {
        long runsBefore = runs();
        graph.set("u1", "jobTitle", "Chief Listener");
        publish();
        String body = fixture("users-updated.json", SUBSCRIPTION, secret.value());

        List<Integer> statuses = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(senders.submit(() -> notify(body)));
            }
            for (Future<HttpResponse<String>> answer : sent) {
                statuses.add(answer.get().statusCode());
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(statuses).hasSize(100).allMatch(status -> status == 202);
        awaitThat("the notified run succeeded", () -> notifiedRuns("SUCCEEDED") >= 1);
        Thread.sleep(2000);
        assertThat(runs() - runsBefore).as("runs after 100 notifications").isEqualTo(1);
        assertThat(notifiedRuns("SUCCEEDED")).isEqualTo(1);
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Chief Listener");
        assertThat(subscriptions.find(SUBSCRIPTION).orElseThrow().lastReceivedAt()).isNotNull();
        var state = api.get("/api/tenants/acme").json().get("notifications");
        assertThat(state.get("enabled").asBoolean()).as("no public base URL here: subscriptions are not made").isFalse();
        assertThat(state.get("lastReceivedAt").isNull()).as(state.toString()).isFalse();
        assertThat(state.get("rejected").asInt()).isEqualTo(1);
        assertThat(state.get("active").asBoolean()).as("only users is subscribed here").isFalse();
    }

    @Test
    @Order(4)
    void notificationDuringARun_leadsToExactlyOneMoreRunAfterIt() throws Exception {
        long before = notifiedRuns("SUCCEEDED");
        String body = fixture("users-updated.json", SUBSCRIPTION, secret.value());
        // published before the run: publishing re-stubs the fake and would fail a run reading at that moment
        graph.set("u1", "jobTitle", "Chief Whisperer");
        publish();
        graph.wireMock().setGlobalFixedDelay(1500);
        try {
            assertThat(notify(body).statusCode()).isEqualTo(202);
            awaitThat("the first notified run is running", () -> count("select count(*) from sync_run where "
                    + "run_trigger = 'NOTIFIED' and status = 'RUNNING'") == 1);
            for (int i = 0; i < 5; i++) {
                assertThat(notify(body).statusCode()).isEqualTo(202);
            }
            assertThat(count("select count(*) from sync_run where run_trigger = 'NOTIFIED' and status = 'RUNNING'"))
                    .as("the notifications arrived during the run").isEqualTo(1);
        } finally {
            graph.wireMock().setGlobalFixedDelay(0);
        }

        awaitThat("two more notified runs", () -> notifiedRuns("SUCCEEDED") >= before + 2);
        Thread.sleep(2000);
        assertThat(notifiedRuns("SUCCEEDED")).isEqualTo(before + 2);
        assertThat(count("select count(*) from sync_run where status not in ('SUCCEEDED')")).isZero();
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Chief Whisperer");
    }

    // ---- helpers ----

    @Autowired
    org.quartz.Scheduler scheduler;

    /**
     * The renewal job's first pass (at start-up) deletes subscriptions of tenants without a public URL, as this
     * tenant is: the test's hand-made subscription is stored only after that pass.
     */
    void awaitFirstRenewalPass() throws Exception {
        awaitThat("the first renewal pass", () -> {
            try {
                org.quartz.Trigger trigger = scheduler.getTrigger(SubscriptionSchedule.TRIGGER);
                return trigger != null && trigger.getPreviousFireTime() != null && scheduler.getCurrentlyExecutingJobs()
                        .stream().noneMatch(job -> job.getJobDetail().getKey().equals(SubscriptionSchedule.JOB));
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Publishes the fake directory and answers its newest deltaLink too, with no changes: the fake stubs a deltaLink
     * only from the next publish on, and these runs follow each other without a publish between them.
     */
    static void publish() {
        graph.publish();
        String token = graph.currentToken();
        for (String stream : List.of("users", "groups")) {
            graph.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                    .get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/" + stream + "/delta"))
                    .withQueryParam("$deltatoken", com.github.tomakehurst.wiremock.client.WireMock.equalTo(token))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"value\":[],"
                            + "\"@odata.deltaLink\":\"" + graph.base() + "/v1.0/" + stream + "/delta?$deltatoken="
                            + token + "\"}")));
        }
    }

    HttpResponse<String> notify(String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/graph"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String fixture(String name, String subscriptionId, String clientState) throws IOException {
        try (var in = WebhookEndToEndTest.class.getResourceAsStream("/notify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${subscriptionId}", subscriptionId)
                    .replace("${clientState}", clientState);
        }
    }

    String jobTitle(String email) {
        return api.get("/api/users?email=" + email).json().get("content").get(0).get("jobTitle").asString(null);
    }

    long runs() {
        return count("select count(*) from sync_run");
    }

    long notifiedRuns(String status) {
        return count("select count(*) from sync_run where run_trigger = 'NOTIFIED' and status = '" + status + "'");
    }

    long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
