package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.support.Await.sleep;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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
 * A known client secret (from a file) and a known access token (from the fake token endpoint) go through a
 * successful run and through failing ones whose error answers even echo them back; neither may show up in the log
 * (DEBUG for our code and the Microsoft libraries), the run records, the audit log or any API answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.graph.max-retry-wait=50ms",
        "logging.level.io.entrasync=DEBUG",
        "logging.level.com.microsoft=DEBUG",
        "logging.level.com.azure=DEBUG",
        "logging.level.okhttp3=DEBUG"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class SecretsNeverLeakTest {

    static final String SECRET = "Zq8~known-client-secret-4711";
    static final String ACCESS_TOKEN = "eyJknown-access-token-0815";
    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "secrets-sync", "mappings");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        try {
            Files.createDirectories(MAPPINGS);
            Path secret = MAPPINGS.resolveSibling("contoso.secret");
            Files.writeString(secret, SECRET + "\n");
            Files.writeString(MAPPINGS.resolve("contoso.yaml"), graph.mapping("contoso", secret.toAbsolutePath().toString(),
                    "sites:\n  - { default: HQ }\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("entra-sync.mappings-dir", () -> MAPPINGS.toAbsolutePath().toString());
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void secretAndAccessToken_appearNowhere() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        ApiClient api = new ApiClient(port);
        List<String> answers = new ArrayList<>();
        try {
            graph.user("u1", person("Ann", "Lee", "ann@contoso.org", null))
                    .user("u2", person("Ben", "Ode", "ben@contoso.org", null))
                    .user("u3", person("Cy", "Park", "cy@contoso.org", null))
                    .accessToken(ACCESS_TOKEN).tokenLifetime(1).publish();

            JsonNode ok = sync(api, "FULL", answers);
            assertThat(ok.get("status").asString()).as(ok.toString()).isEqualTo("SUCCEEDED");
            // Graph rejects the token and echoes it back in its error message
            graph.wireMock().stubFor(get(urlPathEqualTo("/v1.0/users/delta")).atPriority(1).willReturn(aResponse()
                    .withStatus(401).withHeader("Content-Type", "application/json").withBody(
                            "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"token " + ACCESS_TOKEN
                                    + " is expired\"}}")));
            JsonNode graphRefused = sync(api, "FULL", answers);
            assertThat(graphRefused.get("status").asString()).isEqualTo("FAILED");
            // the authority refuses the secret (as Entra words it; MSAL logs this description verbatim at ERROR,
            // so an authority that echoed the secret would put it into the log through MSAL, not through us)
            graph.wireMock().stubFor(post(urlPathEqualTo("/" + FakeDirectory.TENANT_ID + "/oauth2/v2.0/token"))
                    .atPriority(1).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid "
                                    + "client secret provided. Ensure the secret being sent in the request is the "
                                    + "client secret value, not the client secret ID.\",\"error_codes\":[7000215]}")));
            sleep(1_100);
            JsonNode tokenRefused = sync(api, "FULL", answers);
            assertThat(tokenRefused.get("status").asString()).as(tokenRefused.toString()).isEqualTo("FAILED");
            assertThat(tokenRefused.get("error").asString()).contains("AADSTS7000215");

            for (String path : List.of("/api/tenants", "/api/tenants/contoso", "/api/sync-runs?tenant=contoso",
                    "/api/users?size=100", "/api/sync-runs/" + ok.get("id").asLong() + "/changes")) {
                answers.add(api.get(path).body());
            }
            answers.add(api.post("/api/mappings/validate", "application/yaml",
                    "tenant: x\nclientSecret: " + SECRET + "\n").body());
        } finally {
            root.detachAppender(log);
        }

        graph.wireMock().verify(postRequestedFor(urlPathEqualTo("/" + FakeDirectory.TENANT_ID + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_secret=" + SECRET.replace("~", "%7E"))));
        graph.wireMock().verify(getRequestedFor(urlPathEqualTo("/v1.0/users/delta"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        List<String> logLines = new ArrayList<>();
        for (ILoggingEvent event : log.list) {
            logLines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                logLines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(logLines).as("the log captured the runs").anyMatch(line -> line.contains("sync run"));
        List<String> rows = new ArrayList<>();
        for (String table : List.of("sync_run", "sync_change", "mirror_state", "mirror_user", "end_user")) {
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table)) {
                rows.add(table + ": " + row);
            }
        }
        for (String secret : List.of(SECRET, ACCESS_TOKEN)) {
            assertThat(logLines).as("log lines").noneMatch(line -> line.contains(secret));
            assertThat(rows).as("database rows").noneMatch(row -> row.contains(secret));
            assertThat(answers).as("API answers").noneMatch(answer -> answer.contains(secret));
        }
    }

    private static JsonNode sync(ApiClient api, String mode, List<String> answers) {
        var answer = api.post("/api/tenants/contoso/sync", "{\"mode\":\"" + mode + "\"}");
        answers.add(answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            var run = api.get(answer.header("Location"));
            String status = run.json().get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                answers.add(run.body());
                return run.json();
            }
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            sleep(50);
        }
    }
}
