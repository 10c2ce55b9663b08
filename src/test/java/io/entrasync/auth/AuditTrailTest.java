package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail: every mutating call and every refused one is recorded by the web layer with who, what, which
 * target and the outcome; reads are not; it is queried and exported by an Admin; it holds no secret (old events
 * are purged by the history retention job: {@code retention/HistoryPurgeContract}).
 */
@OidcIntegrationTest
class AuditTrailTest {

    private static final OidcTestProvider PROVIDER = OidcTestProvider.get();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail trail;

    private ApiClient admin() {
        return new ApiClient(port);
    }

    @Test
    void mutatingAndRefusedCalls_areRecorded_readsAreNot() {
        // other tests of this context call the same routes (siteId=1 is a substring of siteId=12): only from now on
        Instant start = Instant.now();
        String site = "Audit " + UUID.randomUUID();
        var created = new ApiClient(port, PROVIDER.token("operator")).post("/api/sites",
                "{\"name\":\"" + site + "\",\"emailDomains\":[\"audit-" + UUID.randomUUID() + ".org\"]}");
        assertThat(created.status()).isEqualTo(201);
        long siteId = created.json().get("id").asLong();
        new ApiClient(port, PROVIDER.token("operator")).patch("/api/sites/" + siteId, "{\"name\":\"" + site + " 2\"}");
        new ApiClient(port, PROVIDER.token("reader")).send("DELETE", "/api/sites/" + siteId);
        new ApiClient(port, null).post("/api/sync-runs/4242/approve", "{}");
        admin().post("/api/sync-runs/4242/reject", "{}");
        int before = count();
        new ApiClient(port, PROVIDER.token("reader")).get("/api/sites");
        assertThat(count()).as("a read leaves no trace").isEqualTo(before);

        var page = admin().get("/api/audit?target=siteId=" + siteId + "&from=" + start).json();
        var content = page.get("content");
        assertThat(content).hasSize(2);
        // newest first: the refused delete, then the edit
        assertThat(content.get(0).get("action").asString()).isEqualTo("DELETE /api/sites/{siteId}");
        assertThat(content.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(content.get(0).get("actor").get("kind").asString()).isEqualTo("user");
        assertThat(content.get(0).get("actor").get("id").asString()).isEqualTo("oid-reader");
        assertThat(content.get(1).get("action").asString()).isEqualTo("PATCH /api/sites/{siteId}");
        assertThat(content.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(content.get(1).get("actor").get("name").asString()).isEqualTo("operator");
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(2);

        var approvals = admin().get("/api/audit?target=runId=4242&from=" + start).json().get("content");
        assertThat(approvals).hasSize(2);
        assertThat(approvals.get(0).get("action").asString()).isEqualTo("POST /api/sync-runs/{runId}/reject");
        assertThat(approvals.get(0).get("actor").get("kind").asString()).isEqualTo("admin-token");
        assertThat(approvals.get(0).get("status").asInt()).isNotIn(401, 403);
        assertThat(approvals.get(1).get("action").asString()).isEqualTo("POST /api/sync-runs/{runId}/approve");
        assertThat(approvals.get(1).get("status").asInt()).isEqualTo(401);
        assertThat(approvals.get(1).get("actor").get("kind").asString()).isEqualTo("anonymous");
    }

    @Test
    void theTrail_isFilteredPagedAndExported_byAnAdminOnly() throws Exception {
        // a key whose name a spreadsheet would run as a formula
        String name = "=HYPERLINK(\"x\")" + UUID.randomUUID().toString().substring(0, 6);
        String key = admin().post("/api/keys", "{\"name\":\"" + name.replace("\"", "\\\"")
                + "\",\"roles\":[\"EntraSync.Operator\"]}").json().get("key").asString();
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            new ApiClient(port, key).post("/api/tenants/" + tenant + "/check", "{}");
        }

        var firstPage = admin().get("/api/audit?actor=HYPERLINK&action=check&target=" + tenant + "&size=2&page=0")
                .json();
        assertThat(firstPage.get("content")).hasSize(2);
        assertThat(firstPage.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(firstPage.get("page").get("totalPages").asInt()).isEqualTo(2);
        assertThat(admin().get("/api/audit?action=check&target=" + tenant + "&size=2&page=1").json().get("content"))
                .hasSize(1);
        assertThat(admin().get("/api/audit?target=" + tenant + "&from=" + Instant.now().plusSeconds(60)).json()
                .get("content")).isEmpty();
        assertThat(admin().get("/api/audit?target=" + tenant + "&to=2000-01-01").json().get("content")).isEmpty();
        var badDate = admin().get("/api/audit?from=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("field").asString()).isEqualTo("from");

        var csv = admin().get("/api/audit.csv?target=" + tenant);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("at,actorKind,actorId,actorName,action,target,status,client,changes");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains(",key,", "POST /api/tenants/{tenant}/check", "tenant=" + tenant,
                "\"'=HYPERLINK(\"\"x\"\")");

        HttpResponse<String> byAccept = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/audit?target=" + tenant))
                .header("Authorization", "Bearer " + ApiClient.TOKEN).header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.body()).isEqualTo(csv.body());

        assertThat(new ApiClient(port, PROVIDER.token("reader")).get("/api/audit").status()).isEqualTo(403);
        assertThat(new ApiClient(port, PROVIDER.token("operator")).get("/api/audit.csv").status()).isEqualTo(403);
    }

    @Test
    void noSecretOrToken_everReachesTheTrail() {
        String token = PROVIDER.token("approver");
        String wrong = "esk_" + "w".repeat(43);
        var key = admin().post("/api/keys", "{\"name\":\"secret holder\",\"roles\":[\"EntraSync.Operator\"]}").json();
        String secret = key.get("key").asString();
        new ApiClient(port, secret).post("/api/tickets", "{\"userId\":1,\"subject\":\"s\"}");
        new ApiClient(port, token).post("/api/tenants/none/hold/release", "{}");
        new ApiClient(port, wrong).post("/api/tickets", "{}");

        String everything = String.join("\n", jdbc.queryForList(
                "select concat(actor_kind, actor_id, actor_name, action, coalesce(target, ''), client) from audit_event",
                String.class));
        assertThat(everything).contains("secret holder").contains("POST /api/keys")
                .doesNotContain(secret).doesNotContain(token).doesNotContain(wrong).doesNotContain(ApiClient.TOKEN)
                .doesNotContain(ApiKeys.hash(secret));
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from audit_event", Integer.class);
    }
}
