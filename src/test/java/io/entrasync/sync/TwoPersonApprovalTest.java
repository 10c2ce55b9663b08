package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.OidcTestProvider;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Two-person approval and who did what, end to end: a mapping asking {@code safety: { approvers: 2 }}, a hold made
 * by real Quartz schedules (as in {@link TenantHoldScenario}), and real signed access tokens of different people from
 * the test's OIDC provider ({@link OidcTestProvider}: the clients {@code approver} and {@code reader-approver} are two
 * people with the Approver role, {@code operator} a third). The admin token never counts as a person; one person
 * approving twice is refused; a newer plan needs fresh approvals; the second person's approval applies the plan.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "spring.datasource.url=jdbc:h2:mem:two-person;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.schedule.reconcile-interval=500ms",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.auth.audience=" + OidcTestProvider.AUDIENCE,
        "entra-sync.auth.failed-sign-ins=100000"
})
@ContextConfiguration(initializers = OidcTestProvider.Issuer.class)
@Import(TrustTestTls.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPersonApprovalTest {

    static final String TENANT = TenantHoldScenario.TENANT;
    static final String TWO = "safety: { maxDeactivations: 3, maxDeactivationPercent: 30, approvers: 2 }\n";
    static final FakeDirectory graph = new FakeDirectory(3);
    static final Path MAPPINGS = Path.of("target", "two-person", "mappings");

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        TenantHoldScenario.seed(graph);
        TenantHoldScenario.writeMapping(graph, MAPPINGS, "Helpdesk Users", TenantHoldScenario.NEVER, TWO);
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void client() {
        admin = new ApiClient(port);
    }

    /** A client calling with a fresh access token of the provider's client (one person each). */
    ApiClient as(String person) {
        return new ApiClient(port, OidcTestProvider.get().token(person));
    }

    JsonNode hold() {
        return admin.get("/api/tenants/" + TENANT).json().get("hold");
    }

    long activeAccounts() {
        return admin.get("/api/users?tenant=" + TENANT + "&active=true&size=1").json().get("page")
                .get("totalElements").asLong();
    }

    @Test
    @Order(1)
    void manualRuns_nameWhoStartedThem() {
        JsonNode byToken = admin.syncAndWait(TENANT, "FULL", false);
        JsonNode byPerson = as("operator").syncAndWait(TENANT, "DELTA", false);

        assertThat(byToken.get("status").asString()).as(byToken.toString()).isEqualTo("SUCCEEDED");
        assertThat(byToken.get("counts").get("created").asInt()).isEqualTo(10);
        assertThat(byToken.get("triggeredBy").get("kind").asString()).isEqualTo("admin-token");
        assertThat(byPerson.get("triggeredBy").get("kind").asString()).isEqualTo("user");
        assertThat(byPerson.get("triggeredBy").get("id").asString()).isEqualTo("oid-operator");
        assertThat(byPerson.get("triggeredBy").get("name").asString()).isEqualTo("operator");
        JsonNode listed = admin.get("/api/sync-runs?tenant=" + TENANT + "&limit=1").json().get(0);
        assertThat(listed.get("triggeredBy").get("id").asString()).as("the run list too").isEqualTo("oid-operator");
    }

    @Test
    @Order(2)
    void scheduledRunsBlock_andTheHoldAsksForTwoPeople() {
        long before = admin.newestRunId(TENANT);
        TenantHoldScenario.writeMapping(graph, MAPPINGS, "Site Admins", "*/2 * * * * ?", TWO);

        List<JsonNode> ended = admin.awaitScheduledRuns(TENANT, before, 2, Duration.ofSeconds(90));
        TenantHoldScenario.writeMapping(graph, MAPPINGS, "Site Admins", TenantHoldScenario.NEVER, TWO);
        TenantHoldScenario.sleep(2_500);
        admin.awaitIdle(TENANT);

        JsonNode scheduled = ended.stream().filter(r -> r.get("trigger").asString().equals("SCHEDULE")).findFirst()
                .orElseThrow();
        assertThat(scheduled.get("status").asString()).as(scheduled.toString()).isEqualTo("BLOCKED");
        assertThat(scheduled.get("triggeredBy").get("kind").asString()).isEqualTo("schedule");
        JsonNode hold = hold();
        assertThat(hold.get("state").asString()).isEqualTo("PENDING");
        assertThat(hold.get("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(hold.get("approvedBy")).isEmpty();
        assertThat(hold.get("latestRunId").asLong()).as("several plans of the hold")
                .isGreaterThan(hold.get("firstRunId").asLong());
        assertThat(activeAccounts()).isEqualTo(10);
    }

    @Test
    @Order(3)
    void theAdminTokenIsNoPerson_oneApprovalWaits_theSamePersonTwiceIsRefused_andANewerPlanNeedsFreshApprovals() {
        long plan = hold().get("latestRunId").asLong();
        long older = hold().get("firstRunId").asLong();

        var byToken = admin.post("/api/sync-runs/" + plan + "/approve", "");
        assertThat(byToken.status()).as(byToken.body()).isEqualTo(403);
        assertThat(byToken.json().get("detail").asString()).contains("needs the approval of 2 different people",
                "static admin token is not a person");
        var olderPlan = as("approver").post("/api/sync-runs/" + older + "/approve", "");
        assertThat(olderPlan.status()).as(olderPlan.body()).isEqualTo(409);
        assertThat(olderPlan.json().get("detail").asString()).contains("approvals are tied to a plan",
                "approve the newest plan, run " + plan);

        var first = as("approver").post("/api/sync-runs/" + plan + "/approve", "");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Location")).isNull();
        assertThat(first.json().get("message").asString()).isEqualTo("1 of 2 approvals, waiting for another approver");
        assertThat(first.json().get("approvedBy").get(0).get("name").asString()).isEqualTo("approver");
        assertThat(admin.newestRunId(TENANT)).as("nothing queued").isEqualTo(plan);
        assertThat(hold().get("approvedBy").get(0).get("id").asString()).isEqualTo("oid-approver");
        var again = as("approver").post("/api/sync-runs/" + plan + "/approve", "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("approver already approved the plan of run " + plan);
        assertThat(admin.get("/api/sync-runs/" + plan).json().get("approvedBy")).hasSize(1);

        JsonNode newer = admin.syncAndWait(TENANT, "DELTA", false);
        assertThat(newer.get("status").asString()).isEqualTo("BLOCKED");
        assertThat(hold().get("latestRunId").asLong()).isEqualTo(newer.get("id").asLong());
        assertThat(hold().get("approvedBy")).as("a newer plan starts without approvals").isEmpty();
        var stale = as("reader-approver").post("/api/sync-runs/" + plan + "/approve", "");
        assertThat(stale.status()).as("the earlier plan's approval does not carry over: " + stale.body())
                .isEqualTo(409);
        assertThat(activeAccounts()).isEqualTo(10);
    }

    @Test
    @Order(4)
    void theSecondPersonsApproval_appliesThePlan_andTheRunsAndAuditTrailNameBoth() {
        long plan = hold().get("latestRunId").asLong();
        assertThat(as("approver").post("/api/sync-runs/" + plan + "/approve", "").status()).isEqualTo(200);

        var second = as("reader-approver").post("/api/sync-runs/" + plan + "/approve", "");

        assertThat(second.status()).as(second.body()).isEqualTo(202);
        JsonNode approval = admin.awaitRun(second.header("Location"), Duration.ofMinutes(1));
        assertThat(approval.get("status").asString()).as(approval.toString()).isEqualTo("SUCCEEDED");
        assertThat(approval.get("trigger").asString()).isEqualTo("APPROVAL");
        assertThat(approval.get("counts").get("deactivated").asInt()).isEqualTo(8);
        assertThat(activeAccounts()).isEqualTo(2);
        assertThat(hold().isNull()).isTrue();
        assertThat(approval.get("triggeredBy").get("id").asString()).isEqualTo("oid-reader-approver");
        assertThat(names(approval.get("approvedBy"))).containsExactly("approver", "reader-approver");
        assertThat(names(admin.get("/api/sync-runs/" + plan).json().get("approvedBy")))
                .containsExactly("approver", "reader-approver");
        JsonNode audit = admin.get("/api/audit?action=hold:&target=runId=" + plan + "&size=10").json().get("content");
        List<String> decisions = new ArrayList<>();
        audit.forEach(e -> decisions.add(e.get("actor").get("name").asString() + ": " + e.get("action").asString()));
        assertThat(decisions).anySatisfy(d -> assertThat(d).startsWith("approver: hold: approve plan of run " + plan)
                .contains("1 of 2 approvals, waiting for another approver"));
        assertThat(decisions).anySatisfy(d -> assertThat(d).startsWith("reader-approver: hold: approve plan of run "
                + plan).contains("approval run " + approval.get("id").asLong() + " queued"));
    }

    @Test
    @Order(5)
    void rejectionsAndReleases_nameWhoMadeThem() {
        TenantHoldScenario.writeMapping(graph, MAPPINGS, "Helpdesk Users", TenantHoldScenario.NEVER,
                "safety: { maxDeactivations: 0, approvers: 2 }\n");
        JsonNode back = admin.syncAndWait(TENANT, "DELTA", false);
        assertThat(back.get("status").asString()).as("reactivations are not limited").isEqualTo("SUCCEEDED");
        graph.removeMember("g-helpdesk", "u9");
        graph.publish();
        JsonNode blocked = admin.syncAndWait(TENANT, "DELTA", false);
        assertThat(blocked.get("status").asString()).as(blocked.toString()).isEqualTo("BLOCKED");

        var rejected = as("approver").post("/api/sync-runs/" + blocked.get("id").asLong() + "/reject", "");
        var released = admin.post("/api/tenants/" + TENANT + "/hold/release", "");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("rejectedBy").get("name").asString()).isEqualTo("approver");
        assertThat(released.status()).as(released.body()).isEqualTo(204);
        JsonNode run = admin.get("/api/sync-runs/" + blocked.get("id").asLong()).json();
        assertThat(run.get("rejectedBy").get("id").asString()).isEqualTo("oid-approver");
        assertThat(run.get("releasedBy").get("kind").asString()).isEqualTo("admin-token");
    }

    private static List<String> names(JsonNode actors) {
        List<String> names = new ArrayList<>();
        actors.forEach(a -> names.add(a.get("name").asString()));
        return names;
    }
}
