package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.support.Await.sleep;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.StateSnapshot;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Faults of Graph and the network injected with WireMock into full and delta runs (real PostgreSQL, real MSAL
 * and Graph clients). Every fault either is retried away (SUCCEEDED) or fails the run with a clear error, leaving
 * accounts and deltaLink untouched; once the fault clears, the next delta run converges to exactly the state a
 * clean full sync confirms (the full run that follows changes nothing).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=3",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.graph.max-retry-wait=50ms",
        "entra-sync.graph.max-throttle-wait=5s",
        "entra-sync.graph.read-timeout=1s",
        "entra-sync.api.sync-trigger-burst=1000"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphFaultsTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "faults-sync", "mappings");
    static final String DELTA_PAGE = "v\\d+-v\\d+-\\d+";
    static final String FULL_PAGE = "full-v\\d+-\\d+";
    static int step;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
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
    void baseline_fullSyncOfSevenUsersOnFourPages() {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").member("g-helpdesk", "g-berlin")
                .group("g-other", "Other");
        for (int i = 1; i <= 7; i++) {
            graph.user("u" + i, person("User" + i, "Family", "user" + i + "@contoso.org", i % 2 == 0 ? "IT" : null))
                    .member(i <= 3 ? "g-berlin" : "g-helpdesk", "u" + i);
        }
        graph.tokenLifetime(1).publish();
        long weak = api.post("/api/sites", "{\"name\":\"Inbox\",\"emailDomains\":[\"faults.example\"]}").status();
        assertThat(weak).isEqualTo(201);
        var email = api.post("/api/inbound-email", "{\"from\":\"walk.in@faults.example\",\"subject\":\"printer\"}");
        assertThat(email.status()).as(email.body()).isLessThan(300);

        JsonNode run = sync("FULL");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("created").asInt()).isEqualTo(7);
        assertThat(run.get("pagesRead").asInt()).as(run.toString()).isGreaterThanOrEqualTo(6);
    }

    /** One fault: where, how often (-1: until it clears) and how the run must end. */
    record Case(String name, String mode, String stream, ResponseDefinitionBuilder fault, int times, String status,
                String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> faults() {
        return Stream.of(
                new Case("connection reset mid-page, delta, persistent", "DELTA", "users", reset(), -1, "FAILED",
                        "gave up after 3 retries"),
                new Case("connection reset mid-page, full, once", "FULL", "users", reset(), 1, "SUCCEEDED", null),
                // Both streams are read side by side over one (HTTP/2) connection, so a reset that keeps killing the
                // groups request may make the users request give up first: either way the run fails cleanly.
                new Case("connection reset on groups page, delta, persistent", "DELTA", "groups", reset(), -1, "FAILED",
                        "/delta gave up after 3 retries"),
                new Case("broken chunk mid-body, delta, twice", "DELTA", "users",
                        aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), 2, "SUCCEEDED", null),
                new Case("truncated JSON, delta", "DELTA", "users", json(200, "{\"value\":[{\"id\":\"u1\",\"mail\":\"us"),
                        -1, "FAILED", "malformed JSON"),
                new Case("malformed JSON (an HTML error page), full", "FULL", "users",
                        json(200, "<html><body>Bad gateway</body></html>"), -1, "FAILED", "malformed JSON"),
                new Case("429 storm with Retry-After, delta, three times", "DELTA", "users", throttled(429), 3,
                        "SUCCEEDED", null),
                new Case("429 storm with Retry-After, full, never ending", "FULL", "users", throttled(429), -1, "FAILED",
                        "HTTP 429"),
                // Graph's throttling guidance: wait the seconds Retry-After names; an hour is past this run's deadline
                new Case("429 with Retry-After beyond the run's throttling deadline, delta", "DELTA", "users",
                        throttled(429).withHeader("Retry-After", "3600"), -1, "FAILED", "throttled by Graph, retry after"),
                new Case("503 burst, delta, twice", "DELTA", "groups", throttled(503), 2, "SUCCEEDED", null),
                new Case("page never answers, delta, persistent", "DELTA", "users",
                        json(200, "{\"value\":[]}").withFixedDelay(2_500), -1, "FAILED", "gave up after 3 retries"),
                new Case("page never answers, full, once", "FULL", "users",
                        json(200, "{\"value\":[]}").withFixedDelay(2_500), 1, "SUCCEEDED", null),
                new Case("access token revoked mid-run (401 once: renewed and retried), delta", "DELTA", "users",
                        json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"revoked\"}}"), 1,
                        "SUCCEEDED", null),
                new Case("access token refused on every try (401), delta", "DELTA", "users", json(401,
                        "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired\"}}"),
                        -1, "FAILED", "HTTP 401 (InvalidAuthenticationToken)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @Order(2)
    void fault_endsCleanly_andTheNextRunConverges(Case fault) {
        String marker = "Step" + (++step);
        graph.set("u2", "jobTitle", marker).set("u5", "jobTitle", marker).user("n" + step, person("New", marker, "new" + step + "@contoso.org", "Ops"))
                .member("g-helpdesk", "n" + step);
        graph.publish();
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        Map<String, Object> linksBefore = deltaLinks();
        if (fault.stream().equals("groups") && fault.mode().equals("DELTA")) {
            inject("groups", "$deltatoken", "v\\d+", fault.fault(), fault.times());
        } else {
            inject(fault.stream(), "$skiptoken", fault.mode().equals("FULL") ? FULL_PAGE : DELTA_PAGE, fault.fault(),
                    fault.times());
        }

        JsonNode run = sync(fault.mode());

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo(fault.status());
        if (fault.status().equals("FAILED")) {
            assertThat(run.get("error").asString()).as(run.toString()).contains("tenant 'contoso'").contains(fault.error());
            assertThat(deltaLinks()).as("deltaLink must not move on failure").isEqualTo(linksBefore);
            if (!fault.stream().equals("groups")) {
                assertThat(run.get("pagesRead").asInt()).as("a failed run still records the pages it read: " + run)
                        .isPositive();
            }
            assertThat(StateSnapshot.of(jdbc, "contoso")).as("a failed run applies nothing").isEqualTo(before);
            graph.publish();
            run = sync("DELTA");
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        } else {
            assertThat(run.get("retries").asInt() + run.get("throttled").asInt()).as(run.toString()).isPositive();
        }
        assertConvergedTo(marker, before);
    }

    @Test
    @Order(3)
    void deltaLinkGoneInTheMiddleOfADelta_becomesAFullRunAndConverges() {
        graph.set("u3", "department", "Legal").set("u6", "department", "Legal").user("n410", person("Gone", "Middle", "n410@contoso.org", null))
                .member("g-helpdesk", "n410");
        graph.publish();
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        inject("users", "$skiptoken", DELTA_PAGE, json(410, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"gone\"}}"), -1);

        JsonNode run = sync("DELTA");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("resync").asBoolean()).isTrue();
        assertThat(run.get("mode").asString()).isEqualTo("FULL");
        assertThat(run.get("counts").get("created").asInt()).isEqualTo(1);
        graph.publish();
        assertThat(sync("DELTA").get("status").asString()).isEqualTo("SUCCEEDED");
        assertConvergedTo("Legal", before);
    }

    /** A release that selects other properties: the stored deltaLinks would keep serving the old list. */
    @Test
    @Order(3)
    void deltaLinkMadeWithAnotherSelectList_becomesAFullRunAndConverges() {
        graph.set("u4", "jobTitle", "Selected").publish();
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        jdbc.update("update mirror_state set users_delta_link = regexp_replace(users_delta_link, '#select=.*$', "
                + "'#select=0123456789ab') where tenant = 'contoso'");

        JsonNode run = sync("DELTA");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("resync").asBoolean()).as(run.toString()).isTrue();
        assertThat(run.get("mode").asString()).isEqualTo("FULL");
        assertThat(String.valueOf(deltaLinks().get("users_delta_link"))).doesNotContain("0123456789ab");
        graph.publish();
        assertThat(sync("DELTA").get("resync").asBoolean()).isFalse();
        assertConvergedTo("Selected", before);
    }

    @Test
    @Order(4)
    void tokenRefusedMidRun_failsWithTheTokenError_andTheNextRunConverges() {
        graph.set("u4", "jobTitle", "TokenStep").user("ntok", person("Token", "Refused", "ntok@contoso.org", null))
                .member("g-helpdesk", "ntok");
        graph.publish();
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        Map<String, Object> linksBefore = deltaLinks();
        var wm = graph.wireMock();
        // tokens that live one second: the service asks for a new one after half a second
        String tokenPath = "/" + FakeDirectory.TENANT_ID + "/oauth2/v2.0/token";
        wm.stubFor(post(urlPathEqualTo(tokenPath)).atPriority(1).inScenario("token")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200,
                        "{\"token_type\":\"Bearer\",\"expires_in\":1,\"access_token\":\"short-lived\"}")));
        wm.stubFor(post(urlPathEqualTo(tokenPath)).atPriority(1).inScenario("token").whenScenarioStateIs("refused")
                .willReturn(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided "
                        + "client secret keys are expired.\",\"error_codes\":[7000222]}")));
        // the second users page answers slowly and, while it does, the credential gets revoked
        String page2 = "full-" + graph.currentToken() + "-1";
        wm.stubFor(get(urlPathEqualTo("/v1.0/users/delta")).withQueryParam("$skiptoken", matching(page2))
                .atPriority(1).inScenario("token").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused")
                .willReturn(json(200, graph.pageBody("users", page2)).withFixedDelay(700)));

        JsonNode run = sync("FULL");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).as(run.toString()).contains("tenant 'contoso'")
                .contains("token request").contains("AADSTS7000222");
        assertThat(deltaLinks()).isEqualTo(linksBefore);
        assertThat(StateSnapshot.of(jdbc, "contoso")).isEqualTo(before);

        graph.publish();
        assertThat(sync("DELTA").get("status").asString()).isEqualTo("SUCCEEDED");
        assertConvergedTo("TokenStep", before);
    }

    @Test
    @Order(5)
    void databaseConnectionKilledMidRun_runFailsCleanly_andTheNextRunConverges() throws Exception {
        graph.set("u6", "jobTitle", "DbStep").set("u7", "jobTitle", "DbStep").user("ndb", person("Db", "Killed",
                "ndb@contoso.org", null)).member("g-helpdesk", "ndb");
        graph.publish();
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        Map<String, Object> linksBefore = deltaLinks();
        String usersLink = String.valueOf(linksBefore.get("users_delta_link")).replaceAll("#.*", "");
        String page2 = usersLink.substring(usersLink.indexOf("$deltatoken=") + 12) + "-" + graph.currentToken() + "-1";
        assertThat(graph.pageBody("users", page2)).as(page2).isNotNull();
        // the second users page of the delta answers after 300 ms; meanwhile the run's connection is terminated
        inject("users", "$skiptoken", page2, json(200, graph.pageBody("users", page2)).withFixedDelay(300), 1);
        var answer = api.post("/api/tenants/contoso/sync", "{\"mode\":\"DELTA\"}");
        assertThat(answer.status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 10_000;
        while (graph.wireMock().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1.0/users/delta")).withQueryParam("$skiptoken", matching(DELTA_PAGE))).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the run reached page 2").isLessThan(deadline);
            sleep(5);
        }
        // Pages are fetched ahead while the run's thread still applies the previous one, so its connection turns
        // "idle in transaction" a moment after page 2 was requested: keep trying within the 300 ms the page takes.
        int killed = 0;
        long killBy = System.currentTimeMillis() + 2_000;
        while (killed == 0 && System.currentTimeMillis() < killBy) {
            killed = jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = "
                    + "current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'", Integer.class);
            if (killed == 0) {
                sleep(5);
            }
        }

        JsonNode run = await(answer.header("Location"));

        assertThat(killed).as("the run's connection was in its transaction").isEqualTo(1);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).as(run.toString()).startsWith("database error; the run was rolled back");
        assertThat(deltaLinks()).isEqualTo(linksBefore);
        assertThat(StateSnapshot.of(jdbc, "contoso")).isEqualTo(before);

        graph.publish();
        JsonNode next = sync("DELTA");
        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertConvergedTo("DbStep", before);
    }

    /** The delta applied the pending change, a full run confirms it changes nothing, tickets are as they were. */
    private void assertConvergedTo(String expectedText, StateSnapshot before) {
        StateSnapshot afterDelta = StateSnapshot.of(jdbc, "contoso");
        assertThat(afterDelta.toString()).contains(expectedText);
        assertThat(afterDelta.duplicateExternalIds()).isEmpty();
        assertThat(afterDelta.tickets()).isEqualTo(before.tickets());

        JsonNode full = sync("FULL");

        assertThat(full.get("status").asString()).as(full.toString()).isEqualTo("SUCCEEDED");
        JsonNode c = full.get("counts");
        assertThat(List.of(c.get("created").asInt(), c.get("updated").asInt(), c.get("linked").asInt(),
                c.get("moved").asInt(), c.get("deactivated").asInt(), c.get("reactivated").asInt(),
                c.get("failed").asInt())).as(full.toString()).containsOnly(0);
        assertThat(StateSnapshot.of(jdbc, "contoso")).isEqualTo(afterDelta);
        assertThat(afterDelta.activeAccounts()).hasSize(graph.activeUserIds().size() + 1);
    }

    private void inject(String stream, String param, String pageRegex, ResponseDefinitionBuilder fault, int times) {
        var wm = graph.wireMock();
        var request = get(urlPathEqualTo("/v1.0/" + stream + "/delta")).withQueryParam(param, matching(pageRegex))
                .atPriority(1);
        if (times < 0) {
            wm.stubFor(request.willReturn(fault));
            return;
        }
        for (int i = 0; i < times; i++) {
            wm.stubFor(get(urlPathEqualTo("/v1.0/" + stream + "/delta")).withQueryParam(param, matching(pageRegex))
                    .atPriority(1).inScenario("fault").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "fault-" + i)
                    .willSetStateTo("fault-" + (i + 1)).willReturn(fault));
        }
    }

    private Map<String, Object> deltaLinks() {
        return jdbc.queryForMap("select users_delta_link, groups_delta_link from mirror_state where tenant = 'contoso'");
    }

    private static ResponseDefinitionBuilder reset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    private static ResponseDefinitionBuilder throttled(int status) {
        return json(status, "{\"error\":{\"code\":\"" + (status == 429 ? "TooManyRequests" : "serviceNotAvailable")
                + "\",\"message\":\"slow down\"}}").withHeader("Retry-After", "1");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private JsonNode sync(String mode) {
        return api.syncAndWait("contoso", mode, false);
    }

    private JsonNode await(String location) {
        return api.awaitRun(location, java.time.Duration.ofMinutes(1));
    }
}
