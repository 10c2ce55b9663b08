package io.entrasync.smoke;

import static io.entrasync.support.Await.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The zero-setup demo as shipped: H2, the bundled Graph simulator and the repository's {@code mappings/demo.yaml}
 * (only its port moved to a free one, and its secret file into this test's folder). "Test connection" must pass:
 * a token, {@code GET /users}, {@code GET /groups} and every group the mapping names found by
 * {@code $filter=displayName eq '…'}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-check;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.simulator.enabled=true",
        "entra-sync.simulator.users=200",
        "entra-sync.simulator.drift-every=0s"
})
class DemoConnectionCheckTest {

    static final Path DIR = Path.of("target", "demo-check").toAbsolutePath();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        int simulatorPort = freePort();
        Path keystores = DIR.resolve("simulator");
        try {
            Path mappings = Files.createDirectories(DIR.resolve("mappings"));
            String demo = Files.readString(Path.of("mappings", "demo.yaml"))
                    .replace("https://127.0.0.1:8443", "https://127.0.0.1:" + simulatorPort)
                    .replace("./data/simulator/client-secret", keystores.resolve("client-secret").toString());
            Files.writeString(mappings.resolve("demo.yaml"), demo);
            registry.add("entra-sync.mappings-dir", mappings::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("entra-sync.simulator.port", () -> simulatorPort);
        registry.add("entra-sync.simulator.keystore-dir", keystores::toString);
    }

    @Test
    void testConnection_onTheDemo_passesEveryCheck() {
        JsonNode report = new ApiClient(port).post("/api/tenants/demo/check", "{}").json();

        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("checks")).extracting(c -> c.get("check").asString()).contains("token", "read users",
                "read groups", "group 'Helpdesk Users' (scope.groups)", "group 'Berlin Office' (sites[0].group)");
    }

}
