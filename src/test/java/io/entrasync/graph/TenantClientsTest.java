package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.graph.GraphTestServer.SECRET;
import static io.entrasync.graph.GraphTestServer.SECRET_ENV;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.entrasync.source.TenantConnection;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenants' Graph clients against WireMock over https: one warm connection serves every tenant's runs. */
class TenantClientsTest {

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        wireMock = server.wireMock();
        wireMock.resetAll();
        server.stubToken("token.json");
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/organization")).willReturn(aResponse().withStatus(200)
                .withBody("{}")));
    }

    @Test
    void twoTenantsOnOneHost_shareOneConnection_eachSendingItsOwnToken() throws IOException {
        TenantClients clients = new TenantClients(GraphDirectorySourceTest.FAST, GraphTestServer.trust(),
                new CredentialLoader(Map.of(SECRET_ENV, SECRET)::get), Clock.systemUTC());
        TenantConnection contoso = server.tenant();
        TenantConnection fabrikam = new TenantConnection("fabrikam", contoso.tenantId(), contoso.clientId(), contoso.credentials(), contoso.cloud(), contoso.graphEndpoint(),
                contoso.authorityHost());

        TenantClient first = clients.forTenant(contoso);
        TenantClient second = clients.forTenant(fabrikam);
        call(first);
        call(second);
        call(first);

        assertThat(second).isNotSameAs(first);
        assertThat(second.http().connectionPool()).isSameAs(first.http().connectionPool());
        assertThat(first.http().connectionPool().connectionCount()).as("one TLS connection for both tenants")
                .isEqualTo(1);
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/v1.0/organization"))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    private static void call(TenantClient client) throws IOException {
        Request request = new Request.Builder().url(client.graphBaseUrl() + "/organization").build();
        try (Response response = client.http().newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
    }
}
