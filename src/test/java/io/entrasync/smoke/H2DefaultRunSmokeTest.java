package io.entrasync.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FleetFixture;
import io.entrasync.support.FleetFixture.Run;
import io.entrasync.sync.FleetRuns;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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
    @Autowired
    FleetRuns fleetRuns;
    @Autowired
    JdbcTemplate jdbc;

    /** The fleet view's queries (a VALUES list of tenant keys with correlated subqueries) run on H2 as on PostgreSQL. */
    @Test
    void fleetQueriesRunOnH2() {
        // recent runs: the history retention purges quiet runs older than a week, whatever a test inserted
        Instant at = Instant.now().minus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        FleetFixture.insert(jdbc, List.of(Run.succeeded("h2-a", at), Run.failed("h2-a", at.plusSeconds(60)),
                Run.failed("h2-a", at.plusSeconds(120)), Run.failed("h2-b", at)));

        var facts = fleetRuns.of(List.of("h2-a", "h2-b", "h2-never"));
        assertThat(facts.get("h2-a").latest().getStatus().name()).isEqualTo("FAILED");
        assertThat(facts.get("h2-a").lastSuccessAt()).isEqualTo(at);
        assertThat(facts.get("h2-a").failuresInRow()).isEqualTo(2);
        assertThat(facts.get("h2-a").lastError()).as("the alerts' FAILING detail").isEqualTo(Run.failed("h2-a", at).error());
        assertThat(facts.get("h2-b").lastSuccessAt()).isNull();
        assertThat(facts.get("h2-b").failuresInRow()).isEqualTo(1);
        assertThat(facts.get("h2-never")).isEqualTo(FleetRuns.Facts.NONE);
        var api = new ApiClient(port);
        assertThat(api.get("/api/tenants?state=needs-attention&sort=lastRun,desc").status()).isEqualTo(200);
        assertThat(api.get("/api/sync-runs?status=FAILED").json().size()).isGreaterThanOrEqualTo(3);
    }

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
