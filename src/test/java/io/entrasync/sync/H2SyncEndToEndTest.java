package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Syncs on H2, the zero-setup default's database, through the whole service (WireMock Graph, real MSAL and Graph
 * clients). A full run stages its pages in temporary tables, DDL that holds H2's schema lock until the run commits,
 * while the change log commits in a transaction of its own: this once made every full run on H2 wait for itself
 * until the lock timeout and fail, which only the PostgreSQL end-to-end tests could not show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "spring.datasource.url=jdbc:h2:mem:h2sync;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
class H2SyncEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(2);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(Path.of("target", "e2e-h2-sync", "mappings"), "fabrikam", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void fullRunsAndDeltasSucceedOnH2_andRecordTheirChanges() {
        ApiClient api = new ApiClient(port);
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").member("g-helpdesk", "g-berlin")
                .user("u1", person("Alice", "Berg", "alice@fabrikam.org", "IT")).member("g-berlin", "u1")
                .user("u2", person("Bob", "Hill", "bob@fabrikam.org", null)).member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@fabrikam.org", "Sales")).member("g-helpdesk", "u3");
        graph.publish();

        JsonNode first = api.syncAndWait("fabrikam", "FULL", false);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("counts").get("created").asInt()).isEqualTo(3);
        JsonNode created = api.get("/api/sync-runs/" + first.get("id").asLong() + "/changes?kind=CREATE").json();
        assertThat(created.get("content")).hasSize(3);

        JsonNode again = api.syncAndWait("fabrikam", "FULL", false);
        assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
        assertThat(again.get("counts").get("unchanged").asInt()).isEqualTo(3);

        graph.set("u2", "jobTitle", "Plumber").member("g-berlin", "u3");
        graph.publish();
        JsonNode delta = api.syncAndWait("fabrikam", "DELTA", false);
        assertThat(delta.get("status").asString()).as(delta.toString()).isEqualTo("SUCCEEDED");
        assertThat(delta.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(delta.get("counts").get("moved").asInt()).isEqualTo(1);

        graph.removeMember("g-helpdesk", "u2");
        graph.publish();
        JsonNode dryRun = api.syncAndWait("fabrikam", "FULL", true);
        assertThat(dryRun.get("status").asString()).as(dryRun.toString()).isEqualTo("SUCCEEDED");
        assertThat(dryRun.get("counts").get("deactivated").asInt()).isEqualTo(1);
        JsonNode planned = api.get("/api/sync-runs/" + dryRun.get("id").asLong() + "/changes?kind=DEACTIVATE").json();
        assertThat(planned.get("content")).as("a dry run's planned changes survive its rollback").hasSize(1);
    }
}
