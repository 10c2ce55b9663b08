package io.entrasync.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.entrasync.support.Await.sleep;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import io.entrasync.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Alerts told as one tenant's story against the whole service on PostgreSQL (real runs against a WireMock Graph,
 * real Quartz, a real HTTP receiver for the webhook and a real SMTP server, GreenMail): a tenant failing three times
 * in a row, held by a blocked run, and given an invalid mapping alerts once per change of state on both channels and
 * once when it recovers; a receiver that keeps failing is retried and then recorded as failed; the tenant's state is
 * on /actuator/prometheus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.alerts.interval=300ms",
        "entra-sync.alerts.initial-backoff=100ms",
        "entra-sync.alerts.max-attempts=3",
        "entra-sync.alerts.page-url=https://sync.example.org/",
        "entra-sync.alerts.email-to=ops@example.org, lead@example.org",
        "entra-sync.alerts.email-from=entra-sync@example.org",
        "spring.mail.host=127.0.0.1"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// closed after the class, while PostgreSQL still runs: the alert job fires every 300 ms and would otherwise wait for
// a connection during the JVM's shutdown
@DirtiesContext
class AlertsEndToEndTest {

    static final String TENANT = "acme";
    /** A webhook path as Teams and Slack make them: the secret part of the URL. */
    static final String SECRET_PATH = "/services/T000/B000/s3cr3t-webhook-path";
    static final Path MAPPINGS = Path.of("target", "alerts-e2e", "mappings");
    static final String SAFETY = "safety: { maxDeactivations: 3, maxDeactivationPercent: 30 }\n";
    static final FakeDirectory graph = new FakeDirectory(3);
    static final WebhookReceiver receiver = new WebhookReceiver();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-admins", "Site Admins");
        for (int i = 1; i <= 10; i++) {
            graph.user("u" + i, person("User", "Number" + i, "user" + i + "@acme.org", null)).member("g-helpdesk", "u" + i);
        }
        graph.member("g-admins", "u1").member("g-admins", "u2");
        graph.publish();
        writeMapping("Helpdesk Users");
        smtp.start();
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
        registry.add("entra-sync.alerts.webhook-url", () -> receiver.url(SECRET_PATH));
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        graph.stop();
        receiver.close();
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    static void writeMapping(String scopeGroup) {
        graph.writeMapping(MAPPINGS, TENANT, "scope: { groups: [" + scopeGroup + "] }\n"
                + "sites:\n  - { default: HQ }\n" + SAFETY);
    }

    @Test
    @Order(1)
    void aHealthyTenant_alertsNothing_andItsStateIsOnPrometheus() {
        JsonNode run = api.syncAndWait(TENANT, "FULL", false);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        String metrics = await("the tenant's gauges", () -> api.get("/actuator/prometheus").body(),
                m -> m.contains("entra_sync_tenant_last_success_timestamp_seconds{tenant=\"acme\"}"));

        assertThat(metrics).contains("entra_sync_tenant_state{state=\"ok\",tenant=\"acme\"} 1.0",
                "entra_sync_tenant_state{state=\"held\",tenant=\"acme\"} 0.0",
                "entra_sync_tenant_state{state=\"failing\",tenant=\"acme\"} 0.0");
        quiet();
        assertThat(receiver.received()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    @Order(2)
    void threeFailedRunsInARow_alertOnce_andASuccessResolvesOnce() throws Exception {
        StubMapping down = graph.wireMock().stubFor(any(urlPathMatching("/v1\\.0/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"code\":\"generalException\"}}")));
        try {
            for (int i = 0; i < 2; i++) {
                assertThat(api.syncAndWait(TENANT, "DELTA", false).get("status").asString()).isEqualTo("FAILED");
            }
            quiet();
            assertThat(receiver.received()).as("two failures are not yet failing").isEmpty();

            assertThat(api.syncAndWait(TENANT, "DELTA", false).get("status").asString()).isEqualTo("FAILED");
            JsonNode alert = awaitWebhook("failing", "opened");
            assertThat(alert.get("text").asString()).contains("tenant 'acme' is failing", "3 runs in a row failed",
                    "https://sync.example.org/");
            assertThat(alert.get("url").asString()).isEqualTo("https://sync.example.org/");
            assertThat(awaitMail("tenant 'acme' is failing").getAllRecipients()).hasSize(2);
            String gauge = "entra_sync_tenant_state{state=\"failing\",tenant=\"acme\"} 1.0";
            await("the failing gauge", () -> api.get("/actuator/prometheus").body(), m -> m.contains(gauge));

            assertThat(api.syncAndWait(TENANT, "DELTA", false).get("status").asString()).isEqualTo("FAILED");
            quiet();
        } finally {
            graph.wireMock().removeStub(down);
        }
        assertThat(api.syncAndWait(TENANT, "DELTA", false).get("status").asString()).isEqualTo("SUCCEEDED");

        awaitWebhook("failing", "resolved");
        awaitMail("resolved: tenant 'acme' syncs again");
        quiet();
        assertThat(count("failing", "opened")).as("a fourth failure is no new state").isEqualTo(1);
        assertThat(count("failing", "resolved")).isEqualTo(1);
        assertThat(mails("is failing")).isEqualTo(1);
        assertThat(mails("syncs again")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aBlockedRun_alertsHeldOnce_andTheReleaseResolvesIt() throws Exception {
        writeMapping("Site Admins");
        JsonNode blocked = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");

        JsonNode alert = awaitWebhook("held", "opened");
        assertThat(alert.get("detail").asString()).contains("would deactivate 8 of 10");
        awaitMail("tenant 'acme' is held");
        assertThat(api.syncAndWait(TENANT, "DELTA", false).get("status").asString()).isEqualTo("BLOCKED");
        quiet();
        assertThat(count("held", "opened")).as("a second plan of the same hold is no new state").isEqualTo(1);

        // the plan has waited for a decision for more than a day: one reminder
        jdbc.update("update tenant_hold set held_since = ? where tenant = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(26))), TENANT);
        JsonNode reminder = awaitWebhook("hold-waiting", "opened");
        assertThat(reminder.get("text").asString()).contains("has a held plan waiting for a decision",
                "has waited 26 hours");
        quiet();
        assertThat(count("hold-waiting", "opened")).isEqualTo(1);

        writeMapping("Helpdesk Users");
        var release = api.post("/api/tenants/" + TENANT + "/hold/release", "");
        assertThat(release.status()).as(release.body()).isIn(200, 204);

        awaitWebhook("held", "resolved");
        awaitWebhook("hold-waiting", "resolved");
        awaitMail("resolved: tenant 'acme' is no longer held");
        quiet();
        assertThat(count("held", "opened")).isEqualTo(1);
        assertThat(count("held", "resolved")).isEqualTo(1);
        assertThat(count("hold-waiting", "resolved")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aReceiverThatKeepsFailing_isRetriedWithBackoff_thenRecordedFailed_withoutItsSecretPath() throws Exception {
        receiver.answerWith(500);
        try {
            Files.writeString(MAPPINGS.resolve(TENANT + ".yaml"), "tenant: acme\nschedule: [not, a, cron]\n");

            await("three webhook attempts", () -> count("invalid", "opened"), n -> n >= 3);
            awaitMail("tenant 'acme' has an invalid mapping");
            JsonNode delivery = await("the webhook delivery recorded FAILED", this::invalidAlertWebhookDelivery,
                    d -> d != null && d.get("state").asString().equals("FAILED"));

            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.get("lastError").asString()).contains("127.0.0.1", "HTTP 500")
                    .doesNotContain("s3cr3t");
            quiet();
            assertThat(count("invalid", "opened")).as("no attempt after the last").isEqualTo(3);
            assertThat(api.get("/api/alerts").body()).doesNotContain("s3cr3t");
        } finally {
            receiver.answerWith(204);
        }
        writeMapping("Helpdesk Users");
        awaitWebhook("invalid", "resolved");
        awaitMail("resolved: tenant 'acme' has a valid mapping again");
        JsonNode open = api.get("/api/alerts").json().get("open");
        assertThat(open).isEmpty();
    }

    @Test
    @Order(5)
    void alertsNeedTheReaderRole() {
        assertThat(new ApiClient(port, "wrong-token-wrong-token-wrong-token").get("/api/alerts").status())
                .isEqualTo(401);
        JsonNode alerts = api.get("/api/alerts?tenant=acme&limit=2").json();
        assertThat(alerts.get("channels").toString()).contains("WEBHOOK", "EMAIL");
        assertThat(alerts.get("recent")).hasSize(2);
    }

    private JsonNode invalidAlertWebhookDelivery() {
        for (JsonNode alert : api.get("/api/alerts?tenant=acme").json().get("recent")) {
            if (alert.get("condition").asString().equals("invalid") && alert.get("event").asString().equals("opened")) {
                for (JsonNode d : alert.get("deliveries")) {
                    if (d.get("channel").asString().equals("WEBHOOK")) {
                        return d;
                    }
                }
            }
        }
        return null;
    }

    private long count(String condition, String event) {
        return receiver.received().stream().filter(b -> b.get("tenant").asString().equals(TENANT)
                && b.get("condition").asString().equals(condition) && b.get("event").asString().equals(event)).count();
    }

    private JsonNode awaitWebhook(String condition, String event) {
        await("webhook " + condition + " " + event, () -> count(condition, event), n -> n >= 1);
        return receiver.received().stream().filter(b -> b.get("condition").asString().equals(condition)
                && b.get("event").asString().equals(event)).findFirst().orElseThrow();
    }

    private long mails(String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart)).count()
                / 2; // one copy per recipient
    }

    private MimeMessage awaitMail(String subjectPart) {
        await("mail '" + subjectPart + "'", () -> mails(subjectPart), n -> n >= 1);
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart)).findFirst()
                .orElseThrow();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets several evaluation and delivery passes go by (each 300 ms; a retry waits 100-400 ms). */
    private static void quiet() {
        sleep(2_000);
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within 30 s; last seen: " + value);
            }
            sleep(100);
            value = read.get();
        }
        return value;
    }
}
