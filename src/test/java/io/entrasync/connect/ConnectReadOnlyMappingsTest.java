package io.entrasync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The mappings directory is a read-only ConfigMap (Helm: {@code ENTRA_SYNC_CONNECT_WRITE_FILES=false}): the connect
 * flow proves the consent and checks the connection as always, but writes nothing and answers the file to commit;
 * the group picker answers the rewritten text the same way.
 */
@GraphEndToEndTest
@Import(ConnectFixture.Time.class)
@TestPropertySource(properties = "entra-sync.connect.write-files=false")
class ConnectReadOnlyMappingsTest {

    static final FakeDirectory graph = new FakeDirectory(10);
    static Path mappings;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        mappings = ConnectFixture.configure(registry, graph, "e2e-connect-read-only");
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void theFileIsReturnedToCommit_notWritten() {
        ConnectFixture.Time.TIME.onPause = () -> { };
        graph.group("g-helpdesk", "Helpdesk Users").publish();
        ConnectFixture.stubTenant(graph, FakeDirectory.TENANT_ID);
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "fabrikam");

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(back.json().get("status").asString()).as(back.body()).isEqualTo("connected");
        assertThat(back.json().at("/file/written").asBoolean()).isFalse();
        assertThat(back.json().at("/file/path").asString()).endsWith("fabrikam.yaml");
        assertThat(back.json().at("/file/content").asString()).isEqualTo("""
                tenant: fabrikam
                tenantId: %s
                extend: _msp-default
                credentials: { app: msp }
                scope: { groups: [Helpdesk Users] }
                """.formatted(FakeDirectory.TENANT_ID));
        assertThat(mappings.resolve("fabrikam.yaml")).doesNotExist();
        assertThat(api.get("/api/tenants/fabrikam").status()).as("nothing loaded until the file is committed")
                .isEqualTo(404);

        ApiClient.Answer picked = api.put("/api/tenants/connect/" + started.get("id").asString() + "/groups",
                "{\"scope\":[\"Fabrikam Staff\"]}");

        assertThat(picked.status()).as(picked.body()).isEqualTo(200);
        assertThat(picked.json().at("/file/written").asBoolean()).isFalse();
        assertThat(picked.json().at("/file/content").asString()).endsWith("scope: { groups: [Fabrikam Staff] }\n");
        assertThat(mappings.resolve("fabrikam.yaml")).doesNotExist();
    }
}
