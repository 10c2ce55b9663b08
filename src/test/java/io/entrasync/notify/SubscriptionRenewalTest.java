package io.entrasync.notify;

import static io.entrasync.support.Await.awaitThat;
import static io.entrasync.support.Await.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.TlsTrust;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.simulator.DirectoryShape;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.simulator.SimulatorSettings;
import io.entrasync.simulator.SimulatorTlsTrust;
import io.entrasync.simulator.TenantRegistration;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The renewal pass against the bundled Graph simulator on a real PostgreSQL (issue 20, renewal half): a tenant whose
 * Graph is unreachable does not stop the others; a subscription Graph dropped silently is noticed, recreated and
 * followed by a delta run; a changed public URL is applied; replays of one reauthorizationRequired cost one renewal;
 * two managers on one database make one subscription per tenant and resource; a removed tenant's subscriptions are
 * deleted at Graph; an old error clears once Graph answers; a second subscription notifying this service is deleted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionRenewalTest {

    static final String SIM = "00000000-0000-0000-0000-0000000000b1";
    static final String DOWN = "00000000-0000-0000-0000-0000000000b2";
    static final String RACE = "00000000-0000-0000-0000-0000000000b3";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static final Path DIR = Path.of("target", "subscription-renewal");
    static final Path MAPPINGS = DIR.resolve("mappings");

    static GraphSimulator simulator;
    static ConfigurableApplicationContext app;
    static ApiClient api;
    static int port;

    @Configuration(proxyBeanMethods = false)
    static class TrustTheSimulator {
        /**
         * The simulator's certificate for every tenant's token endpoint (the simulator), whatever its Graph endpoint:
         * so 'a-down' gets its token and fails only where it should, connecting to a Graph nothing listens on.
         */
        @Bean
        @Primary
        TlsTrust simulatorTrust() {
            SimulatorTlsTrust trust = new SimulatorTlsTrust(simulator.trustStore(), simulator.port());
            return tenant -> trust.forTenant(new io.entrasync.source.TenantConnection(tenant.tenantKey(),
                    tenant.tenantId(), tenant.clientId(), tenant.credentials(), tenant.cloud(), simulator.baseUrl(),
                    simulator.baseUrl()));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(DIR.resolve("tls")));
        for (String tenantId : List.of(SIM, DOWN, RACE)) {
            simulator.register(TenantRegistration.withSecret(tenantId, CLIENT_ID, "sim-secret"),
                    DirectoryShape.of(40, 8, 5));
        }
        Files.createDirectories(MAPPINGS);
        try (var old = Files.list(MAPPINGS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(DIR.resolve("sim.secret"), "sim-secret");
        // sorted before 'sim': on the old code its network fault ended the pass before 'sim' was reached
        writeMapping("a-down", DOWN, "https://127.0.0.1:" + freePort(), "");
        writeMapping("sim", SIM, simulator.baseUrl(), "");
        port = freePort();
        app = new SpringApplicationBuilder(EntraSyncApplication.class, TrustTheSimulator.class).run(
                "--spring.datasource.url=" + EmbeddedPostgresInitializer.newDatabaseUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=" + port,
                "--entra-sync.simulator.enabled=false",
                "--entra-sync.admin-token=" + ApiClient.TOKEN,
                "--entra-sync.mappings-dir=" + MAPPINGS.toAbsolutePath(),
                "--entra-sync.graph.max-retries=0",
                "--entra-sync.notifications.public-base-url=http://127.0.0.1:" + port,
                "--entra-sync.notifications.coalesce-window=200ms");
        api = new ApiClient(port);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void tenantWhoseGraphIsUnreachable_doesNotStopAnothersRenewal_andCarriesTheError() throws Exception {
        awaitThat("sim subscribed by the start-up pass", () -> simulator.subscriptionCount(SIM) == 2);

        SubscriptionManager.Pass pass = manager().maintain();

        assertThat(pass.failed()).isEqualTo(2);
        assertThat(simulator.subscriptionCount(SIM)).isEqualTo(2);
        JsonNode down = api.get("/api/tenants/a-down").json().get("notifications");
        assertThat(down.get("active").asBoolean()).isFalse();
        assertThat(down.get("errors").toString()).contains("POST /subscriptions", "refused")
                .doesNotContain("Exception");
        assertThat(api.get("/api/tenants/sim").json().get("notifications").get("active").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void subscriptionGraphDroppedSilently_isNoticed_recreated_andADeltaRunFollows() throws Exception {
        api.syncAndWait("sim", "FULL", false);
        long notifiedBefore = runs("NOTIFIED");
        String users = simulator.subscriptions(SIM).get("users");
        assertThat(simulator.removeSubscriptionSilently(users)).isTrue();

        SubscriptionManager.Pass pass = manager().maintain();

        assertThat(pass.recreated()).isEqualTo(1);
        String recreated = simulator.subscriptions(SIM).get("users");
        assertThat(recreated).isNotNull().isNotEqualTo(users);
        assertThat(subscriptions().held("sim", "users").orElseThrow().subscription().id()).isEqualTo(recreated);
        awaitThat("a delta run after the recreation", () -> runs("NOTIFIED") > notifiedBefore && idle());
    }

    @Test
    @Order(3)
    void changedPublicUrl_isApplied_byANewSubscription_andTheOldOneDeletedAtGraph() throws Exception {
        Map<String, String> before = simulator.subscriptions(SIM);
        String newBase = "http://localhost:" + port;
        writeMapping("sim", SIM, simulator.baseUrl(), "notifications: { publicUrl: \"" + newBase + "\" }\n");
        registry().refresh();

        manager().maintain();

        assertThat(simulator.subscriptionCount(SIM)).as("old ones deleted at Graph").isEqualTo(2);
        // the webhook key travels as a query parameter of every notification URL
        assertThat(simulator.notificationUrls(SIM).values())
                .allSatisfy(url -> assertThat(url).startsWith(newBase + "/webhooks/graph?key="));
        assertThat(simulator.subscriptions(SIM).values()).doesNotContainAnyElementsOf(before.values());
        for (String resource : SubscriptionManager.RESOURCES) {
            assertThat(subscriptions().held("sim", resource).orElseThrow().notificationUrl())
                    .startsWith(newBase + "/webhooks/graph?key=");
        }
        SubscriptionManager.Pass again = manager().maintain();
        assertThat(again.created() + again.recreated()).as("nothing more to change").isZero();
    }

    @Test
    @Order(4)
    void replaysOfOneReauthorizationRequired_costOneRenewal() throws Exception {
        String users = simulator.subscriptions(SIM).get("users");
        int renewalsBefore = simulator.subscriptionRenewals();

        for (int i = 0; i < 5; i++) {
            simulator.sendLifecycle(users, "reauthorizationRequired");
        }

        awaitThat("one renewal", () -> simulator.subscriptionRenewals() == renewalsBefore + 1);
        Thread.sleep(1500);
        assertThat(simulator.subscriptionRenewals()).isEqualTo(renewalsBefore + 1);
        assertThat(subscriptions().reauthorizedAt(users)).isNotNull();
    }

    @Test
    @Order(5)
    void twoManagersOnOneDatabase_createOneSubscriptionPerTenantAndResource() throws Exception {
        writeMapping("race", RACE, simulator.baseUrl(), "");
        registry().refresh();
        SubscriptionManager first = manager();
        SubscriptionManager second = new SubscriptionManager(registry(), subscriptions(),
                app.getBean(SubscriptionCleanup.class), app.getBean(SubscriptionSlots.class),
                app.getBean(ChangeSubscriptions.class), app.getBean(TenantErrors.class),
                app.getBean(PendingDeltas.class), app.getBean(NotificationProperties.class),
                app.getBean(WebhookKey.class));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<SubscriptionManager.Pass> a = threads.submit(() -> {
                go.await();
                return first.maintain();
            });
            Future<SubscriptionManager.Pass> b = threads.submit(() -> {
                go.await();
                return second.maintain();
            });
            go.countDown();
            assertThat(a.get().created() + b.get().created()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
            second.destroy();
        }

        assertThat(simulator.subscriptionCount(RACE)).isEqualTo(2);
        assertThat(simulator.subscriptions(RACE).keySet()).containsExactly("groups", "users");
        assertThat(subscriptions().ofTenant("race")).extracting(Subscription::id)
                .containsExactlyInAnyOrderElementsOf(simulator.subscriptions(RACE).values());
    }

    @Test
    @Order(6)
    void removedTenant_hasItsSubscriptionsDeletedAtGraph() throws Exception {
        assertThat(simulator.subscriptionCount(RACE)).isEqualTo(2);
        Files.delete(MAPPINGS.resolve("race.yaml"));
        registry().refresh();
        app.getBean(TenantErrors.class).record("race", "subscription refused", Instant.now());

        SubscriptionManager.Pass pass = manager().maintain();

        assertThat(app.getBean(TenantErrors.class).all()).as("a removed tenant's error is nobody's").doesNotContainKey(
                "race");
        assertThat(pass.deleted()).isEqualTo(2);
        assertThat(simulator.subscriptionCount(RACE)).isZero();
        assertThat(subscriptions().ofTenant("race")).isEmpty();
        assertThat(app.getBean(RetiredSubscriptions.class).all()).isEmpty();
        assertThat(simulator.subscriptionCount(SIM)).isEqualTo(2);
    }

    @Test
    @Order(7)
    void anOldError_isClearedOnceGraphAnswersAgain() {
        app.getBean(JdbcTemplate.class).update("update notification_subscription set last_error = "
                + "'tenant ''sim'': GET /subscriptions/x failed: no answer in time (timed out)', last_error_at = ? "
                + "where tenant = 'sim'", java.sql.Timestamp.from(Instant.now()));
        assertThat(api.get("/api/tenants/sim").json().get("notifications").get("errors")).isNotEmpty();
        int lookupsBefore = simulator.subscriptionLookups();

        manager().maintain();

        assertThat(api.get("/api/tenants/sim").json().get("notifications").get("errors")).isEmpty();
        assertThat(simulator.subscriptionLookups()).as("the pass's GET /subscriptions shows both exist: no GET by id")
                .isEqualTo(lookupsBefore);
    }

    @Test
    @Order(8)
    void aSecondSubscriptionNotifyingThisService_isDeletedAtGraph() {
        Subscriptions.Held users = subscriptions().held("sim", "users").orElseThrow();
        io.entrasync.source.TenantConnection connection = registry().tenant("sim").orElseThrow().connection();
        // as an earlier release could leave one: created at Graph, never stored
        ChangeSubscriptions.Created stray = app.getBean(ChangeSubscriptions.class).create(connection,
                new ChangeSubscriptions.Request("users", SubscriptionManager.CHANGE_TYPE, users.notificationUrl(),
                        users.notificationUrl().replace("/webhooks/graph?", "/webhooks/graph/lifecycle?"), "stray-state", Instant.now().plusSeconds(86_400)));
        assertThat(simulator.subscriptionCount(SIM)).isEqualTo(3);

        SubscriptionManager.Pass pass = manager().maintain();

        assertThat(pass.deleted()).isEqualTo(1);
        assertThat(simulator.subscriptionCount(SIM)).isEqualTo(2);
        assertThat(simulator.subscriptions(SIM).values()).doesNotContain(stray.id())
                .contains(users.subscription().id());
    }

    // ---- helpers ----

    static void writeMapping(String tenant, String tenantId, String graphEndpoint, String extra) throws IOException {
        Files.writeString(MAPPINGS.resolve(tenant + ".yaml"), "tenant: " + tenant + "\ntenantId: " + tenantId
                + "\nclientId: " + CLIENT_ID + "\ncredentials: { clientSecretFile: "
                + DIR.resolve("sim.secret").toAbsolutePath() + " }\ncloud: custom\ngraphEndpoint: " + graphEndpoint
                + "\nauthorityHost: " + simulator.baseUrl() + "\nschedule: \"0 0 3 * * ?\"\nsites:\n  - { default: HQ }\n"
                + extra);
    }

    static SubscriptionManager manager() {
        return app.getBean(SubscriptionManager.class);
    }

    static Subscriptions subscriptions() {
        return app.getBean(Subscriptions.class);
    }

    static MappingRegistry registry() {
        return app.getBean(MappingRegistry.class);
    }

    static boolean idle() {
        return count("select count(*) from sync_run where status in ('QUEUED', 'RUNNING')") == 0;
    }

    static long runs(String trigger) {
        return count("select count(*) from sync_run where run_trigger = '" + trigger + "'");
    }

    static long count(String sql) {
        return app.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
    }


}
