package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FleetFixture;
import io.entrasync.support.FleetFixture.Run;
import io.entrasync.support.RequestStatements;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * {@code GET /api/tenants} as the fleet view: states judged from the run history, holds and notification errors;
 * filter, search, sort, paging and the summary over the whole fleet; a fixed number of statements per page whatever
 * the fleet's size; and the cross-tenant list of failed runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.fleet.failing-after=3",
        "entra-sync.fleet.stale-after=24h"
})
@Import(RequestStatements.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class FleetApiTest {

    static final Path MAPPINGS = Path.of("target", "fleet-api", "mappings");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MappingRegistry registry;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        FleetFixture.writeTenants(MAPPINGS, 12);
        FleetFixture.writeInvalid(MAPPINGS, "broken");
        registry.add("entra-sync.mappings-dir", MAPPINGS::toString);
    }

    /**
     * tenant-0001 ok; 0002 failed three times in a row after a success (failing); 0003 failed twice (ok); 0004 held;
     * 0005 never ran (never-synced); 0006 succeeded 30 h ago (stale); 0007 a notification error
     * (notifications-broken); 0008 failed three times, then succeeded (ok); 0009–0012 ok; broken.yaml invalid.
     */
    @BeforeEach
    void fleet() {
        api = new ApiClient(port);
        FleetFixture.writeTenants(MAPPINGS, 12);
        FleetFixture.writeInvalid(MAPPINGS, "broken");
        registry.refresh();
        FleetFixture.clear(jdbc);
        jdbc.update("delete from notification_tenant_error");
        Instant now = Instant.now();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Run> runs = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            if (n != 5 && n != 6) {
                runs.add(Run.succeeded(FleetFixture.key(n), now.minus(Duration.ofHours(3))));
            }
        }
        runs.add(Run.succeeded("tenant-0006", now.minus(Duration.ofHours(30))));
        for (int i = 0; i < 3; i++) {
            runs.add(Run.failed("tenant-0002", hourAgo));
            runs.add(Run.failed("tenant-0008", hourAgo));
        }
        runs.add(Run.failed("tenant-0003", hourAgo));
        runs.add(Run.failed("tenant-0003", hourAgo));
        runs.add(Run.blocked("tenant-0004", hourAgo));
        runs.add(Run.succeeded("tenant-0008", now));
        FleetFixture.insert(jdbc, runs);
        FleetFixture.hold(jdbc, "tenant-0004");
        jdbc.update("insert into notification_tenant_error (tenant, error, error_at) values (?, ?, ?)", "tenant-0007",
                "subscription refused: the notification URL did not answer", Timestamp.from(now));
    }

    @Test
    void states_areJudgedFromHistoryHoldsAndNotifications() {
        JsonNode page = ok("/api/tenants?size=100");

        assertThat(stateOf(page, "tenant-0001")).isEqualTo("ok");
        assertThat(stateOf(page, "tenant-0002")).isEqualTo("failing");
        assertThat(stateOf(page, "tenant-0003")).as("two failures are not yet failing").isEqualTo("ok");
        assertThat(stateOf(page, "tenant-0004")).isEqualTo("held");
        assertThat(stateOf(page, "tenant-0005")).isEqualTo("never-synced");
        assertThat(stateOf(page, "tenant-0006")).isEqualTo("stale");
        assertThat(stateOf(page, "tenant-0007")).isEqualTo("notifications-broken");
        assertThat(stateOf(page, "tenant-0008")).as("a success ends the series").isEqualTo("ok");
        assertThat(stateOf(page, "broken")).isEqualTo("invalid");
        JsonNode failing = row(page, "tenant-0002");
        assertThat(failing.get("failuresInRow").asInt()).isEqualTo(3);
        assertThat(failing.get("lastRun").get("status").asString()).isEqualTo("FAILED");
        assertThat(failing.get("lastSuccessAt").isNull()).isFalse();
        JsonNode held = row(page, "tenant-0004");
        assertThat(held.get("hold").get("state").asString()).isEqualTo("PENDING");
        assertThat(held.get("hold").get("pendingDeactivations").asInt()).isEqualTo(40);
        assertThat(held.get("nextFireTime").isNull()).as("its yearly trigger is scheduled").isFalse();

        JsonNode summary = page.get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(13);
        assertThat(summary.get("ok").asInt()).isEqualTo(7);
        assertThat(summary.get("needs-attention").asInt()).isEqualTo(6);
        for (String state : List.of("held", "failing", "invalid", "notifications-broken", "never-synced", "stale")) {
            assertThat(summary.get(state).asInt()).as(state).isEqualTo(1);
        }
    }

    /**
     * {@code mappingChanged} reads the one record of the applied mapping ({@code tenant_applied_mapping}), not the
     * runs' hashes, and says what the next run does: differs from the record → re-evaluates; no record but applied
     * runs (from before V13) → re-evaluates once; never applied → false.
     */
    @Test
    void mappingChanged_comparesTheFileWithTheRecordedAppliedMapping() {
        String current = registry.all().stream().filter(file -> "tenant-0001".equals(file.tenant())).findFirst()
                .orElseThrow().validMapping().orElseThrow().contentHash();
        long run = jdbc.queryForObject("select max(id) from sync_run where tenant = 'tenant-0001'", Long.class);
        // the runs' own hash says "changed"; the record, which the run reads, says "the same"
        jdbc.update("update sync_run set mapping_hash = 'older' where tenant in ('tenant-0001', 'tenant-0003')");
        jdbc.update("insert into tenant_applied_mapping (tenant, run_id, mapping_hash, settings) values (?, ?, ?, '{}')",
                "tenant-0001", run, current);
        jdbc.update("update sync_run set mapping_hash = ? where tenant = 'tenant-0009'", current);
        jdbc.update("insert into tenant_applied_mapping (tenant, run_id, mapping_hash, settings) values (?, ?, ?, '{}')",
                "tenant-0009", run, "older");

        JsonNode page = ok("/api/tenants?size=100");

        assertThat(row(page, "tenant-0001").get("mappingChanged").asBoolean()).as("recorded: the same").isFalse();
        assertThat(row(page, "tenant-0009").get("mappingChanged").asBoolean()).as("recorded: another").isTrue();
        assertThat(row(page, "tenant-0003").get("mappingChanged").asBoolean()).as("applied before V13, no record")
                .isTrue();
        assertThat(row(page, "tenant-0005").get("mappingChanged").asBoolean()).as("never applied").isFalse();
        assertThat(row(page, "broken").get("mappingChanged").asBoolean()).as("an invalid file").isFalse();
        assertThat(ok("/api/tenants/tenant-0009").get("mappingChanged").asBoolean()).as("one tenant alike").isTrue();
    }

    @Test
    void filters_searchAndSummaryOfTheWholeFleet() {
        JsonNode attention = ok("/api/tenants?state=needs-attention");
        assertThat(keys(attention)).containsExactly("broken", "tenant-0002", "tenant-0004", "tenant-0005",
                "tenant-0006", "tenant-0007");
        assertThat(attention.get("page").get("totalElements").asInt()).isEqualTo(6);
        assertThat(attention.get("summary").get("total").asInt()).as("the summary ignores the filter").isEqualTo(13);

        assertThat(keys(ok("/api/tenants?state=held"))).containsExactly("tenant-0004");
        assertThat(keys(ok("/api/tenants?state=ok&q=000"))).hasSize(7);
        assertThat(keys(ok("/api/tenants?q=TENANT-0012"))).containsExactly("tenant-0012");
        assertThat(keys(ok("/api/tenants?q=000000000011"))).as("tenantId").containsExactly("tenant-0011");
        assertThat(keys(ok("/api/tenants?q=broken.yaml"))).as("file name").containsExactly("broken");
    }

    @Test
    void sortAndPaging() {
        JsonNode first = ok("/api/tenants?sort=state&size=4");
        assertThat(keys(first)).containsExactly("broken", "tenant-0004", "tenant-0002", "tenant-0007");
        assertThat(first.get("page").get("totalPages").asInt()).isEqualTo(4);
        assertThat(keys(ok("/api/tenants?sort=state&size=4&page=3"))).containsExactly("tenant-0012");
        assertThat(keys(ok("/api/tenants?sort=state&size=4&page=9"))).isEmpty();

        assertThat(keys(ok("/api/tenants?sort=tenant,desc&size=2"))).containsExactly("tenant-0012", "tenant-0011");
        assertThat(keys(ok("/api/tenants?sort=lastSuccess&size=2"))).as("oldest success first")
                .containsExactly("tenant-0006", "tenant-0001");
        assertThat(keys(ok("/api/tenants?sort=lastRun,desc&size=1"))).containsExactly("tenant-0008");
        JsonNode byLastRun = ok("/api/tenants?sort=lastRun&size=100");
        assertThat(keys(byLastRun).subList(11, 13)).as("never run last").containsExactlyInAnyOrder("broken",
                "tenant-0005");
        assertThat(ok("/api/tenants?sort=nextFire").get("content").size()).isEqualTo(13);
    }

    @Test
    void badParameters_nameTheField() {
        for (String[] bad : new String[][]{{"state=sleepy", "state"}, {"sort=colour", "sort"},
                {"sort=tenant,up", "sort"}, {"size=0", "size"}, {"size=501", "size"}, {"page=-1", "page"}}) {
            var answer = api.get("/api/tenants?" + bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        var status = api.get("/api/sync-runs?status=SLEEPY");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("field").asString()).isEqualTo("status");
    }

    /** Every paged or bounded list answers a size, limit or page out of range with a 400 naming it, never a cap. */
    @Test
    void everyList_refusesAnOutOfRangeSizeOrLimit_namingIt() {
        long run = jdbc.queryForObject("select max(id) from sync_run", Long.class);
        long unique = System.nanoTime();
        var site = api.post("/api/sites", "{\"name\":\"Paging " + unique + "\",\"emailDomains\":[\"paging" + unique
                + ".example\"]}");
        assertThat(site.status()).as(site.body()).isEqualTo(201);
        long siteId = site.json().get("id").asLong();
        for (String[] bad : new String[][]{{"/api/inbound-email?size=501", "size"}, {"/api/inbound-email?size=0", "size"},
                {"/api/inbound-email?page=-1", "page"}, {"/api/audit?size=501", "size"}, {"/api/audit?page=-1", "page"},
                {"/api/sync-runs/" + run + "/changes?size=1001", "size"},
                {"/api/sync-runs/" + run + "/changes?page=-1", "page"}, {"/api/sync-runs?limit=501", "limit"},
                {"/api/sync-runs?limit=0", "limit"}, {"/api/alerts?limit=501", "limit"},
                {"/api/sites/" + siteId + "/main-user-changes?limit=1001", "limit"}, {"/api/users?size=501", "size"},
                {"/api/users?size=0", "size"}, {"/api/users?page=-1", "page"}}) {
            var answer = api.get(bad[0]);
            assertThat(answer.status()).as(bad[0] + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api.get("/api/inbound-email?size=500").status()).as("the largest size").isEqualTo(200);
        assertThat(ok("/api/sync-runs/" + run + "/changes?size=1000").get("page").get("size").asInt()).isEqualTo(1000);
        assertThat(api.get("/api/sites/" + siteId + "/main-user-changes?limit=1000").status()).isEqualTo(200);
        assertThat(api.get("/api/sync-runs?limit=500").status()).isEqualTo(200);
    }

    @Test
    void failedRuns_acrossTenants() {
        JsonNode failed = ok("/api/sync-runs?status=FAILED&limit=5");
        assertThat(failed.size()).isEqualTo(5);
        for (JsonNode run : failed) {
            assertThat(run.get("status").asString()).isEqualTo("FAILED");
        }
        assertThat(StreamSupport.stream(ok("/api/sync-runs?status=failed&limit=50").spliterator(), false)
                .map(run -> run.get("tenant").asString()).distinct())
                .containsExactlyInAnyOrder("tenant-0002", "tenant-0003", "tenant-0008");
        assertThat(ok("/api/sync-runs?status=FAILED&tenant=tenant-0003").size()).isEqualTo(2);
    }

    @Test
    void onePage_costsTheSameStatements_for12And200Tenants() {
        ok("/api/tenants?size=50"); // warm-up: Hibernate's first query plans
        long small = statementsOf("/api/tenants?size=50");

        FleetFixture.writeTenants(MAPPINGS, 200);
        registry.refresh();
        List<Run> runs = new ArrayList<>();
        for (int n = 1; n <= 200; n++) {
            runs.add(Run.failed(FleetFixture.key(n), Instant.now()));
        }
        FleetFixture.insert(jdbc, runs);
        FleetFixture.hold(jdbc, "tenant-0150");
        long large = statementsOf("/api/tenants?size=50");
        long largeHeld = statementsOf("/api/tenants?state=held&size=50");

        assertThat(small).as("statements of one page").isLessThanOrEqualTo(10);
        assertThat(large).as("200 tenants cost what 13 cost").isEqualTo(small);
        assertThat(largeHeld).isEqualTo(small);
        assertThat(statementsOf("/api/tenants/tenant-0150")).isEqualTo(small);
    }

    private long statementsOf(String path) {
        long before = RequestStatements.count();
        ok(path);
        return RequestStatements.count() - before;
    }

    private JsonNode ok(String path) {
        var answer = api.get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> keys(JsonNode page) {
        return StreamSupport.stream(page.get("content").spliterator(), false).map(t -> t.get("tenant").asString())
                .toList();
    }

    private static JsonNode row(JsonNode page, String tenant) {
        return StreamSupport.stream(page.get("content").spliterator(), false)
                .filter(t -> tenant.equals(t.get("tenant").asString())).findFirst().orElseThrow();
    }

    private static String stateOf(JsonNode page, String tenant) {
        return row(page, tenant).get("state").asString();
    }
}
