package io.entrasync.notify;

import static io.entrasync.support.Await.awaitThat;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.RequestStatements;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Graph webhook on a real PostgreSQL, with a WireMock Graph tenant whose only schedule is nightly: the validation
 * handshake and every call refused without the deployment's key, refused items (forged clientState, unknown
 * subscription, other tenantId, malformed) counted one by one while the batch is answered 202, a burst of
 * notifications coalesced into one NOTIFIED delta run that brings the change in, a notification during a run leading
 * to exactly one more run after it, a mixed batch whose valid item still counts, a bounded number of statements per
 * request whatever the body, a notification that meets a queued dry run, and a burst behind a long run.
 * Bodies follow Graph's changeNotificationCollection ({@code src/test/resources/notify/*.json}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.graph.max-retry-wait=50ms",
        "entra-sync.notifications.coalesce-window=3s"
})
@Import({TrustTestTls.class, RequestStatements.class})
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
                    Instant.now(), null, null);
            api.syncAndWait("acme", "DELTA", false);
            publish();
        }
    }

    @Test
    @Order(1)
    void validationHandshake_answersTheDecodedTokenAsPlainText_withoutAdminToken() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(webhook("/webhooks/graph")
                        + "&validationToken=Validation%3A%20Testing%20client%20application%2B1"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("Validation: Testing client application+1");
    }

    @Test
    @Order(1)
    void callsWithoutTheDeploymentKey_areRefused_handshakeIncluded_andReadNothing() throws Exception {
        String base = "http://127.0.0.1:" + port;
        String nearMiss = "x" + webhookKey.value().substring(1);
        long statements = RequestStatements.count();

        HttpResponse<String> handshake = post(base + "/webhooks/graph?validationToken=anyone", "");
        HttpResponse<String> wrongKey = post(base + "/webhooks/graph/lifecycle?key=" + nearMiss
                + "&validationToken=anyone", "");
        HttpResponse<String> notification = post(base + "/webhooks/graph",
                fixture("users-updated.json", SUBSCRIPTION, secret.value()));

        assertThat(List.of(handshake.statusCode(), wrongKey.statusCode(), notification.statusCode()))
                .containsOnly(401);
        assertThat(handshake.body()).doesNotContain("anyone").contains("key");
        assertThat(wrongKey.body()).doesNotContain(nearMiss);
        assertThat(RequestStatements.count() - statements).as("statements on the request threads").isZero();
        assertThat(count("select count(*) from notification_inbox")).isZero();
    }

    @Test
    @Order(1)
    void bodyThatIsNoNotificationCollection_isRefusedWith400NamingTheField() {
        for (String body : List.of("not json", "[]", "{\"value\":{}}", "{\"value\":[1]}")) {
            HttpResponse<String> answer = notify(body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).containsAnyOf("body:", "value:", "value[0]:");
        }
        HttpResponse<String> huge = notify("{\"value\":[\"" + "x".repeat(GraphWebhookController.MAX_BODY) + "\"]}");
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(2)
    void refusedItems_areCountedOneByOne_theBatchIsAnswered202_andRunNothing() throws Exception {
        long runsBefore = runs();

        HttpResponse<String> forged = notify(fixture("users-updated.json", SUBSCRIPTION, "not-the-secret"));
        HttpResponse<String> unknown = notify(fixture("users-updated.json", "unknown-subscription", secret.value()));
        HttpResponse<String> otherTenant = notify(fixture("users-updated.json", SUBSCRIPTION, secret.value())
                .replace(FakeDirectory.TENANT_ID, "99999999-2222-3333-4444-555555555555"));
        HttpResponse<String> noTenant = notify(fixture("users-updated.json", SUBSCRIPTION, secret.value())
                .replace("\"tenantId\": \"" + FakeDirectory.TENANT_ID + "\"", "\"id\": \"1\""));
        HttpResponse<String> malformed = notify("{\"value\":[{\"changeType\":\"updated\"}]}");

        assertThat(List.of(forged.statusCode(), unknown.statusCode(), otherTenant.statusCode(), noTenant.statusCode(),
                malformed.statusCode())).as("Graph would retry a whole batch for hours on anything but 2xx")
                .containsOnly(202);
        assertThat(forged.body()).doesNotContain("not-the-secret");
        awaitThat("the refusals are counted on the subscription",
                () -> subscriptions.find(SUBSCRIPTION).orElseThrow().rejected() == 3);
        Thread.sleep(1500);
        assertThat(runs()).as("no run was asked for").isEqualTo(runsBefore);
        assertThat(jdbc.queryForObject("select count(*) from notification_pending", Integer.class)).isZero();
        assertThat(api.get("/actuator/prometheus").body())
                .contains("entra_sync_notifications_total{outcome=\"rejected\"} 5.0")
                .contains("entra_sync_notifications_total{outcome=\"accepted\"} 0.0");
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
        JsonNode notified = api.get("/api/sync-runs?tenant=acme&limit=1").json().get(0);
        assertThat(notified.get("trigger").asString()).isEqualTo("NOTIFIED");
        assertThat(notified.get("triggeredBy").get("kind").asString()).as("Graph started it").isEqualTo("graph");
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Chief Listener");
        assertThat(subscriptions.find(SUBSCRIPTION).orElseThrow().lastReceivedAt()).isNotNull();
        var state = api.get("/api/tenants/acme").json().get("notifications");
        assertThat(state.get("enabled").asBoolean()).as("no public base URL here: subscriptions are not made").isFalse();
        assertThat(state.get("lastReceivedAt").isNull()).as(state.toString()).isFalse();
        assertThat(state.get("rejected").asInt()).isEqualTo(3);
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

    @Test
    @Order(5)
    void mixedBatchWithAnUnknownSubscription_stillBringsTheValidItemsChangeIn() throws Exception {
        long before = notifiedRuns("SUCCEEDED");
        graph.set("u1", "jobTitle", "Mixed Listener");
        publish();
        String body = fixture("mixed-batch.json", SUBSCRIPTION, secret.value())
                .replace("${otherSubscriptionId}", "0fbd6a3e-0000-4000-8000-00000000a11e")
                .replace("${otherTenantId}", "99999999-2222-3333-4444-555555555555");

        assertThat(notify(body).statusCode()).isEqualTo(202);

        awaitThat("a notified run", () -> notifiedRuns("SUCCEEDED") >= before + 1);
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Mixed Listener");
    }

    @Test
    @Order(6)
    void twentyThousandIdBody_costsABoundedNumberOfQueries() {
        String huge = IntStream.range(0, 20_000)
                .mapToObj(i -> "{\"subscriptionId\":\"" + i + "\",\"changeType\":\"updated\"}")
                .collect(Collectors.joining(",", "{\"value\":[", "]}"));
        assertThat(huge.length()).isLessThan(GraphWebhookController.MAX_BODY);
        String manyItems = items(ChangeNotification.MAX_ITEMS, ChangeNotification.MAX_SUBSCRIPTIONS);
        String tooManySubscriptions = items(ChangeNotification.MAX_SUBSCRIPTIONS + 1,
                ChangeNotification.MAX_SUBSCRIPTIONS + 1);

        long start = RequestStatements.count();
        HttpResponse<String> refused = notify(huge);
        long afterHuge = RequestStatements.count();
        HttpResponse<String> accepted = notify(manyItems);
        long afterMany = RequestStatements.count();
        HttpResponse<String> tooMany = notify(tooManySubscriptions);
        long afterTooMany = RequestStatements.count();

        assertThat(afterHuge - start).as("statements for 20,000 ids").isZero();
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("value: 20000 notifications; at most 1000");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(afterMany - afterHuge).as("statements for 1,000 items of 200 unknown subscriptions")
                .isEqualTo(1);
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(afterTooMany - afterMany).isZero();
    }

    @Test
    @Order(7)
    void notificationWhileAQueuedDryRunHoldsTheTenant_isFollowedByADeltaRun() throws Exception {
        long before = notifiedRuns("SUCCEEDED");
        graph.set("u1", "jobTitle", "Dry Listener");
        publish();
        var runGroup = GroupMatcher.triggerGroupEquals("tenant-run");
        // the dry run's fire is held back, so the notified fire finds the tenant locked by a queued dry run
        scheduler.pauseTriggers(runGroup);
        String dryRun;
        try {
            ApiClient.Answer queued = api.post("/api/tenants/acme/sync", "{\"mode\":\"DELTA\",\"dryRun\":true}");
            assertThat(queued.status()).isEqualTo(202);
            dryRun = queued.header("Location");
            assertThat(notify(fixture("users-updated.json", SUBSCRIPTION, secret.value())).statusCode())
                    .isEqualTo(202);
            Thread.sleep(5000); // the 3 s coalesce window has passed: the notified fire met the dry run's lock
            assertThat(notifiedRuns("SUCCEEDED")).isEqualTo(before);
        } finally {
            scheduler.resumeTriggers(runGroup);
        }
        assertThat(api.awaitRun(dryRun, Duration.ofSeconds(60)).get("status").asString()).isEqualTo("SUCCEEDED");

        awaitThat("a notified run after the dry run", () -> notifiedRuns("SUCCEEDED") >= before + 1);
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Dry Listener");
    }

    @Test
    @Order(8)
    void burstWhileALongRunHoldsTheTenant_isExactlyOneRunAfterIt() throws Exception {
        long before = notifiedRuns("SUCCEEDED");
        graph.set("u1", "jobTitle", "Patient Listener");
        publish();
        String body = fixture("users-updated.json", SUBSCRIPTION, secret.value());
        graph.wireMock().setGlobalFixedDelay(1500);
        String manual;
        try {
            ApiClient.Answer queued = api.post("/api/tenants/acme/sync", "{\"mode\":\"FULL\",\"dryRun\":false}");
            assertThat(queued.status()).isEqualTo(202);
            manual = queued.header("Location");
            awaitThat("the long run is running", () -> count("select count(*) from sync_run where "
                    + "run_trigger = 'MANUAL' and status = 'RUNNING'") == 1);
            for (int i = 1; i <= 6; i++) {
                assertThat(notify(body).statusCode()).isEqualTo(202);
                int seen = i;
                awaitThat("notification " + i + " is pending", () -> count("select coalesce(sum(notifications), 0) "
                        + "from notification_pending") == seen);
                // as if the run had gone on for minutes: the pending notification is long past its window
                jdbc.update("update notification_pending set since = ?",
                        Timestamp.from(Instant.now().minus(Duration.ofMinutes(3))));
            }
            assertThat(count("select count(*) from sync_run where run_trigger = 'MANUAL' and status = 'RUNNING'"))
                    .as("the burst arrived during the long run").isEqualTo(1);
        } finally {
            graph.wireMock().setGlobalFixedDelay(0);
        }
        api.awaitRun(manual, Duration.ofSeconds(120));

        awaitThat("a notified run after the long one", () -> notifiedRuns("SUCCEEDED") >= before + 1);
        Thread.sleep(5000); // a second fire would be due within the 3 s window
        assertThat(notifiedRuns("SUCCEEDED")).isEqualTo(before + 1);
        assertThat(count("select count(*) from sync_run where status not in ('SUCCEEDED')")).isZero();
        assertThat(jobTitle("ann@acme.org")).isEqualTo("Patient Listener");
    }

    @Test
    @Order(9)
    void notificationsOfATenantWhoseMappingBecameInvalid_scheduleNoRun() throws Exception {
        long runsBefore = runs();
        java.nio.file.Files.writeString(MAPPINGS.resolve("acme.yaml"), "notAMappingKey: true\n",
                java.nio.file.StandardOpenOption.APPEND);

        for (int i = 0; i < 3; i++) {
            assertThat(notify(fixture("users-updated.json", SUBSCRIPTION, secret.value())).statusCode())
                    .isEqualTo(202);
        }

        awaitThat("the notifications are processed", () -> count("select count(*) from notification_inbox") == 0);
        Thread.sleep(5000); // a run would be due after the 3 s window
        assertThat(runs()).as("no run, so no FAILED run either").isEqualTo(runsBefore);
        assertThat(count("select count(*) from notification_pending")).isZero();
        assertThat(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("tenant-notify"))).isEmpty();
    }

    // ---- helpers ----

    @Autowired
    WebhookKey webhookKey;

    /** {@code items} change notifications naming {@code distinct} unknown subscriptions. */
    static String items(int items, int distinct) {
        return IntStream.range(0, items).mapToObj(i -> "{\"subscriptionId\":\"unknown-" + (i % distinct)
                        + "\",\"changeType\":\"updated\",\"clientState\":\"x\"}")
                .collect(Collectors.joining(",", "{\"value\":[", "]}"));
    }

    /** The webhook URL as subscriptions carry it: with the deployment's key. */
    String webhook(String path) {
        return "http://127.0.0.1:" + port + path + "?key=" + webhookKey.value();
    }

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
        return post(webhook("/webhooks/graph"), body);
    }

    static HttpResponse<String> post(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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

}
