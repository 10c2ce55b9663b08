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
 * A group's life in Entra seen by delta runs (real PostgreSQL, real MSAL and Graph clients, WireMock): a soft-deleted
 * group arrives as {@code @removed} reason {@code changed} and its members lose what it gave them; restored, it comes
 * back with every member and so do their sites; a rename arrives as a new displayName, and rules naming the old
 * name stop matching.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.api.sync-trigger-burst=1000"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupLifecycleTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "group-lifecycle", "mappings");

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users, Berlin Office] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
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
    void baseline_berlinMembersOnTheBerlinSite() {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office");
        for (int i = 1; i <= 4; i++) {
            graph.user("u" + i, person("User" + i, "Family", "user" + i + "@contoso.org", null))
                    .member(i <= 2 ? "g-berlin" : "g-helpdesk", "u" + i);
        }
        graph.publish();

        JsonNode run = sync("FULL");

        assertThat(run.get("counts").get("created").asInt()).as(run.toString()).isEqualTo(4);
        assertThat(site("user1@contoso.org")).isEqualTo("Berlin");
    }

    @Test
    @Order(2)
    void softDeletedGroup_takesAwayWhatItGaveItsMembers() {
        graph.softDeleteGroup("g-berlin").publish();

        JsonNode run = sync("DELTA");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("deactivated").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(user("user1@contoso.org").get("deactivationReason").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(user("user3@contoso.org").get("active").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void restoredGroup_comesBackWithItsMemberships() {
        graph.restoreGroup("g-berlin").publish();

        JsonNode run = sync("DELTA");

        assertThat(run.get("counts").get("reactivated").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(user("user2@contoso.org").get("active").asBoolean()).isTrue();
        assertThat(site("user2@contoso.org")).isEqualTo("Berlin");
    }

    @Test
    @Order(4)
    void renamedGroup_isSeen_andRulesNamingTheOldNameStopMatching() {
        graph.renameGroup("g-berlin", "Berlin Campus").member("g-helpdesk", "g-berlin").publish();

        JsonNode run = sync("DELTA");

        assertThat(run.get("counts").get("moved").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(site("user1@contoso.org")).isEqualTo("HQ");
        assertThat(sync("FULL").get("counts").get("moved").asInt()).isZero();
    }

    private String site(String email) {
        long siteId = user(email).get("siteId").asLong();
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("id").asLong() == siteId) {
                return site.get("name").asString();
            }
        }
        return null;
    }

    private JsonNode user(String email) {
        return api.get("/api/users?email=" + email).json().get("content").get(0);
    }

    private JsonNode sync(String mode) {
        return api.syncAndWait("contoso", mode, false);
    }
}
