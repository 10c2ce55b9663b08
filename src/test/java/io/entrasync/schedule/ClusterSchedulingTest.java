package io.entrasync.schedule;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.TlsTrust;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TestTls;
import io.entrasync.sync.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two application instances against one PostgreSQL with a tenant scheduled every two seconds: each fire runs once,
 * runs of the tenant never overlap, a manual run is refused while a scheduled one is active, and when the instance
 * running a sync dies mid-run the other recovers the fire and carries on. Then mapping edits and removal re-register
 * the tenant's triggers without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSchedulingTest {

    static final Path MAPPINGS = Path.of("target", "cluster-scheduling", "mappings");
    static final Path FILE = MAPPINGS.resolve("acme.yaml");
    static final String EVERY_TWO_SECONDS = "*/2 * * * * ?";

    static FakeDirectory graph;
    static String database;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static ConfigurableApplicationContext survivor;

    /** Trusts the fake directory's certificate (the application's own TlsTrust bean is replaced). */
    @Configuration(proxyBeanMethods = false)
    static class TrustTheFakeDirectory {
        @Bean
        @Primary
        TlsTrust testTrust() {
            return TestTls.trust();
        }
    }

    @BeforeAll
    static void startTwoInstances() throws IOException {
        graph = new FakeDirectory(2);
        graph.user("u1", person("Ann", "Lee", "ann@acme.org", null)).user("u2", person("Ben", "Ray", "ben@acme.org", null))
                .user("u3", person("Cy", "Fox", "cy@acme.org", null));
        graph.publish();
        Files.createDirectories(MAPPINGS);
        Path secret = MAPPINGS.resolveSibling("acme.secret");
        Files.writeString(secret, "not-a-real-secret");
        Files.writeString(FILE, mapping(secret, EVERY_TWO_SECONDS));
        database = EmbeddedPostgresInitializer.newDatabaseUrl();
        first = start();
        second = start();
    }

    /** Full runs every two seconds (each one reads the whole fake directory), a delta run nightly. */
    static String mapping(Path secret, String fullSyncSchedule) {
        return graph.mapping("acme", secret.toAbsolutePath().toString(), "sites:\n  - { default: HQ }\n")
                + (fullSyncSchedule == null ? "" : "fullSyncSchedule: \"" + fullSyncSchedule + "\"\n");
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EntraSyncApplication.class, TrustTheFakeDirectory.class).run(
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=0",
                "--entra-sync.admin-token=" + ApiClient.TOKEN,
                "--entra-sync.mappings-dir=" + MAPPINGS.toAbsolutePath(),
                "--entra-sync.graph.max-retries=1",
                "--entra-sync.graph.initial-backoff=10ms",
                "--entra-sync.graph.max-retry-wait=50ms",
                // closing an instance must look like a replica dying mid-run, not a graceful stop
                "--spring.quartz.wait-for-jobs-to-complete-on-shutdown=false",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        graph.stop();
    }

    @Test
    @Order(1)
    void clusterRunsEachFireOnce_neverOverlaps_refusesManualRunWhileActive_andSurvivesADyingInstance() throws Exception {
        awaitThat("three scheduled runs succeeded", 30, () -> succeededSince(Instant.EPOCH) >= 3);

        graph.wireMock().setGlobalFixedDelay(6000);
        ConfigurableApplicationContext[] running = new ConfigurableApplicationContext[1];
        awaitThat("an instance is in the middle of a slow run", 20, () -> {
            running[0] = executing(first) ? first : executing(second) ? second : null;
            return running[0] != null && count("select count(*) from sync_run where status = 'RUNNING'") == 1;
        });
        ConfigurableApplicationContext victim = running[0];
        survivor = victim == first ? second : first;
        var manual = api(survivor).post("/api/tenants/acme/sync", "{\"mode\":\"DELTA\"}");
        Instant stoppedAt = Instant.now();
        victim.close();
        graph.wireMock().setGlobalFixedDelay(0);

        assertThat(manual.status()).as(manual.body()).isEqualTo(409);
        awaitThat("the surviving instance recovered the fire and ran two more", 40,
                () -> succeededSince(stoppedAt) >= 3);
        List<Run> runs = runs();
        List<Run> abandoned = runs.stream().filter(r -> r.error() != null && r.error().startsWith("abandoned")).toList();
        assertThat(abandoned).as(runs.toString()).hasSize(1);
        assertThat(runs).as("the abandoned fire ran again").anyMatch(r -> r.id() > abandoned.get(0).id()
                && r.firedAt().equals(abandoned.get(0).firedAt()) && r.status().equals("SUCCEEDED"));
        assertThat(runs).allMatch(r -> r.trigger().equals("SCHEDULE") && r.firedAt() != null);
        Map<Instant, Integer> perFire = new HashMap<>();
        runs.stream().filter(r -> !abandoned.contains(r)).forEach(r -> perFire.merge(r.firedAt(), 1, Integer::sum));
        assertThat(perFire).as("runs per fire time").allSatisfy((fire, n) -> assertThat(n).isEqualTo(1));
        assertNoOverlap(runs);
    }

    @Test
    @Order(2)
    void editedSchedule_replacesTheTrigger() throws Exception {
        Path secret = MAPPINGS.resolveSibling("acme.secret");
        Files.writeString(FILE, mapping(secret, null).replace("0 0 3 * * ?", "0 30 4 * * ?")
                + "timeZone: Europe/Berlin\n");

        survivor.getBean(TenantScheduler.class).reconcile();

        CronTrigger trigger = (CronTrigger) scheduler(survivor).getTrigger(TenantJobs.triggerKey("acme", SyncMode.DELTA));
        assertThat(scheduler(survivor).getTrigger(TenantJobs.triggerKey("acme", SyncMode.FULL))).isNull();
        assertThat(trigger.getCronExpression()).isEqualTo("0 30 4 * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        var tenant = api(survivor).get("/api/tenants").json().get("content").get(0);
        Instant next = Instant.parse(tenant.get("nextFireTime").asString());
        assertThat(next).isEqualTo(trigger.getNextFireTime().toInstant()).isAfter(Instant.now());
        assertThat(tenant.get("lastRun").get("status").asString()).isIn("SUCCEEDED", "RUNNING");
    }

    @Test
    @Order(3)
    void removedMapping_deletesTheJob() throws Exception {
        Files.delete(FILE);

        survivor.getBean(TenantScheduler.class).reconcile();

        assertThat(scheduler(survivor).checkExists(TenantJobs.jobKey("acme"))).isFalse();
        assertThat(api(survivor).get("/api/tenants").json().get("content")).isEmpty();
    }

    // ---- helpers ----

    record Run(long id, String status, String trigger, Instant firedAt, Instant startedAt, Instant finishedAt,
               String error) {
    }

    static void assertNoOverlap(List<Run> runs) {
        Run previous = null;
        for (Run run : runs) {
            if (previous != null) {
                assertThat(previous.finishedAt()).as("run %d ended before run %d started", previous.id(), run.id())
                        .isNotNull().isBeforeOrEqualTo(run.startedAt());
            }
            previous = run;
        }
    }

    static boolean executing(ConfigurableApplicationContext context) {
        try {
            return context.isActive() && !scheduler(context).getCurrentlyExecutingJobs().isEmpty();
        } catch (SchedulerException e) {
            return false;
        }
    }

    static Scheduler scheduler(ConfigurableApplicationContext context) {
        return context.getBean(Scheduler.class);
    }

    static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    static long succeededSince(Instant since) {
        try (Connection c = connect(); var s = c.prepareStatement(
                "select count(*) from sync_run where status = 'SUCCEEDED' and started_at > ?")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Run> runs() throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select id, status, run_trigger, fired_at, started_at, finished_at, error from sync_run "
                        + "where finished_at is not null order by started_at")) {
            while (rs.next()) {
                runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                        instant(rs, 6), rs.getString(7)));
            }
        }
        return runs;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(database, "postgres", "postgres");
    }

    static void awaitThat(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
