package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.graph.GraphTestServer.SECRET;
import static io.entrasync.graph.GraphTestServer.SECRET_ENV;
import static io.entrasync.graph.GraphTestServer.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.entrasync.source.ChangeSubscriptions;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GraphChangeSubscriptions} on the service's shared {@link TenantClients} (WireMock over https, the real MSAL
 * and Graph SDK): one token serves delta reads and subscription calls; a network fault comes out as a
 * {@link DirectorySourceException} naming its cause (Kiota's plain RuntimeException would end a renewal pass);
 * {@code GET /subscriptions/{id}} tells a dropped subscription (404) from a live one.
 */
class GraphChangeSubscriptionsTest {

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    WireMockServer wireMock;
    TenantClients clients;
    GraphChangeSubscriptions subscriptions;

    @BeforeEach
    void setUp() {
        wireMock = server.wireMock();
        wireMock.resetAll();
        server.stubToken("token.json");
        clients = new TenantClients(GraphDirectorySourceTest.FAST, GraphTestServer.trust(),
                new CredentialLoader(Map.of(SECRET_ENV, SECRET)::get), Clock.systemUTC());
        subscriptions = new GraphChangeSubscriptions(clients);
    }

    @Test
    void deltaReadsAndSubscriptionCalls_shareOneTokenPerTenant() {
        GraphDirectorySource source = new GraphDirectorySource(GraphDirectorySourceTest.FAST, clients);
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/delta")).willReturn(server.json(200,
                "users-delta-page2.json")));
        wireMock.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"sub-1\",\"expirationDateTime\":\"2099-01-01T00:00:00Z\"}")));

        source.readUsers(server.tenant(), null, false, page -> { });
        ChangeSubscriptions.Created created = subscriptions.create(server.tenant(), request());

        assertThat(created.id()).isEqualTo("sub-1");
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).as("token requests").hasSize(1);
    }

    @Test
    void graphThatRefusesTheConnection_isADirectorySourceException_namingTheCause() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TenantConnection base = server.tenant();
        TenantConnection unreachable = new TenantConnection(base.tenantKey(), base.tenantId(), base.clientId(),
                base.credentials(), base.cloud(), "https://127.0.0.1:" + closed, base.authorityHost());

        assertThatThrownBy(() -> subscriptions.create(unreachable, request()))
                .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.errorCode()).isEqualTo("refused");
                    assertThat(e.getMessage()).contains("POST /subscriptions (users)", "refused")
                            .doesNotContain("Exception");
                });
        assertThatThrownBy(() -> subscriptions.find(unreachable, "sub-1"))
                .isInstanceOf(DirectorySourceException.class);
    }

    @Test
    void find_isEmptyForASubscriptionGraphDropped_andNamesTheUrlOfALiveOne() {
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/subscriptions/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The object was not found.\"}}")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/subscriptions/live")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"live\",\"notificationUrl\":"
                        + "\"https://sync.example.org/webhooks/graph\",\"expirationDateTime\":\"2099-01-01T00:00:00Z\"}")));

        assertThat(subscriptions.find(server.tenant(), "gone")).isEmpty();
        assertThat(subscriptions.find(server.tenant(), "live")).hasValueSatisfying(found -> {
            assertThat(found.notificationUrl()).isEqualTo("https://sync.example.org/webhooks/graph");
            assertThat(found.expiresAt()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
        });
    }

    @Test
    void list_followsNextLinks() {
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/subscriptions")).withQueryParam("$skiptoken",
                com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"value\":[{\"id\":\"a\",\"resource\":"
                        + "\"users\",\"notificationUrl\":\"https://sync.example.org/webhooks/graph\"}],"
                        + "\"@odata.nextLink\":\"" + server.base() + "/v1.0/subscriptions?$skiptoken=2\"}")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/subscriptions")).withQueryParam("$skiptoken",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"value\":[{\"id\":\"b\",\"resource\":"
                        + "\"groups\",\"notificationUrl\":\"https://sync.example.org/webhooks/graph\"}]}")));

        assertThat(subscriptions.list(server.tenant())).extracting(ChangeSubscriptions.Found::id,
                ChangeSubscriptions.Found::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "users"), org.assertj.core.groups.Tuple.tuple("b", "groups"));
    }

    private static ChangeSubscriptions.Request request() {
        return new ChangeSubscriptions.Request("users", "updated,deleted", "https://sync.example.org/webhooks/graph",
                "https://sync.example.org/webhooks/graph/lifecycle", "client-state", Instant.now().plusSeconds(3600));
    }
}
