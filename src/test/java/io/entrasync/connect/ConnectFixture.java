package io.entrasync.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.MspAppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Set-up shared by the connect flow's end-to-end tests: a mappings directory holding the shipped template, the MSP
 * app configured against a {@link FakeDirectory} (WireMock over https as Microsoft's token endpoint and Graph), the
 * tenant's {@code GET /organization} and group search, the admin's browser coming back from the consent page, and a
 * {@link ConnectTime} the test moves by hand.
 */
final class ConnectFixture {

    static final String MSP_CLIENT_ID = MspAppSettings.CLIENT_ID;
    static final String OTHER_TENANT_ID = "99999999-8888-7777-6666-555555555555";

    private ConnectFixture() {
    }

    /** A fresh mappings directory with the shipped template; the MSP app's settings point at {@code graph}. */
    static Path configure(DynamicPropertyRegistry registry, FakeDirectory graph, String name) {
        try {
            Path mappings = Path.of("target", name, "mappings");
            if (Files.exists(mappings)) {
                try (var files = Files.list(mappings)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(mappings);
            Files.copy(Path.of("mappings", "examples", "_msp-default.yaml"), mappings.resolve("_msp-default.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            MspAppSettings.register(registry, mappings, graph);
            registry.add("entra-sync.connect.public-url", () -> "https://sync.example.com/");
            return mappings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Graph's organization of the directory's tenant (as Microsoft's example shapes it: {@code verifiedDomains}
     * objects), users and groups for the connection check and the picker. Call after {@link FakeDirectory#publish()},
     * which resets every stub.
     */
    static void stubTenant(FakeDirectory graph, String organizationId) {
        graph.wireMock().stubFor(get(urlPathEqualTo("/v1.0/organization")).willReturn(json(200, """
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#organization(id,displayName,verifiedDomains)",
                 "value":[{"id":"%s","displayName":"Fabrikam Ltd",
                   "verifiedDomains":[{"capabilities":"Email, OfficeCommunicationsOnline","isDefault":false,
                     "isInitial":true,"name":"fabrikam.onmicrosoft.com","type":"Managed"},
                     {"capabilities":"Email","isDefault":true,"isInitial":false,"name":"fabrikam.com",
                     "type":"Managed"}]}]}""".formatted(organizationId))));
        graph.wireMock().stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(json(200,
                "{\"value\":[{\"id\":\"u1\"}]}")));
        graph.wireMock().stubFor(get(urlPathEqualTo("/v1.0/groups")).willReturn(json(200, """
                {"value":[{"id":"g-helpdesk","displayName":"Helpdesk Users","description":"Everyone we serve"}]}""")));
    }

    /** The token endpoint of {@code tenantId} refusing as Entra does right after a consent (AADSTS7000229). */
    static StubMapping refusingToken(FakeDirectory graph, String tenantId, String scenario, String state) {
        return graph.wireMock().stubFor(post(urlPathEqualTo("/" + tenantId + "/oauth2/v2.0/token")).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs(state).willReturn(json(400, """
                        {"error":"invalid_client","error_description":"AADSTS7000229: The client application %s is \
                        missing service principal in the tenant %s. Trace ID: 0 Correlation ID: 0 Timestamp: \
                        2026-12-06 13:00:00Z","error_codes":[7000229],"timestamp":"2026-12-06 13:00:00Z",\
                        "trace_id":"0","correlation_id":"0"}""".formatted(MSP_CLIENT_ID, tenantId))));
    }

    /** Starts a connection as the admin token (asserting 201). */
    static JsonNode start(ApiClient api, String tenant) {
        ApiClient.Answer started = api.post("/api/tenants/connect", "{\"tenant\":\"" + tenant + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json();
    }

    /** Microsoft's redirect after a consent, as the admin's browser follows it (no API credential). */
    static ApiClient.Answer consented(int port, String state, String tenantId, boolean json) {
        return callback(port, "admin_consent=True&tenant=" + tenantId + "&state=" + enc(state)
                + "&scope=" + enc("https://graph.microsoft.com/.default"), json);
    }

    static ApiClient.Answer callback(int port, String query, boolean json) {
        return new ApiClient(port, null).getAccepting("/connect/callback?" + query,
                json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Real time plus an offset the test moves; a pause moves it instead of sleeping, then runs {@link #onPause}. */
    static final class FakeTime implements ConnectTime {
        private volatile Duration offset = Duration.ZERO;
        volatile Runnable onPause = () -> { };
        volatile int pauses;

        @Override
        public Instant now() {
            return Instant.now().plus(offset);
        }

        @Override
        public void pause(Duration wait) {
            offset = offset.plus(wait);
            pauses++;
            onPause.run();
        }

        void advance(Duration duration) {
            offset = offset.plus(duration);
        }
    }

    /** Puts {@link FakeTime} in place of the system's. */
    @TestConfiguration
    static class Time {
        static final FakeTime TIME = new FakeTime();

        @Bean
        @Primary
        ConnectTime fakeConnectTime() {
            return TIME;
        }
    }
}
