package io.entrasync.notify;

import static io.entrasync.support.Await.awaitThat;
import static io.entrasync.support.Await.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.TlsTrust;
import io.entrasync.simulator.ChangeKind;
import io.entrasync.simulator.ChangePlan;
import io.entrasync.simulator.DirectoryShape;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.simulator.SimulatorSettings;
import io.entrasync.simulator.SimulatorTlsTrust;
import io.entrasync.simulator.TenantRegistration;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The service and the bundled Graph simulator end to end, with the service's webhook as the public URL: the
 * simulator validates the URL when the subscriptions are created, notifies on each change (a NOTIFIED delta run brings
 * it in), can drop notifications (nothing runs; the scheduled delta converges) and sends reauthorizationRequired
 * (the service renews).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorNotificationsTest {

    static final String TENANT_ID = "00000000-0000-0000-0000-0000000000aa";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static final Path DIR = Path.of("target", "simulator-notifications");

    static GraphSimulator simulator;
    static ConfigurableApplicationContext app;
    static ApiClient api;

    @Configuration(proxyBeanMethods = false)
    static class TrustTheSimulator {
        @Bean
        @Primary
        TlsTrust simulatorTrust() {
            return new SimulatorTlsTrust(simulator.trustStore(), simulator.port());
        }
    }

    @BeforeAll
    static void start() throws IOException {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(DIR.resolve("tls")));
        simulator.register(TenantRegistration.withSecret(TENANT_ID, CLIENT_ID, "sim-secret"), DirectoryShape.of(60, 12, 7));
        Path mappings = Files.createDirectories(DIR.resolve("mappings"));
        Path secret = DIR.resolve("sim.secret");
        Files.writeString(secret, "sim-secret");
        Files.writeString(mappings.resolve("sim.yaml"), "tenant: sim\ntenantId: " + TENANT_ID + "\nclientId: "
                + CLIENT_ID + "\ncredentials: { clientSecretFile: " + secret.toAbsolutePath() + " }\ncloud: custom\n"
                + "graphEndpoint: " + simulator.baseUrl() + "\nauthorityHost: " + simulator.baseUrl() + "\n"
                + "schedule: \"0 0 3 * * ?\"\nsites:\n  - { default: HQ }\n");
        int port = freePort();
        app = new SpringApplicationBuilder(EntraSyncApplication.class, TrustTheSimulator.class).run(
                "--spring.datasource.url=" + EmbeddedPostgresInitializer.newDatabaseUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=" + port,
                "--entra-sync.simulator.enabled=false",
                "--entra-sync.admin-token=" + ApiClient.TOKEN,
                "--entra-sync.mappings-dir=" + mappings.toAbsolutePath(),
                "--entra-sync.notifications.public-base-url=http://127.0.0.1:" + port,
                "--entra-sync.notifications.coalesce-window=500ms");
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
    void subscriptionsAreValidatedByTheSimulator_andAChangeArrivesThroughANotifiedRun() throws Exception {
        awaitThat("users and groups subscribed", () -> simulator.subscriptions(TENANT_ID).size() == 2);
        api.syncAndWait("sim", "FULL", false);
        long notifiedBefore = runs("NOTIFIED");

        simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 3).with(ChangeKind.DISABLE, 1),
                new Random(1));

        awaitThat("a notified run", () -> runs("NOTIFIED") > notifiedBefore && idle());
        JsonNode run = lastRun();
        assertThat(run.get("trigger").asString()).isEqualTo("NOTIFIED");
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("updated").asInt() + run.get("counts").get("deactivated").asInt())
                .as(run.toString()).isPositive();
        assertConverged();
        JsonNode state = api.get("/api/tenants/sim").json().get("notifications");
        assertThat(state.get("active").asBoolean()).as(state.toString()).isTrue();
        assertThat(state.get("lastReceivedAt").isNull()).isFalse();
    }

    @Test
    @Order(2)
    void droppedNotifications_runNothing_andTheScheduledDeltaConverges() throws Exception {
        long runsBefore = runs(null);
        simulator.dropNotifications(true);
        try {
            simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 4).with(ChangeKind.DISABLE, 1),
                    new Random(2));
            Thread.sleep(2000);
            assertThat(simulator.notificationsDropped()).isPositive();
            assertThat(runs(null)).as("no notification, no run").isEqualTo(runsBefore);

            app.getBean(Scheduler.class).triggerJob(JobKey.jobKey("sim", "tenant-sync"));
            awaitThat("the scheduled delta ran", () -> runs("SCHEDULE") == 1 && idle());
        } finally {
            simulator.dropNotifications(false);
        }

        JsonNode run = lastRun();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("updated").asInt() + run.get("counts").get("deactivated").asInt())
                .as(run.toString()).isPositive();
        assertConverged();
    }

    @Test
    @Order(3)
    void reauthorizationRequired_fromTheSimulator_isAnsweredByARenewal() throws Exception {
        Map<String, String> ids = simulator.subscriptions(TENANT_ID);
        Subscription users = app.getBean(Subscriptions.class).find(ids.get("users")).orElseThrow();

        simulator.sendLifecycle(users.id(), "reauthorizationRequired");

        awaitThat("the users subscription renewed", () -> app.getBean(Subscriptions.class).find(users.id())
                .map(s -> !s.lastValidatedAt().equals(users.lastValidatedAt())).orElse(false));
        assertThat(simulator.subscriptions(TENANT_ID)).isEqualTo(ids);
    }

    @Test
    @Order(4)
    void tenantOptingOut_hasItsSubscriptionsDeletedAtGraph() throws Exception {
        Path file = DIR.resolve("mappings").resolve("sim.yaml");
        Files.writeString(file, Files.readString(file) + "notifications: { enabled: false }\n");
        app.getBean(io.entrasync.mapping.MappingRegistry.class).refresh();

        SubscriptionManager.Pass pass = app.getBean(SubscriptionManager.class).maintain();

        assertThat(simulator.subscriptions(TENANT_ID)).isEmpty();
        assertThat(app.getBean(Subscriptions.class).ofTenant("sim")).isEmpty();
        assertThat(pass.failed()).isZero();
        JsonNode state = api.get("/api/tenants/sim").json().get("notifications");
        assertThat(state.get("enabled").asBoolean()).isFalse();
        assertThat(state.get("active").asBoolean()).isFalse();
    }

    // ---- helpers ----

    /** A full read afterwards finds nothing to change: the helpdesk holds what the directory holds. */
    static void assertConverged() {
        JsonNode full = api.syncAndWait("sim", "FULL", false);
        JsonNode c = full.get("counts");
        assertThat(c.get("created").asInt() + c.get("updated").asInt() + c.get("deactivated").asInt()
                + c.get("reactivated").asInt() + c.get("moved").asInt()).as(full.toString()).isZero();
    }

    static JsonNode lastRun() {
        return api.get("/api/sync-runs?tenant=sim&limit=1").json().get(0);
    }

    static boolean idle() {
        return count("select count(*) from sync_run where status in ('QUEUED', 'RUNNING')") == 0;
    }

    static long runs(String trigger) {
        return count("select count(*) from sync_run" + (trigger == null ? "" : " where run_trigger = '" + trigger
                + "'"));
    }

    static long count(String sql) {
        return app.getBean(JdbcTemplate.class).queryForObject(sql, Long.class);
    }


}
