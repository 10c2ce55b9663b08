package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
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
 * Users a full read no longer mentions, confirmed with Graph (real PostgreSQL, real MSAL and Graph clients, WireMock):
 * Graph answers 404 for a hard-deleted user and for a soft-deleted, restorable one alike, so the account is
 * deactivated as NOT_FOUND_IN_FULL_SYNC (never as DELETED) and reactivated once the user is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.api.sync-trigger-burst=1000"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemovalConfirmationTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "removal-confirmation", "mappings");

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { default: HQ }
                    safety: { maxDeactivations: 50, maxDeactivationPercent: 100 }
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

    @Test
    @Order(1)
    void userGoneFromAFullRead_andNotFoundByGraph_isDeactivatedAsNotFoundInFullSync_notAsDeleted() {
        graph.group("g-helpdesk", "Helpdesk Users");
        for (int i = 1; i <= 4; i++) {
            graph.user("u" + i, person("User" + i, "Family", "user" + i + "@contoso.org", null)).member("g-helpdesk", "u" + i);
        }
        graph.publish();
        assertThat(sync("FULL").get("counts").get("created").asInt()).isEqualTo(4);
        graph.softDelete("u2");
        graph.publish();

        JsonNode run = sync("FULL");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("deactivated").asInt()).as(run.toString()).isEqualTo(1);
        JsonNode change = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=DEACTIVATE").json()
                .get("content").get(0);
        assertThat(change.get("reason").asString()).isEqualTo("NOT_FOUND_IN_FULL_SYNC");
        JsonNode user = user("user2@contoso.org");
        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(user.get("deactivationReason").asString()).isEqualTo("NOT_FOUND_IN_FULL_SYNC");
    }

    @Test
    @Order(2)
    void restoredUser_isReactivatedByTheNextRun() {
        graph.restore("u2");
        graph.publish();

        JsonNode run = sync("FULL");

        assertThat(run.get("counts").get("reactivated").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(user("user2@contoso.org").get("active").asBoolean()).isTrue();
    }

    private JsonNode user(String email) {
        return api.get("/api/users?email=" + email).json().get("content").get(0);
    }

    private JsonNode sync(String mode) {
        return api.syncAndWait("contoso", mode, false);
    }
}
