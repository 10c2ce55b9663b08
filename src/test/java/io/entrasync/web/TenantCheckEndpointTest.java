package io.entrasync.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/tenants/{tenant}/check} end to end (real MSAL and Graph clients against WireMock): one line per
 * check, a typo in a group name found before the first sync, and nothing changed by the check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class TenantCheckEndpointTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "tenant-check", "mappings");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Ofice, site: Berlin }
                      - { default: HQ }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @BeforeAll
    static void directory() {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").publish();
        var wm = graph.wireMock();
        wm.stubFor(get(urlPathEqualTo("/v1.0/users")).willReturn(json("{\"value\":[{\"id\":\"u1\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/v1.0/groups")).willReturn(json("{\"value\":[{\"id\":\"g-helpdesk\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/v1.0/groups")).withQueryParam("$filter", equalTo("displayName eq 'Helpdesk Users'"))
                .willReturn(json("{\"value\":[{\"id\":\"g-helpdesk\",\"displayName\":\"Helpdesk Users\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/v1.0/groups")).withQueryParam("$filter", equalTo("displayName eq 'Berlin Ofice'"))
                .willReturn(json("{\"value\":[]}")));
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @Test
    void check_answersOneLinePerCheck_findsTheMistypedGroup_andChangesNothing() {
        ApiClient api = new ApiClient(port);

        ApiClient.Answer answer = api.post("/api/tenants/contoso/check", "{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("tenant").asString()).isEqualTo("contoso");
        assertThat(report.get("ok").asBoolean()).isFalse();
        List<String> lines = new ArrayList<>();
        report.get("checks").forEach(l -> lines.add(l.get("check").asString() + ": " + l.get("status").asString()));
        assertThat(lines).containsExactly("token: ok", "read users: ok", "read groups: ok",
                "group 'Helpdesk Users' (scope.groups): ok", "group 'Berlin Ofice' (sites[0].group): failed");
        assertThat(report.get("checks").get(4).get("fix").asString()).contains("correct sites[0].group");
        assertThat(api.get("/api/sync-runs?tenant=contoso").body()).doesNotContain("\"id\"");
        assertThat(api.get("/api/users?tenant=contoso").json().get("content")).isEmpty();
    }

    @Test
    void unknownTenant_is404_andTheCheckNeedsTheAdminToken() {
        assertThat(new ApiClient(port).post("/api/tenants/nope/check", "{}").status()).isEqualTo(404);
        assertThat(new ApiClient(port, "wrong").post("/api/tenants/contoso/check", "{}").status()).isEqualTo(401);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
