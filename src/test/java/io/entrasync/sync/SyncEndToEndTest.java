package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service against a real PostgreSQL and a WireMock Graph (real MSAL and Graph clients): one tenant's
 * story told as ordered steps, each asserting the run's counts and the resulting accounts.
 */
@GraphEndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-sync", "mappings");
    static final Map<String, Long> accounts = new HashMap<>();

    @LocalServerPort
    int port;

    ApiClient api;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    mainSiteUsers: { group: Site Admins }
                    safety: { maxDeactivations: 2, maxDeactivationPercent: 60 }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    JsonNode sync(String mode, boolean dryRun) {
        return api.syncAndWait("contoso", mode, dryRun);
    }

    JsonNode await(String location) {
        return api.awaitRun(location, java.time.Duration.ofMinutes(1));
    }

    static void assertCounts(JsonNode run, String expected) {
        JsonNode c = run.get("counts");
        String actual = "created=" + c.get("created") + " updated=" + c.get("updated") + " linked=" + c.get("linked")
                + " moved=" + c.get("moved") + " deactivated=" + c.get("deactivated") + " reactivated="
                + c.get("reactivated") + " skipped=" + c.get("skipped") + " failed=" + c.get("failed");
        assertThat(actual).as(run.toString()).isEqualTo(expected);
    }

    JsonNode account(String externalId) {
        var found = api.get("/api/users?tenant=contoso&size=500").json().get("content");
        for (JsonNode user : found) {
            if (externalId.equals(user.get("externalId").asString(null))) {
                return user;
            }
        }
        return null;
    }

    String siteName(JsonNode user) {
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("id").asLong() == user.get("siteId").asLong()) {
                return site.get("name").asString();
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void firstFullSync_createsLinksAndSkips() {
        JsonNode mail = api.post("/api/inbound-email", "{\"from\":\"eve.adams@contoso.org\",\"subject\":\"VPN\"}").json();
        // no site takes contoso.org yet: the mail waits; assigned to a new site, it creates the WEAK account
        assertThat(mail.get("outcome").asString()).as(mail.toString()).isEqualTo("UNASSIGNED");
        long site = api.post("/api/sites", "{\"name\":\"Inbox\",\"emailDomains\":[\"contoso.org\"]}").json().get("id").asLong();
        var weak = api.post("/api/inbound-email/" + mail.get("messageId").asLong() + "/assign", "{\"siteId\":" + site + "}");
        assertThat(weak.status()).as(weak.body()).isEqualTo(200);
        long weakId = weak.json().get("userId").asLong();
        accounts.put("weak-eve", weakId);
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").group("g-admins", "Site Admins")
                .member("g-helpdesk", "g-berlin")
                .user("u1", person("Alice", "Berg", "alice@contoso.org", "IT")).member("g-berlin", "u1").member("g-admins", "u1")
                .user("u2", person("Bob", "Hill", "bob@contoso.org", null)).member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@contoso.org", "Sales")).member("g-helpdesk", "u3")
                .user("u4", person("Dave", "Out", "dave@contoso.org", null))
                .user("u5", person("Eve", "Adams", "EVE.ADAMS@contoso.org", null)).member("g-helpdesk", "u5")
                .user("u6", person("Frank", "Off", "frank@contoso.org", null)).set("u6", "accountEnabled", false)
                .member("g-helpdesk", "u6")
                .user("u7", person("Gil", "One", "dup@contoso.org", null)).member("g-helpdesk", "u7")
                .user("u8", person("Gil", "Two", "dup@contoso.org", null)).member("g-helpdesk", "u8");
        graph.publish();

        JsonNode run = sync("FULL", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertCounts(run, "created=3 updated=0 linked=1 moved=0 deactivated=0 reactivated=0 skipped=2 failed=0");
        JsonNode alice = account("u1");
        long[] created = {alice.get("id").asLong(), account("u2").get("id").asLong(), account("u3").get("id").asLong()};
        assertThat(java.util.Arrays.stream(created).max().getAsLong() - java.util.Arrays.stream(created).min().getAsLong())
                .as("ids of one run's new accounts follow each other").isEqualTo(2);
        assertThat(siteName(alice)).isEqualTo("Berlin");
        assertThat(alice.get("mainSiteUser").asBoolean()).isTrue();
        assertThat(alice.get("association").asString()).isEqualTo("STRONG");
        assertThat(siteName(account("u2"))).isEqualTo("HQ");
        assertThat(account("u4")).isNull();
        assertThat(account("u6")).isNull();
        JsonNode eve = account("u5");
        assertThat(eve.get("id").asLong()).isEqualTo(weakId);
        assertThat(eve.get("association").asString()).isEqualTo("STRONG");
        assertThat(eve.get("firstName").asString() + " " + eve.get("lastName").asString()).isEqualTo("Eve Adams");
        assertThat(api.get("/api/users/" + weakId + "/tickets").json()).hasSize(1);
        var skipped = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=SKIP").json().get("content");
        assertThat(skipped).hasSize(2);
        assertThat(skipped.get(0).get("reason").asString()).startsWith("EMAIL_CONFLICT");
    }

    @Test
    @Order(2)
    void delta_updatesMovesAndDeactivatesASoftDeletedUserKeepingTickets() {
        graph.set("u2", "jobTitle", "Plumber").member("g-berlin", "u3").softDelete("u5");
        graph.publish();

        JsonNode run = sync("DELTA", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("mode").asString()).isEqualTo("DELTA");
        assertCounts(run, "created=0 updated=1 linked=0 moved=1 deactivated=1 reactivated=0 skipped=0 failed=0");
        assertThat(account("u2").get("jobTitle").asString()).isEqualTo("Plumber");
        assertThat(siteName(account("u3"))).isEqualTo("Berlin");
        JsonNode eve = account("u5");
        assertThat(eve.get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/users/" + eve.get("id").asLong() + "/tickets").json()).hasSize(1);
        var refused = api.post("/api/tickets", "{\"userId\":" + eve.get("id").asLong() + ",\"subject\":\"again\"}");
        assertThat(refused.status()).isEqualTo(409);
        var deactivation = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=DEACTIVATE").json()
                .get("content").get(0);
        assertThat(deactivation.get("openTickets").asInt()).isEqualTo(1);
        assertThat(deactivation.get("reason").asString()).isEqualTo("SOFT_DELETED");
        assertThat(deactivation.get("email").asString()).isEqualToIgnoringCase("eve.adams@contoso.org");
        assertThat(deactivation.get("name").asString()).isEqualTo("Eve Adams");
        JsonNode update = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=UPDATE").json()
                .get("content").get(0);
        assertThat(update.get("diffs").isArray()).as("diffs is JSON, not a string: " + update).isTrue();
        assertThat(update.get("diffs").get(0).get("field").asString()).isEqualTo("JOB_TITLE");
        assertThat(update.get("diffs").get(0).get("after").asString()).isEqualTo("Plumber");
    }

    @Test
    @Order(3)
    void nothingChanged_deltaAndFullAreNoOps() {
        JsonNode delta = sync("DELTA", false);
        JsonNode full = sync("FULL", false);

        assertCounts(delta, "created=0 updated=0 linked=0 moved=0 deactivated=0 reactivated=0 skipped=0 failed=0");
        assertCounts(full, "created=0 updated=0 linked=0 moved=0 deactivated=0 reactivated=0 skipped=2 failed=0");
    }

    @Test
    @Order(4)
    void restoreReactivates_hardDeleteDeactivates() {
        graph.restore("u5").delete("u2");
        graph.publish();

        JsonNode run = sync("DELTA", false);

        assertCounts(run, "created=0 updated=0 linked=0 moved=0 deactivated=1 reactivated=1 skipped=0 failed=0");
        assertThat(account("u5").get("active").asBoolean()).isTrue();
        assertThat(account("u2").get("active").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void dryRun_reportsButAppliesNothing() {
        graph.set("u3", "jobTitle", "Chief");
        graph.publish();

        JsonNode run = sync("DELTA", true);

        assertThat(run.get("dryRun").asBoolean()).isTrue();
        assertCounts(run, "created=0 updated=1 linked=0 moved=0 deactivated=0 reactivated=0 skipped=0 failed=0");
        assertThat(account("u3").get("jobTitle").isNull()).isTrue();
        assertThat(api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes").json().get("content")).hasSize(1);

        JsonNode real = sync("DELTA", false);

        assertCounts(real, "created=0 updated=1 linked=0 moved=0 deactivated=0 reactivated=0 skipped=0 failed=0");
        assertThat(account("u3").get("jobTitle").asString()).isEqualTo("Chief");
    }

    @Test
    @Order(6)
    void tooManyDeactivations_blockUntilApproved() {
        graph.removeMember("g-helpdesk", "g-berlin").removeMember("g-helpdesk", "u5");
        graph.publish();

        JsonNode blocked = sync("DELTA", false);

        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");
        assertThat(blocked.get("counts").get("deactivated").asInt()).isEqualTo(2);
        assertThat(blocked.get("error").asString()).contains("run would deactivate 2 of 3 active accounts");
        assertThat(account("u1").get("active").asBoolean()).isTrue();
        assertThat(account("u5").get("active").asBoolean()).isTrue();
        var planned = api.get("/api/sync-runs/" + blocked.get("id").asLong() + "/changes?kind=DEACTIVATE").json();
        assertThat(planned.get("content")).hasSize(2);
        assertThat(planned.get("content").toString()).contains("\"mainSiteUser\":true");

        var approval = api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/approve", "");
        assertThat(approval.status()).isEqualTo(202);
        JsonNode approved = await(approval.header("Location"));

        assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("SUCCEEDED");
        assertThat(approved.get("trigger").asString()).isEqualTo("APPROVAL");
        assertThat(approved.get("counts").get("deactivated").asInt()).isEqualTo(2);
        assertThat(account("u1").get("active").asBoolean()).isFalse();
        assertThat(account("u3").get("active").asBoolean()).as("still in scope through its direct membership").isTrue();
        assertThat(api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/approve", "").status()).isEqualTo(409);
    }

    @Test
    @Order(7)
    void expiredDeltaLink_turnsIntoAFullRun() {
        graph.member("g-helpdesk", "g-berlin").member("g-helpdesk", "u5").expireDeltaLinks();
        graph.publish();

        JsonNode run = sync("DELTA", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("resync").asBoolean()).isTrue();
        assertThat(run.get("mode").asString()).isEqualTo("FULL");
        assertThat(run.get("counts").get("reactivated").asInt()).isEqualTo(2);
    }

    @Test
    @Order(8)
    void failedRun_keepsTheDeltaLink_andTheNextRunConverges() {
        graph.set("u1", "jobTitle", "Lead").user("u9", person("Ivy", "New", "ivy@contoso.org", null)).member("g-helpdesk", "u9");
        graph.publish();
        graph.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/users/delta")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));

        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                SyncService.class);
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        JsonNode failed;
        try {
            failed = sync("DELTA", false);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(appender.list).as("a FAILED run is a WARN naming tenant and error")
                .anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                        && e.getFormattedMessage().contains("tenant 'contoso' FAILED: ")
                        && e.getFormattedMessage().contains(failed.get("error").asString()));
        assertThat(failed.get("error").asString()).contains("contoso");
        assertThat(account("u9")).isNull();

        graph.publish();
        JsonNode next = sync("DELTA", false);

        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertCounts(next, "created=1 updated=1 linked=0 moved=0 deactivated=0 reactivated=0 skipped=0 failed=0");
        assertThat(api.get("/api/users?email=ivy@contoso.org").json().get("content")).hasSize(1);
    }

    @Test
    @Order(9)
    void activeRunOfATenant_answers409_unknownTenant404() {
        assertThat(api.post("/api/tenants/nope/sync", "{}").status()).isEqualTo(404);
        assertThat(api.get("/api/sync-runs?tenant=contoso").json().size()).isGreaterThan(5);
        var explain = api.get("/api/users/" + account("u1").get("id").asLong() + "/explain").json();
        assertThat(explain.get("outcome").asString()).isEqualTo("IN_SCOPE");
        assertThat(explain.get("groups").toString()).contains("Berlin Office");
    }

    @Test
    @Order(11)
    void disabledInTheDirectory_isDeactivatedWithThatReason() {
        graph.set("u9", "accountEnabled", false);
        graph.publish();

        JsonNode run = sync("DELTA", false);

        assertCounts(run, "created=0 updated=0 linked=0 moved=0 deactivated=1 reactivated=0 skipped=0 failed=0");
        assertThat(api.get("/api/users?email=ivy@contoso.org").json().get("content").get(0).get("active").asBoolean())
                .isFalse();
        var change = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=DEACTIVATE").json()
                .get("content").get(0);
        assertThat(change.get("reason").asString()).isEqualTo("DISABLED");
    }

    @Test
    @Order(10)
    void runsAreMeasuredForPrometheus_andReadinessChecksTheDatabase() {
        String metrics = api.get("/actuator/prometheus").body();

        assertThat(metrics).contains("entrasync_sync_runs_total{mode=\"DELTA\",status=\"SUCCEEDED\",tenant=\"contoso\"}");
        assertThat(metrics).contains("entrasync_sync_runs_total{mode=\"DELTA\",status=\"BLOCKED\",tenant=\"contoso\"}");
        assertThat(metrics).contains("entrasync_sync_users_changed_total{kind=\"created\",tenant=\"contoso\"}");
        assertThat(metrics).contains("entrasync_sync_last_success_seconds{tenant=\"contoso\"}");
        assertThat(metrics).contains("entrasync_graph_responses_total{kind=\"pages\",tenant=\"contoso\"}");
        var readiness = new ApiClient(port, null).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
    }
}
