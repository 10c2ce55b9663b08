package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** API keys through the API: shown once, stored as a hash, listed without secrets, revoked, expiring. */
@OidcIntegrationTest
class ApiKeyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient admin() {
        return new ApiClient(port);
    }

    @Test
    void aKeyIsAnsweredOnce_storedAsAHash_listedWithoutItsSecret_andWorksWithItsRoles() {
        var created = admin().post("/api/keys", "{\"name\":\"nightly report\",\"roles\":[\"EntraSync.Reader\"],"
                + "\"expiresAt\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String key = created.json().get("key").asString();
        long id = created.json().get("id").asLong();
        assertThat(key).startsWith("esk_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(created.header("Location")).isEqualTo("/api/keys/" + id);
        assertThat(jdbc.queryForObject("select key_hash from api_key where id = ?", String.class, id))
                .isEqualTo(ApiKeys.hash(key)).doesNotContain(key);

        ApiClient report = new ApiClient(port, key);
        assertThat(report.get("/api/users").status()).isEqualTo(200);
        assertThat(report.post("/api/users", "{}").status()).isEqualTo(403);

        var listed = admin().get("/api/keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).doesNotContain(ApiKeys.hash(key));
        var entry = find(listed.json(), id);
        assertThat(entry.get("name").asString()).isEqualTo("nightly report");
        assertThat(entry.get("roles").get(0).asString()).isEqualTo("EntraSync.Reader");
        assertThat(entry.get("lastUsedAt").isNull()).as("used a moment ago").isFalse();
        assertThat(entry.get("createdBy").asString()).contains("admin-token");
        assertThat(entry.has("key")).isFalse();
    }

    @Test
    void aRevokedKey_is401() {
        var created = admin().post("/api/keys", "{\"name\":\"to revoke\",\"roles\":[\"EntraSync.Operator\"]}").json();
        ApiClient client = new ApiClient(port, created.get("key").asString());
        assertThat(client.get("/api/tenants").status()).isEqualTo(200);

        var revoked = admin().send("DELETE", "/api/keys/" + created.get("id").asLong());

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        assertThat(client.get("/api/tenants").status()).isEqualTo(401);
        assertThat(admin().send("DELETE", "/api/keys/987654").status()).isEqualTo(404);
    }

    @Test
    void anExpiredKey_is401() {
        var created = admin().post("/api/keys", "{\"name\":\"short-lived\",\"roles\":[\"EntraSync.Reader\"],"
                + "\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}").json();
        ApiClient client = new ApiClient(port, created.get("key").asString());
        assertThat(client.get("/api/tenants").status()).isEqualTo(200);

        jdbc.update("update api_key set expires_at = ? where id = ?",
                ApiKeys.utc(Instant.now().minusSeconds(1)), created.get("id").asLong());

        assertThat(client.get("/api/tenants").status()).isEqualTo(401);
        assertThat(new ApiClient(port, "esk_" + "A".repeat(43)).get("/api/tenants").status()).isEqualTo(401);
    }

    @Test
    void badKeyRequests_nameTheField() {
        assertThat(admin().post("/api/keys", "{\"roles\":[\"EntraSync.Reader\"]}").json().get("field").asString())
                .isEqualTo("name");
        var unknownRole = admin().post("/api/keys", "{\"name\":\"x\",\"roles\":[\"EntraSync.God\"]}");
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("field").asString()).isEqualTo("roles");
        assertThat(unknownRole.json().get("detail").asString()).contains("EntraSync.God", "EntraSync.InboundMail");
        assertThat(admin().post("/api/keys", "{\"name\":\"x\",\"roles\":[]}").status()).isEqualTo(400);
        var past = admin().post("/api/keys", "{\"name\":\"x\",\"roles\":[\"EntraSync.Reader\"],"
                + "\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("field").asString()).isEqualTo("expiresAt");
    }

    @Test
    void onlyAdminsManageKeys_andTheCreatorIsRecorded() {
        ApiClient operator = new ApiClient(port, OidcTestProvider.get().token("operator"));
        assertThat(operator.get("/api/keys").status()).isEqualTo(403);
        assertThat(operator.post("/api/keys", "{\"name\":\"x\",\"roles\":[\"EntraSync.Admin\"]}").status())
                .isEqualTo(403);

        ApiClient person = new ApiClient(port, OidcTestProvider.get().token("admin"));
        var created = person.post("/api/keys", "{\"name\":\"by a person\",\"roles\":[\"EntraSync.Reader\"]}");
        assertThat(created.status()).isEqualTo(201);
        var entry = find(admin().get("/api/keys").json(), created.json().get("id").asLong());
        assertThat(entry.get("createdBy").asString()).isEqualTo("user:oid-admin (admin)");
    }

    private static tools.jackson.databind.JsonNode find(tools.jackson.databind.JsonNode list, long id) {
        for (var node : list) {
            if (node.get("id").asLong() == id) {
                return node;
            }
        }
        throw new AssertionError("key " + id + " not listed in " + list);
    }
}
