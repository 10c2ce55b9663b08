package io.entrasync.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The default run's database: H2 in PostgreSQL mode with the same Flyway migrations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:smoke;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings"
})
class H2DefaultRunSmokeTest {

    @LocalServerPort
    int port;

    @Test
    void migratesAndServesTheDirectoryOnH2() {
        var api = new ApiClient(port);
        long siteId = api.post("/api/sites", "{\"name\":\"Smoke\",\"emailDomains\":[\"smoke.org\"]}").json().get("id").asLong();

        var email = api.post("/api/inbound-email", "{\"from\":\"claire.johnson@smoke.org\",\"subject\":\"Hi\"}").json();
        var imported = api.post("/api/import", "text/csv", "site,email,firstName\nSmoke,bob@smoke.org,Bob\n").json();

        assertThat(email.get("userCreated").asBoolean()).isTrue();
        assertThat(imported.get("created").asInt()).isEqualTo(1);
        assertThat(api.get("/api/users?site=" + siteId).json().get("content")).hasSize(2);
        assertThat(new ApiClient(port, null).get("/actuator/health").status()).isEqualTo(200);
    }
}
