package io.entrasync.sync;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link TenantHoldScenario} on PostgreSQL, and the hold's two edges with a running run: a decision made while a run
 * of the tenant is running, and a replica that dies between recording the hold and ending its run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.schedule.reconcile-interval=500ms",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class TenantHoldPostgresTest extends TenantHoldScenario {

    static final FakeDirectory graph = new FakeDirectory(3);
    static final Path MAPPINGS = Path.of("target", "hold-postgres", "mappings");

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        seed(graph);
        writeMapping(graph, MAPPINGS, "Helpdesk Users", NEVER, SAFETY);
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    @Order(20)
    void aReleaseOrRejectWhileAHeldRunIsRunning_answers409_andIsNeverUndoneByThatRun() {
        graph.removeMember("g-admins", "u1");
        graph.publish();
        JsonNode blocked = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");

        JsonNode held;
        graph.wireMock().setGlobalFixedDelay(1_500);
        try {
            var started = api.post("/api/tenants/" + TENANT + "/sync", "{\"mode\":\"DELTA\"}");
            assertThat(started.status()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!api.get(started.header("Location")).json().get("status").asString().equals("RUNNING")
                    && System.nanoTime() < deadline) {
                sleep(50);
            }
            var release = api.post("/api/tenants/" + TENANT + "/hold/release", "");
            var reject = api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/reject", "");

            assertThat(release.status()).as(release.body()).isEqualTo(409);
            assertThat(release.json().get("detail").asString()).contains("is running", "cannot be released");
            assertThat(reject.status()).as(reject.body()).isEqualTo(409);
            held = api.awaitRun(started.header("Location"), Duration.ofMinutes(1));
        } finally {
            graph.wireMock().setGlobalFixedDelay(0);
        }

        assertThat(held.get("status").asString()).as(held.toString()).isEqualTo("BLOCKED");
        assertThat(tenant().get("hold").get("latestRunId").asLong()).isEqualTo(held.get("id").asLong());
        assertThat(api.post("/api/tenants/" + TENANT + "/hold/release", "").status()).isEqualTo(204);
        JsonNode after = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(after.get("status").asString()).as("the released hold stays released; the guard judges")
                .isEqualTo("BLOCKED");
        assertThat(tenant().get("hold").get("firstRunId").asLong()).isEqualTo(after.get("id").asLong());
    }

    @Test
    @Order(21)
    void aBlockedRunsEnd_andTheHoldItRecords_commitTogether() {
        long latest = tenant().get("hold").get("latestRunId").asLong();
        // the run's end fails after its hold was written (as when its replica dies in between)
        jdbc.execute("create or replace function refuse_blocked_end() returns trigger as $$ begin "
                + "if new.status = 'BLOCKED' then raise exception 'the replica stopped before the run ended'; end if; "
                + "return new; end $$ language plpgsql");
        jdbc.execute("create trigger refuse_blocked_end before update on sync_run for each row "
                + "execute function refuse_blocked_end()");
        JsonNode failed;
        try {
            failed = api.syncAndWait(TENANT, "DELTA", false);
        } finally {
            jdbc.execute("drop trigger refuse_blocked_end on sync_run");
            jdbc.execute("drop function refuse_blocked_end()");
        }

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("hold could not be recorded");
        assertThat(tenant().get("hold").get("latestRunId").asLong()).as("the hold still names a BLOCKED run")
                .isEqualTo(latest);
        assertThat(api.get("/api/sync-runs/" + latest).json().get("status").asString()).isEqualTo("BLOCKED");
        JsonNode approved = approveAndWait(latest);
        assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("SUCCEEDED");
        assertThat(activeAccounts()).isZero();
    }

    @Override
    FakeDirectory graph() {
        return graph;
    }

    @Override
    Path mappings() {
        return MAPPINGS;
    }
}
