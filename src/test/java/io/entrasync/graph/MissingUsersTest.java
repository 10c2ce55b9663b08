package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confirming the users a full read missed with {@code POST /directoryObjects/getByIds} (WireMock over https, real
 * MSAL and Graph clients). Request and answer are shaped like the example of Graph's "directoryObject: getByIds":
 * {@code {"ids":[…],"types":["user"]}} with up to 1000 ids, answered {@code {"value":[{"@odata.type":
 * "#microsoft.graph.user","id":…}]}}.
 */
class MissingUsersTest {

    static final String GET_BY_IDS = "/v1.0/directoryObjects/getByIds";
    static final String TREVOR = "84b80893-8749-40a3-97b7-68513b600544";
    static final String BILLY = "5d6059b6-368d-45f8-91e1-8e07d485f1d0";

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    WireMockServer wireMock;
    GraphDirectorySource source;
    TenantConnection tenant;

    @BeforeEach
    void setUp() {
        wireMock = server.wireMock();
        wireMock.resetAll();
        server.stubToken("token.json");
        source = GraphDirectorySourceTest.newSource(GraphDirectorySourceTest.FAST);
        tenant = server.tenant();
    }

    @Test
    void manyMissingUsers_areConfirmedInBatchesOfAThousand_oneCallEach() {
        wireMock.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(server.json(200, "getbyids-users.json")));
        List<String> ids = new ArrayList<>(List.of(TREVOR, BILLY));
        for (int i = 0; i < 2_498; i++) {
            ids.add(UUID.nameUUIDFromBytes(("gone-" + i).getBytes()).toString());
        }

        Set<String> missing = source.missingUsers(tenant, ids);

        assertThat(missing).hasSize(2_498).doesNotContain(TREVOR, BILLY);
        List<JsonNode> bodies = wireMock.findAll(postRequestedFor(urlPathEqualTo(GET_BY_IDS))).stream()
                .map(r -> JsonMapper.builder().build().readTree(r.getBodyAsString())).toList();
        assertThat(bodies).extracting(b -> b.get("ids").size()).containsExactly(1000, 1000, 500);
        assertThat(bodies).allSatisfy(b -> assertThat(b.get("types").toString()).isEqualTo("[\"user\"]"));
        wireMock.verify(0, getRequestedFor(urlPathMatching("/v1.0/users/.*")));
        wireMock.verify(3, postRequestedFor(urlPathEqualTo(GET_BY_IDS)).withHeader("Content-Type",
                com.github.tomakehurst.wiremock.client.WireMock.containing("application/json")));
    }

    @Test
    void noIds_makeNoCall() {
        assertThat(source.missingUsers(tenant, List.of())).isEmpty();

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    /** Graph documents Directory.Read.All for getByIds: an app with User.Read.All only is refused and falls back. */
    @Test
    void getByIdsRefused_fallsBackToOneLookupPerUser() {
        wireMock.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(server.json(403, "error-forbidden.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + TREVOR)).willReturn(server.json(200, "user.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + BILLY)).willReturn(server.json(404, "error-user-not-found.json")));

        Set<String> missing = source.missingUsers(tenant, List.of(TREVOR, BILLY));

        assertThat(missing).containsExactly(BILLY);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(GET_BY_IDS)));
    }

    @Test
    void serverError_throwsRatherThanConfirmingRemovals() {
        wireMock.stubFor(post(urlPathEqualTo(GET_BY_IDS)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(500)));

        assertThatThrownBy(() -> source.missingUsers(tenant, List.of(TREVOR)))
                .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("tenant 'contoso'", "POST " + GET_BY_IDS);
                });
    }

    @Test
    void throttled_isRetriedLikeAPage() {
        wireMock.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("t").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(server.json(429,
                "error-throttled.json").withHeader("Retry-After", "0")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo(GET_BY_IDS)).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(server.json(200, "getbyids-users.json")));

        assertThat(source.missingUsers(tenant, List.of(TREVOR, BILLY))).isEmpty();
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(GET_BY_IDS)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"ids\":[\"" + TREVOR + "\",\"" + BILLY
                        + "\"],\"types\":[\"user\"]}")));
    }
}
