package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.TenantConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's wire behaviour seen by a plain HTTP client that trusts only the simulator's certificate. */
class SimulatorHttpTest {

    private static final String TENANT_ID = "http-test";

    private static GraphSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(SimulatedTenant.KEYSTORE_DIR));
        simulator.register(TenantRegistration.withSecret(TENANT_ID, SimulatedTenant.CLIENT_ID, SimulatedTenant.SECRET),
                DirectoryShape.of(40, 12, 1));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(simulator.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(context).build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void tokenEndpoint_answersLikeEntra() throws Exception {
        HttpResponse<String> token = token(SimulatedTenant.SECRET);
        HttpResponse<String> refused = token("wrong");

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":3599", "\"access_token\":\"");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\":\"invalid_client\"", "AADSTS7000215", "\"error_codes\":[7000215]");
    }

    @Test
    void graph_withoutAnIssuedToken_isUnauthorized() throws Exception {
        HttpResponse<String> none = get("/v1.0/users/delta", null, null);
        HttpResponse<String> forged = get("/v1.0/users/delta", "forged.token", null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("InvalidAuthenticationToken");
    }

    @Test
    void preferMaxPageSize_isHonoured() throws Exception {
        HttpResponse<String> page = get("/v1.0/users/delta()?$select=id", accessToken(), "odata.maxpagesize=7");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=7");
        assertThat(page.body().split("\"userPrincipalName\"", -1)).hasSize(8);
        assertThat(page.body()).contains("\"@odata.nextLink\":\"https://127.0.0.1:" + simulator.port()
                + "/v1.0/users/delta?$skiptoken=");
    }

    @Test
    void unknownUser_is404WithGraphsCode() throws Exception {
        HttpResponse<String> missing = get("/v1.0/users/c6b56b5d-8a0f-4b0e-8f6e-2a4b3a2a9e11", accessToken(), null);
        HttpResponse<String> found = get("/v1.0/users/" + simulator.directory(TENANT_ID).userId(3), accessToken(), null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"Request_ResourceNotFound\"");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(simulator.directory(TENANT_ID).userId(3));
    }

    /** Like Graph for users and groups: an expired delta token is a 400 with code syncStateNotFound, not a 410. */
    @Test
    void expiredDeltaToken_is400SyncStateNotFound_likeGraph() throws Exception {
        String token = accessToken();
        String first = get("/v1.0/users/delta()?$select=id", token, "odata.maxpagesize=100").body();
        int at = first.indexOf("/v1.0/users/delta?");
        String link = first.substring(at, first.indexOf('"', at));
        simulator.expireDeltaTokens(TENANT_ID);

        HttpResponse<String> expired = get(link, token, null);

        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("\"code\":\"syncStateNotFound\"",
                "The delta token is expired and data must be synchronized again.");
    }

    @Test
    void tlsTrust_coversOnlyTheSimulatorsEndpoint() {
        SimulatorTlsTrust trust = new SimulatorTlsTrust(simulator.trustStore(), simulator.port());

        assertThat(trust.forTenant(custom("https://127.0.0.1:" + simulator.port()))).isPresent();
        assertThat(trust.forTenant(custom("https://localhost:" + simulator.port() + "/"))).isPresent();
        assertThat(trust.forTenant(custom("https://127.0.0.1:" + (simulator.port() + 1)))).isEmpty();
        assertThat(trust.forTenant(custom("http://127.0.0.1:" + simulator.port()))).isEmpty();
        assertThat(trust.forTenant(new TenantConnection("t", "id", "c", null, TenantConnection.Cloud.GLOBAL, null,
                null))).isEmpty();
    }

    private static TenantConnection custom(String endpoint) {
        return new TenantConnection("t", "id", "c", null, TenantConnection.Cloud.CUSTOM, endpoint, endpoint);
    }

    private static HttpResponse<String> token(String secret) throws Exception {
        String form = "client_id=" + SimulatedTenant.CLIENT_ID + "&client_secret=" + secret
                + "&scope=https%3A%2F%2Fgraph.example%2F.default&grant_type=client_credentials";
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken() throws Exception {
        String body = token(SimulatedTenant.SECRET).body();
        int at = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    private static HttpResponse<String> get(String path, String token, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path.replace("$", "%24")));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
