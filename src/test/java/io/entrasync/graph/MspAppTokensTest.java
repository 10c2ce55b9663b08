package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.graph.GraphTestServer.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.entrasync.source.TenantConnection;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MSP's multi-tenant app ({@code credentials: { app: msp }}): one app, one credential, and each tenant gets a
 * token for its own tenant id from the (WireMock, https) token endpoint through real MSAL.
 */
class MspAppTokensTest {

    static final String CONTOSO_ID = "11111111-2222-3333-4444-555555555555";
    static final String FABRIKAM_ID = "22222222-3333-4444-5555-666666666666";
    static final String MSP_CLIENT_ID = "bbbbbbbb-cccc-dddd-eeee-ffffffffffff";

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();

    @Test
    void twoTenantsOfTheMspApp_getTwoTokens_eachFromItsOwnTenant_withOneCredentialRead() throws IOException {
        WireMockServer wireMock = server.wireMock();
        wireMock.resetAll();
        stubToken(wireMock, CONTOSO_ID, "token-of-contoso");
        stubToken(wireMock, FABRIKAM_ID, "token-of-fabrikam");
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/organization")).willReturn(aResponse().withStatus(200)
                .withBody("{}")));
        AtomicInteger secretReads = new AtomicInteger();
        TenantClients clients = new TenantClients(GraphDirectorySourceTest.FAST, GraphTestServer.trust(),
                new CredentialLoader(name -> {
                    secretReads.incrementAndGet();
                    return "MSP_SECRET".equals(name) ? SECRET : null;
                }), Clock.systemUTC());
        TenantConnection.Credentials msp = new TenantConnection.Credentials("MSP_SECRET", null, null, null, true);

        TenantClient contoso = clients.forTenant(tenant("contoso", CONTOSO_ID, msp));
        TenantClient fabrikam = clients.forTenant(tenant("fabrikam", FABRIKAM_ID, msp));
        call(contoso);
        call(fabrikam);
        call(contoso);

        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/" + CONTOSO_ID + "/oauth2/v2.0/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("client_id=" + MSP_CLIENT_ID)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/" + FABRIKAM_ID + "/oauth2/v2.0/token")));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/organization"))
                .withHeader("Authorization", equalTo("Bearer token-of-contoso")));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/organization"))
                .withHeader("Authorization", equalTo("Bearer token-of-fabrikam")));
        assertThat(secretReads).as("one MSAL application, one credential, for every tenant of the MSP app")
                .hasValue(1);
    }

    private static TenantConnection tenant(String key, String tenantId, TenantConnection.Credentials credentials) {
        return new TenantConnection(key, tenantId, MSP_CLIENT_ID, credentials, TenantConnection.Cloud.CUSTOM,
                server.base(), server.base());
    }

    private static void stubToken(WireMockServer wireMock, String tenantId, String token) {
        wireMock.stubFor(post(urlPathEqualTo("/" + tenantId + "/oauth2/v2.0/token")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                        + "\"access_token\":\"" + token + "\"}")));
    }

    private static void call(TenantClient client) throws IOException {
        Request request = new Request.Builder().url(client.graphBaseUrl() + "/organization").build();
        try (Response response = client.http().newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
    }
}
