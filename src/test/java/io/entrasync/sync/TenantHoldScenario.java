package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The tenant hold, told as one admin's story against the whole service (real Quartz schedules, WireMock Graph, real
 * MSAL and Graph clients): a wrong scope blocks, and however many scheduled deltas fire afterwards nothing is
 * deactivated until the admin approves; approval works after any number of later runs; a rejected hold stays until
 * the mapping changes; a released hold lets the guard judge again. Run on PostgreSQL and on H2 by its subclasses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TenantHoldScenario {

    static final String TENANT = "acme";
    static final String NEVER = "0 0 3 1 1 ? 2099";
    static final String SAFETY = "safety: { maxDeactivations: 3, maxDeactivationPercent: 30 }\n";
    /** At most one deactivation per run (and 40 %). */
    static final String ONE = "safety: { maxDeactivations: 1, maxDeactivationPercent: 40 }\n";
    static final String BODY = """
            sites:
              - { default: HQ }
            mainSiteUsers: { group: Site Admins }
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    abstract FakeDirectory graph();

    abstract Path mappings();

    /** The tenant's mapping file with the given scope group, schedule and safety section. */
    static void writeMapping(FakeDirectory graph, Path mappings, String scopeGroup, String schedule, String safety) {
        graph.writeMapping(mappings, TENANT, schedule, "scope: { groups: [" + scopeGroup + "] }\n" + BODY + safety);
    }

    static void seed(FakeDirectory graph) {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-admins", "Site Admins");
        for (int i = 1; i <= 10; i++) {
            graph.user("u" + i, person("User", "Number" + i, "user" + i + "@acme.org", null)).member("g-helpdesk", "u" + i);
        }
        graph.member("g-admins", "u1").member("g-admins", "u2");
        graph.publish();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    long activeAccounts() {
        return api.get("/api/users?tenant=" + TENANT + "&active=true&size=1").json().get("page").get("totalElements")
                .asLong();
    }

    JsonNode tenant() {
        return api.get("/api/tenants/" + TENANT).json();
    }

    /** The tenant's runs that have ended, oldest first, newer than {@code afterId}. */
    List<JsonNode> endedRunsAfter(long afterId) {
        List<JsonNode> ended = new ArrayList<>();
        for (JsonNode run : api.get("/api/sync-runs?tenant=" + TENANT + "&limit=500").json()) {
            String status = run.get("status").asString();
            if (run.get("id").asLong() > afterId && !status.equals("QUEUED") && !status.equals("RUNNING")) {
                ended.add(0, run);
            }
        }
        return ended;
    }

    long newestRunId() {
        JsonNode runs = api.get("/api/sync-runs?tenant=" + TENANT + "&limit=1").json();
        return runs.isEmpty() ? 0 : runs.get(0).get("id").asLong();
    }

    /** Waits until no run of the tenant is queued or running (scheduled fires included). */
    void awaitIdle() {
        api.awaitIdle(TENANT);
    }

    /** Waits until at least {@code count} scheduled runs newer than {@code afterId} have ended; answers them, oldest first. */
    List<JsonNode> scheduledRunsAfter(long afterId, int count) {
        List<JsonNode> scheduled = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (scheduled.size() < count && System.nanoTime() < deadline) {
            sleep(300);
            scheduled = endedRunsAfter(afterId).stream().filter(r -> r.get("trigger").asString().equals("SCHEDULE"))
                    .toList();
        }
        assertThat(scheduled).as("scheduled runs that fired").hasSizeGreaterThanOrEqualTo(count);
        return scheduled;
    }

    /** Writes the mapping with a schedule that never fires and waits until no run is left. */
    void stopSchedule(String scopeGroup, String safety) {
        writeMapping(graph(), mappings(), scopeGroup, NEVER, safety);
        sleep(2_500);
        awaitIdle();
    }

    JsonNode approveAndWait(long runId) {
        var approval = api.post("/api/sync-runs/" + runId + "/approve", "");
        assertThat(approval.status()).as(approval.body()).isEqualTo(202);
        return api.awaitRun(approval.header("Location"), Duration.ofMinutes(1));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void firstFullSync_createsEveryone() {
        JsonNode run = api.syncAndWait(TENANT, "FULL", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("created").asInt()).isEqualTo(10);
        assertThat(run.get("mappingHash").asString()).hasSize(64);
        assertThat(tenant().get("hold").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void wrongScope_blocksAndScheduledDeltasDeactivateNobody() {
        long before = newestRunId();
        // the directory drifts: a user the old scope keeps, the new one drops, is touched by every delta
        graph().set("u3", "jobTitle", "Plumber").set("u4", "jobTitle", "Baker");
        graph().publish();
        writeMapping(graph(), mappings(), "Site Admins", "*/2 * * * * ?", SAFETY);

        List<JsonNode> scheduled = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (scheduled.size() < 4 && System.nanoTime() < deadline) {
            sleep(300);
            scheduled = endedRunsAfter(before).stream().filter(r -> r.get("trigger").asString().equals("SCHEDULE")).toList();
            assertThat(activeAccounts()).as("no deactivation before an approval").isEqualTo(10);
        }
        writeMapping(graph(), mappings(), "Site Admins", NEVER, SAFETY);
        sleep(2_500);
        awaitIdle();

        assertThat(scheduled).as("scheduled runs that fired").hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode run : endedRunsAfter(before)) {
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("BLOCKED");
        }
        JsonNode first = scheduled.get(0);
        assertThat(first.get("reevaluated").asBoolean()).as("the changed mapping re-evaluates everyone").isTrue();
        assertThat(first.get("counts").get("deactivated").asInt()).isEqualTo(8);
        assertThat(first.get("error").asString()).contains("run would deactivate 8 of 10");
        assertThat(scheduled.get(3).get("error").asString()).contains("is held since run " + first.get("id").asLong());
        assertThat(activeAccounts()).isEqualTo(10);
        JsonNode hold = tenant().get("hold");
        assertThat(hold.get("state").asString()).isEqualTo("PENDING");
        assertThat(hold.get("firstRunId").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(hold.get("latestRunId").asLong()).isEqualTo(newestRunId());
        assertThat(hold.get("pendingDeactivations").asInt()).isEqualTo(8);
        assertThat(hold.has("approvalAllows")).as("no margin: an approval applies what was reviewed").isFalse();
        assertThat(hold.get("mappingChangedSincePlan").asBoolean()).isFalse();
        assertThat(hold.get("mappingChanges").toString()).contains("scope.groups: [Helpdesk Users] → [Site Admins]");
        assertThat(tenant().get("mappingChanged").asBoolean()).isTrue();
        JsonNode manual = api.syncAndWait(TENANT, "FULL", false);
        assertThat(manual.get("status").asString()).as("a manual full of a held tenant").isEqualTo("BLOCKED");
        assertThat(activeAccounts()).isEqualTo(10);
        JsonNode lastRun = tenant().get("lastRun");
        assertThat(lastRun.get("counts").get("deactivated").asInt()).isEqualTo(8);
        assertThat(lastRun.get("applied").asBoolean()).as("a BLOCKED run's counts are planned").isFalse();
        assertThat(lastRun.get("dryRun").asBoolean()).isFalse();
        JsonNode dry = api.syncAndWait(TENANT, "FULL", true);
        assertThat(dry.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(tenant().get("lastRun").get("dryRun").asBoolean()).as("lastRun says it was a dry run").isTrue();
        assertThat(tenant().get("lastRun").get("applied").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void approvalOfTheFirstBlockedRun_worksAfterAnyNumberOfLaterRuns() {
        long first = tenant().get("hold").get("firstRunId").asLong();

        var approval = api.post("/api/sync-runs/" + first + "/approve", "");

        assertThat(approval.status()).as(approval.body()).isEqualTo(202);
        JsonNode approved = api.awaitRun(approval.header("Location"), Duration.ofMinutes(1));
        assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("SUCCEEDED");
        assertThat(approved.get("mode").asString()).as("the hold saw a full read").isEqualTo("FULL");
        assertThat(approved.get("triggeredBy").get("kind").asString()).isEqualTo("admin-token");
        assertThat(approved.get("approvedBy").get(0).get("kind").asString()).as("one approver: the admin token counts")
                .isEqualTo("admin-token");
        assertThat(approved.get("counts").get("deactivated").asInt()).isEqualTo(8);
        assertThat(activeAccounts()).isEqualTo(2);
        assertThat(tenant().get("hold").isNull()).isTrue();
        assertThat(tenant().get("mappingChanged").asBoolean()).isFalse();
        assertThat(api.post("/api/sync-runs/" + first + "/approve", "").status()).isEqualTo(409);
        graph().publish();
        JsonNode next = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(next.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(next.get("reevaluated").asBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void rejectedHold_staysUntilTheMappingChanges() {
        writeMapping(graph(), mappings(), "Helpdesk Users", NEVER, SAFETY);
        graph().publish();
        JsonNode back = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(back.get("status").asString()).as(back.toString()).isEqualTo("SUCCEEDED");
        assertThat(back.get("counts").get("reactivated").asInt()).isEqualTo(8);
        for (int i = 3; i <= 8; i++) {
            graph().removeMember("g-helpdesk", "u" + i);
        }
        graph().publish();
        JsonNode blocked = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");

        var rejected = api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/reject", "");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
        JsonNode still = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(still.get("status").asString()).isEqualTo("BLOCKED");
        assertThat(still.get("error").asString()).contains("was rejected");
        assertThat(api.post("/api/sync-runs/" + still.get("id").asLong() + "/approve", "").status()).isEqualTo(409);
        assertThat(activeAccounts()).isEqualTo(10);

        writeMapping(graph(), mappings(), "Helpdesk Users", NEVER,
                "safety: { maxDeactivations: 10, maxDeactivationPercent: 100 }\n");
        JsonNode after = api.syncAndWait(TENANT, "DELTA", false);

        assertThat(after.get("status").asString()).as(after.toString()).isEqualTo("SUCCEEDED");
        assertThat(after.get("counts").get("deactivated").asInt()).isEqualTo(6);
        assertThat(tenant().get("hold").isNull()).isTrue();
    }

    @Test
    @Order(5)
    void releasedHold_letsTheGuardJudgeAgain() {
        writeMapping(graph(), mappings(), "Helpdesk Users", NEVER, SAFETY);
        graph().removeMember("g-helpdesk", "u9").removeMember("g-helpdesk", "u10");
        graph().publish();
        JsonNode blocked = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");

        assertThat(api.post("/api/tenants/" + TENANT + "/hold/release", "").status()).isEqualTo(204);
        assertThat(api.post("/api/tenants/" + TENANT + "/hold/release", "").status()).isEqualTo(409);
        assertThat(api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/approve", "").status()).isEqualTo(409);
        JsonNode again = api.syncAndWait(TENANT, "DELTA", false);

        assertThat(again.get("status").asString()).as("the guard still sees 2 of 4").isEqualTo("BLOCKED");
        assertThat(tenant().get("hold").get("firstRunId").asLong()).isEqualTo(again.get("id").asLong());
        assertThat(api.post("/api/sync-runs/" + blocked.get("id").asLong() + "/approve", "").json().get("detail")
                .asString()).contains("earlier hold");
        assertThat(activeAccounts()).isEqualTo(4);
    }

    @Test
    @Order(6)
    void aPendingHold_endsByItselfWhenTheMappingIsRestored_acrossScheduledRuns() {
        assertThat(api.post("/api/tenants/" + TENANT + "/hold/release", "").status()).isEqualTo(204);
        for (int i = 3; i <= 10; i++) {
            graph().member("g-helpdesk", "u" + i);
        }
        graph().publish();
        JsonNode back = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(back.get("status").asString()).as(back.toString()).isEqualTo("SUCCEEDED");
        assertThat(activeAccounts()).isEqualTo(10);
        graph().publish();
        long before = newestRunId();

        writeMapping(graph(), mappings(), "Site Admins", "*/2 * * * * ?", SAFETY);
        JsonNode blocked = scheduledRunsAfter(before, 1).get(0);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");
        assertThat(blocked.get("counts").get("deactivated").asInt()).isEqualTo(8);
        JsonNode hold = tenant().get("hold");
        assertThat(hold.get("mappingChanges").toString()).as("what changed since the last applied run")
                .contains("scope.groups: [Helpdesk Users] → [Site Admins]").doesNotContain("schedule");
        // a joiner arrives while the tenant is held, then the admin restores the mapping without rejecting
        graph().user("u11", person("User", "Number11", "user11@acme.org", null)).member("g-helpdesk", "u11");
        graph().publish();
        long restoredAfter = newestRunId();
        writeMapping(graph(), mappings(), "Helpdesk Users", "*/2 * * * * ?", SAFETY);

        JsonNode ended = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ended == null && System.nanoTime() < deadline) {
            sleep(300);
            ended = endedRunsAfter(restoredAfter).stream().filter(r -> r.get("trigger").asString().equals("SCHEDULE")
                    && r.get("status").asString().equals("SUCCEEDED")).findFirst().orElse(null);
        }
        stopSchedule("Helpdesk Users", SAFETY);

        assertThat(ended).as("a scheduled run after the mapping was restored succeeds").isNotNull();
        assertThat(ended.get("error").asString()).startsWith("hold ended: mapping changed, new plan within limits");
        assertThat(ended.get("counts").get("created").asInt()).as("the joiner is created").isEqualTo(1);
        assertThat(ended.get("counts").get("deactivated").asInt()).isZero();
        assertThat(tenant().get("hold").isNull()).isTrue();
        assertThat(activeAccounts()).isEqualTo(11);
        graph().publish();
        JsonNode next = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(next.get("status").asString()).as("updates flow again").isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(7)
    void aHoldWhoseNewMappingIsStillAboveTheLimits_continuesWithTheNewPlan_andItsOlderPlansCannotBeApproved() {
        graph().publish();
        writeMapping(graph(), mappings(), "Site Admins", NEVER, SAFETY);
        JsonNode first = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("BLOCKED");
        assertThat(first.get("counts").get("deactivated").asInt()).isEqualTo(9);

        writeMapping(graph(), mappings(), "Site Admins", NEVER, ONE);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!tenant().get("hold").get("mappingChangedSincePlan").asBoolean() && System.nanoTime() < deadline) {
            sleep(200); // the tenant list re-reads changed files at most once a second
        }
        assertThat(tenant().get("hold").get("mappingChangedSincePlan").asBoolean()).isTrue();
        var stale = api.post("/api/sync-runs/" + first.get("id").asLong() + "/approve", "");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("earlier version of the mapping file");
        JsonNode replanned = api.syncAndWait(TENANT, "DELTA", false);

        assertThat(replanned.get("status").asString()).as(replanned.toString()).isEqualTo("BLOCKED");
        assertThat(replanned.get("error").asString()).contains("changed while it was held", "hold continues");
        JsonNode hold = tenant().get("hold");
        assertThat(hold.get("firstRunId").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(hold.get("latestRunId").asLong()).isEqualTo(replanned.get("id").asLong());
        assertThat(hold.get("reason").asString()).startsWith("run would deactivate 9 of 11");
        assertThat(hold.get("mappingChangedSincePlan").asBoolean()).isFalse();
        assertThat(api.post("/api/sync-runs/" + first.get("id").asLong() + "/approve", "").json().get("detail")
                .asString()).contains("approve the newest plan, run " + replanned.get("id").asLong());
        assertThat(activeAccounts()).isEqualTo(11);
    }

    @Test
    @Order(8)
    void anApproval_appliesExactlyTheReviewedPlan_andJudgesAnyOtherDeactivationByTheUsualLimits() {
        long reviewed = tenant().get("hold").get("latestRunId").asLong();
        long before = newestRunId();
        // the directory drifts after the review: both site admins leave the scope group, and scheduled runs go on
        writeMapping(graph(), mappings(), "Site Admins", "*/2 * * * * ?", ONE);
        graph().removeMember("g-admins", "u1").removeMember("g-admins", "u2");
        graph().publish();
        List<JsonNode> scheduled = scheduledRunsAfter(before, 2);
        stopSchedule("Site Admins", ONE);
        assertThat(scheduled).allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("BLOCKED"));
        assertThat(tenant().get("hold").get("mappingChangedSincePlan").asBoolean())
                .as("a schedule change is no change of what a run plans").isFalse();

        JsonNode tooMany = approveAndWait(reviewed);

        assertThat(tooMany.get("status").asString()).as(tooMany.toString()).isEqualTo("BLOCKED");
        assertThat(tooMany.get("error").asString()).contains("covers the 9 deactivations",
                "2 more, not in the reviewed plan, above the usual limits");
        assertThat(activeAccounts()).as("the old margin would have deactivated all 11").isEqualTo(11);
        assertThat(tenant().get("hold").get("latestRunId").asLong()).isEqualTo(tooMany.get("id").asLong());

        graph().member("g-admins", "u1");
        graph().publish();
        JsonNode approved = approveAndWait(reviewed);

        assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("SUCCEEDED");
        assertThat(approved.get("counts").get("deactivated").asInt()).isEqualTo(10);
        assertThat(approved.get("error").asString()).contains("applied the 9 of its 9 deactivations still planned",
                "1 more, not in the reviewed plan, within the usual limits");
        JsonNode changes = api.get("/api/sync-runs/" + approved.get("id").asLong() + "/changes?kind=DEACTIVATE&size=100")
                .json().get("content");
        List<String> extra = new ArrayList<>();
        changes.forEach(c -> {
            if (c.get("notInReviewedPlan").asBoolean()) {
                extra.add(c.get("externalId").asString());
            }
        });
        assertThat(extra).containsExactly("u2");
        assertThat(activeAccounts()).isEqualTo(1);
        assertThat(tenant().get("hold").isNull()).isTrue();
    }

    @Test
    @Order(9)
    void aTenantWhoseAppliedMappingWasNeverRecorded_reEvaluatesOnce_thenRecordsIt() {
        // as after an upgrade from before V13: deltaLinks saved by an applied run, but no tenant_applied_mapping row
        jdbc.update("delete from tenant_applied_mapping where tenant = ?", TENANT);
        assertThat(tenant().get("mappingChanged").asBoolean()).as("the tenant list says what the run will do").isTrue();
        graph().publish();

        JsonNode first = api.syncAndWait(TENANT, "DELTA", false);

        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("mode").asString()).isEqualTo("DELTA");
        assertThat(first.get("reevaluated").asBoolean()).as("nothing says which mapping was applied").isTrue();
        assertThat(jdbc.queryForObject("select mapping_hash from tenant_applied_mapping where tenant = ?", String.class,
                TENANT)).isEqualTo(first.get("mappingHash").asString());
        graph().publish();
        JsonNode next = api.syncAndWait(TENANT, "DELTA", false);
        assertThat(next.get("reevaluated").asBoolean()).as("now recorded").isFalse();
        assertThat(tenant().get("mappingChanged").asBoolean()).isFalse();
    }
}
