package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A release is reversible, told as an admin's story against the whole service on PostgreSQL (real Quartz schedules,
 * WireMock Graph, real MSAL and Graph clients): the tenant's file is removed, its accounts are released (recorded in
 * the change log), the directory changes meanwhile, the file comes back with a schedule, and the scheduled runs
 * re-link every released account by directory id — also one whose email changed — and deactivate, through the
 * guard, the ones whose users are gone; a manual deactivation stands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.schedule.reconcile-interval=500ms",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseRelinkPostgresTest {

    static final String TENANT = "acme";
    static final String NEVER = "0 0 3 1 1 ? 2099";
    static final FakeDirectory graph = new FakeDirectory(3);
    static final Path MAPPINGS = Path.of("target", "release-relink", "mappings");
    /** Account id per directory user id, as first synced. */
    static final Map<String, Long> accounts = new HashMap<>();
    static long releaseRun;

    @LocalServerPort
    int port;

    ApiClient api;

    static void writeMapping(String schedule) {
        graph.writeMapping(MAPPINGS, TENANT, schedule, """
                scope: { groups: [Helpdesk Users] }
                sites:
                  - { default: HQ }
                safety: { maxDeactivations: 3, maxDeactivationPercent: 50 }
                """);
    }

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) throws IOException {
        if (Files.isDirectory(MAPPINGS)) {
            try (var files = Files.list(MAPPINGS)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        graph.group("g-helpdesk", "Helpdesk Users");
        for (int i = 1; i <= 6; i++) {
            graph.user("u" + i, person("User", "Number" + i, "user" + i + "@acme.org", null)).member("g-helpdesk", "u" + i);
        }
        graph.publish();
        writeMapping(NEVER);
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    JsonNode user(String externalId) {
        return api.get("/api/users/" + accounts.get(externalId)).json();
    }

    @Test
    @Order(1)
    void firstFullSync_createsTheAccounts_andAnAdminDeactivatesOne() {
        JsonNode run = api.syncAndWait(TENANT, "FULL", false);

        assertThat(run.get("counts").get("created").asInt()).as(run.toString()).isEqualTo(6);
        for (JsonNode user : api.get("/api/users?tenant=" + TENANT + "&size=50").json().get("content")) {
            accounts.put(user.get("externalId").asString(), user.get("id").asLong());
        }
        assertThat(api.post("/api/users/" + accounts.get("u6") + "/deactivate", "").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void releaseOfTheOrphanedTenant_answersItsCounts_keepsTheFormerLink_andIsInTheChangeLog() throws IOException {
        Files.delete(MAPPINGS.resolve(TENANT + ".yaml"));

        var released = api.post("/api/tenants/orphaned/" + TENANT + "/release", "{}");

        assertThat(released.status()).as(released.body()).isEqualTo(200);
        JsonNode answer = released.json();
        assertThat(answer.get("accounts").asLong()).isEqualTo(6);
        assertThat(answer.get("activeAccounts").asLong()).isEqualTo(5);
        assertThat(answer.get("inactiveAccounts").asLong()).isEqualTo(1);
        releaseRun = answer.get("runId").asLong();
        JsonNode run = api.get("/api/sync-runs/" + releaseRun).json();
        assertThat(run.get("trigger").asString()).isEqualTo("RELEASE");
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("updated").asInt()).isEqualTo(6);
        JsonNode changes = api.get("/api/sync-runs/" + releaseRun + "/changes?kind=RELEASE&size=50").json()
                .get("content");
        assertThat(changes).hasSize(6);
        assertThat(changes.get(0).get("reason").asString()).startsWith("released from tenant 'acme'");
        JsonNode one = user("u1");
        assertThat(one.get("tenant").isNull()).isTrue();
        assertThat(one.get("externalId").isNull()).isTrue();
        assertThat(one.get("releasedFrom").asString()).isEqualTo(TENANT);
        assertThat(one.get("releasedExternalId").asString()).isEqualTo("u1");
        assertThat(api.get("/api/tenants/orphaned").json()).isEmpty();
    }

    @Test
    @Order(3)
    void whenTheMappingComesBack_scheduledRunsReLinkByDirectoryId_andDeactivateTheGoneThroughTheGuard() {
        // meanwhile in the directory: one user deleted, one disabled, one with a new email, one joiner
        graph.delete("u2").set("u3", "accountEnabled", false).set("u4", "mail", "renamed4@acme.org")
                .set("u4", "userPrincipalName", "renamed4@acme.org")
                .user("u7", person("User", "Number7", "user7@acme.org", null)).member("g-helpdesk", "u7");
        graph.publish();
        long before = api.newestRunId(TENANT);

        writeMapping("*/2 * * * * ?");
        JsonNode first = api.awaitScheduledRuns(TENANT, before, 1, Duration.ofSeconds(60)).get(0);
        graph.publish(); // the fake serves a delta from the newest deltaLink once it is published again
        List<JsonNode> later = api.awaitScheduledRuns(TENANT, first.get("id").asLong(), 2, Duration.ofSeconds(60));
        writeMapping(NEVER);

        assertThat(first.get("trigger").asString()).isEqualTo("SCHEDULE");
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("mode").asString()).as("a re-link reads in full").isEqualTo("FULL");
        JsonNode counts = first.get("counts");
        assertThat(counts.get("linked").asInt()).as(first.toString()).isEqualTo(6);
        assertThat(counts.get("created").asInt()).as("only the joiner is new").isEqualTo(1);
        assertThat(counts.get("deactivated").asInt()).as("the deleted and the disabled user").isEqualTo(2);
        JsonNode links = api.get("/api/sync-runs/" + first.get("id").asLong() + "/changes?kind=LINK&size=50").json()
                .get("content");
        assertThat(links.get(0).get("reason").asString()).startsWith("re-linked by directory id");
        for (JsonNode next : later) {
            assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
            assertThat(next.get("counts").get("linked").asInt()).isZero();
            assertThat(next.get("counts").get("deactivated").asInt()).isZero();
        }
        for (String id : List.of("u1", "u2", "u3", "u4", "u5", "u6")) {
            JsonNode account = user(id);
            assertThat(account.get("tenant").asString()).as(id).isEqualTo(TENANT);
            assertThat(account.get("externalId").asString()).as(id).isEqualTo(id);
            assertThat(account.get("releasedFrom").isNull()).as(id).isTrue();
        }
        assertThat(user("u1").get("active").asBoolean()).isTrue();
        assertThat(user("u2").get("active").asBoolean()).isFalse();
        assertThat(user("u2").get("deactivationReason").asString()).isEqualTo("NOT_FOUND_IN_FULL_SYNC");
        assertThat(user("u3").get("deactivationReason").asString()).isEqualTo("DISABLED");
        assertThat(user("u4").get("email").asString()).as("hard match, not email").isEqualTo("renamed4@acme.org");
        assertThat(user("u6").get("active").asBoolean()).as("the admin's deactivation stands").isFalse();
        assertThat(user("u6").get("deactivationReason").asString()).isEqualTo("MANUAL");
        assertThat(api.get("/api/users?tenant=" + TENANT + "&size=1").json().get("page").get("totalElements").asLong())
                .as("no duplicate account").isEqualTo(7);
    }
}
