package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.MspAppSettings;
import io.entrasync.support.PostgresIntegrationTest;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.nio.file.Files;
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
 * The MSP's way: the shipped five-line tenant file ({@code mappings/examples/northwind.yaml}) extending the shipped
 * template ({@code _msp-default.yaml}) and using the MSP's multi-tenant app ({@code ENTRA_SYNC_MSP_*}) syncs
 * through the whole service (real PostgreSQL, WireMock Graph over https, real MSAL and Graph clients).
 */
@PostgresIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
class TemplateTenantEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(2);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) throws IOException {
        Path mappings = Path.of("target", "e2e-template", "mappings");
        Files.createDirectories(mappings);
        Path examples = Path.of("mappings", "examples");
        Files.copy(examples.resolve("_msp-default.yaml"), mappings.resolve("_msp-default.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String tenant = Files.readString(examples.resolve("northwind.yaml"));
        assertThat(tenant.lines()).as("the shipped example is five lines").hasSize(5);
        Files.writeString(mappings.resolve("northwind.yaml"), tenant
                .replace("33333333-4444-5555-6666-777777777777", FakeDirectory.TENANT_ID)
                .replace("Northwind Staff", "Helpdesk Users"));
        MspAppSettings.register(registry, mappings, graph);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void fiveLineTenantFile_extendingTheTemplate_withTheMspApp_syncs() {
        ApiClient api = new ApiClient(port);
        graph.group("g-helpdesk", "Helpdesk Users")
                .user("u1", person("Alice", "Berg", "alice@northwind.org", "IT")).member("g-helpdesk", "u1")
                .user("u2", person("Bob", "Hill", "bob@northwind.org", null)).member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@northwind.org", "Sales"));
        graph.set("u1", "officeLocation", "BER");
        graph.publish();

        JsonNode tenant = api.get("/api/tenants/northwind").json();
        assertThat(tenant.get("valid").asBoolean()).as(tenant.toString()).isTrue();
        assertThat(tenant.get("schedule").asString()).as("the template's schedule, spread for this tenant")
                .matches("\\d{1,2} \\d{1,2}/15 \\* \\* \\* \\?");
        assertThat(tenant.at("/scheduleSpread/template").asString()).isEqualTo("0 */15 * * * ?");
        assertThat(tenant.get("scheduleText").asString()).startsWith("every 15 minutes, at :");

        JsonNode run = api.syncAndWait("northwind", "FULL", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("created").asInt()).as("the template's scope is replaced by the tenant's "
                + "group; u3 is not in it").isEqualTo(2);
        JsonNode created = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=CREATE").json();
        assertThat(created.toString()).as("the template's site rules place the users").contains("Berlin")
                .contains("Headquarters");
        graph.wireMock().verify(postRequestedFor(urlPathEqualTo("/" + FakeDirectory.TENANT_ID + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_id=" + MspAppSettings.CLIENT_ID)));
    }

}
