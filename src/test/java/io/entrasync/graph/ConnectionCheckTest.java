package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.graph.GraphTestServer.SECRET;
import static io.entrasync.graph.GraphTestServer.SECRET_ENV;
import static io.entrasync.graph.GraphTestServer.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.entrasync.source.TenantConnection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Test connection" probes against WireMock over https with the real MSAL and Graph clients; token refusals are
 * shaped like Entra's (AADSTS codes in {@code error_description} and {@code error_codes}), Graph's refusals like its
 * error reference ({@code Authorization_RequestDenied}).
 */
class ConnectionCheckTest {

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    WireMockServer wireMock;
    ConnectionCheck check;
    final Map<String, String> groups = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        wireMock = server.wireMock();
        wireMock.resetAll();
        check = new ConnectionCheck(GraphDirectorySourceTest.FAST, GraphTestServer.trust(), Map.of(SECRET_ENV, SECRET)::get,
                Clock.systemUTC());
        groups.put("Helpdesk Users", "scope.groups");
    }

    void stubReadableTenant() {
        server.stubToken("token.json");
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/users")).withQueryParam("$top", equalTo("1"))
                .willReturn(server.json(200, "users-top1.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/groups")).withQueryParam("$top", equalTo("1"))
                .withQueryParam("$filter", absent()).willReturn(server.json(200, "groups-none.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/groups")).withQueryParam("$filter", equalTo(
                "displayName eq 'Helpdesk Users'")).willReturn(server.json(200, "groups-by-name.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/groups")).withQueryParam("$filter", equalTo(
                "displayName eq 'Helpdsk Users'")).willReturn(server.json(200, "groups-none.json")));
    }

    @Test
    void goodTenant_everyCheckIsOk() {
        stubReadableTenant();

        List<ConnectionCheck.Line> lines = check.check(server.tenant(), groups);

        assertThat(lines).extracting(ConnectionCheck.Line::check)
                .containsExactly("token", "read users", "read groups", "group 'Helpdesk Users' (scope.groups)");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.status()).as(l.toString()).isEqualTo("ok");
            assertThat(l.fix()).isNull();
        });
        assertThat(lines.get(3).detail()).contains("02bd9fd6-8f93-4758-87c3-1fb73740a315");
    }

    @Test
    void wrongSecret_failsTheTokenNamingTheAadstsCodeAndTheFix_andSkipsTheRest() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(server.json(401, "token-error-invalid-client.json")));

        List<ConnectionCheck.Line> lines = check.check(server.tenant(), groups);

        assertThat(lines.get(0)).satisfies(l -> {
            assertThat(l.status()).isEqualTo("failed");
            assertThat(l.detail()).contains("AADSTS7000215").doesNotContain(SECRET);
            assertThat(l.fix()).contains("Value (not its Secret ID)");
        });
        assertThat(lines.subList(1, lines.size())).extracting(ConnectionCheck.Line::status).containsOnly("skipped");
    }

    @Test
    void expiredSecret_saysToCreateANewOne() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(server.json(401, "token-error-expired-secret.json")));

        ConnectionCheck.Line token = check.check(server.tenant(), groups).get(0);

        assertThat(token.detail()).contains("AADSTS7000222");
        assertThat(token.fix()).contains("expired", "create a new one");
    }

    @Test
    void wrongTenant_saysToCheckTenantIdAndCloud() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(server.json(400, "token-error-unknown-tenant.json")));

        ConnectionCheck.Line token = check.check(server.tenant(), groups).get(0);

        assertThat(token.detail()).contains("AADSTS90002");
        assertThat(token.fix()).contains("tenantId", "cloud");
    }

    @Test
    void missingSecretVariable_failsTheTokenNamingTheVariable() {
        check = new ConnectionCheck(GraphDirectorySourceTest.FAST, GraphTestServer.trust(), Map.<String, String>of()::get,
                Clock.systemUTC());

        ConnectionCheck.Line token = check.check(server.tenant(), groups).get(0);

        assertThat(token.status()).isEqualTo("failed");
        assertThat(token.detail()).contains(SECRET_ENV);
        assertThat(token.fix()).contains("environment variable");
    }

    @Test
    void consentMissing_readIsForbidden_saysWhichPermissionsToGrant() {
        stubReadableTenant();
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/users")).atPriority(1).willReturn(server.json(403, "error-forbidden.json")));
        wireMock.stubFor(get(urlPathEqualTo("/v1.0/groups")).atPriority(1).willReturn(server.json(403, "error-forbidden.json")));

        List<ConnectionCheck.Line> lines = check.check(server.tenant(), groups);

        assertThat(lines.get(0).status()).isEqualTo("ok");
        assertThat(lines.get(1)).satisfies(l -> {
            assertThat(l.status()).isEqualTo("failed");
            assertThat(l.detail()).contains("403", "Authorization_RequestDenied");
            assertThat(l.fix()).contains("User.Read.All", "GroupMember.Read.All", "admin consent");
        });
        assertThat(lines.get(2).status()).isEqualTo("failed");
        assertThat(lines.get(3).status()).isEqualTo("skipped");
    }

    @Test
    void unknownGroupName_failsNamingTheRuleToCorrect() {
        stubReadableTenant();
        groups.put("Helpdsk Users", "sites[0].group");

        List<ConnectionCheck.Line> lines = check.check(server.tenant(), groups);

        assertThat(lines.get(3).status()).isEqualTo("ok");
        assertThat(lines.get(4)).satisfies(l -> {
            assertThat(l.check()).isEqualTo("group 'Helpdsk Users' (sites[0].group)");
            assertThat(l.status()).isEqualTo("failed");
            assertThat(l.detail()).contains("no group 'Helpdsk Users'");
            assertThat(l.fix()).contains("correct sites[0].group");
        });
    }

    @Test
    void unknownHost_isNamedAsADnsProblem_notAsACredentialOne() {
        List<ConnectionCheck.Line> lines = check.check(at("https://login.no-such-host.invalid"), groups);

        ConnectionCheck.Line token = lines.get(0);
        assertThat(token.status()).isEqualTo("failed");
        assertThat(token.detail()).contains("login.no-such-host.invalid", "cannot be resolved", "DNS");
        assertThat(token.fix()).contains("does not resolve").doesNotContain("clientId", "credential");
        assertNoJavaTypeNames(lines);
    }

    @Test
    void connectionRefused_isNamedAsSuch() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        List<ConnectionCheck.Line> lines = check.check(at("https://127.0.0.1:" + closed), groups);

        ConnectionCheck.Line token = lines.get(0);
        assertThat(token.status()).isEqualTo("failed");
        assertThat(token.detail()).contains("refused");
        assertThat(token.fix()).contains("nothing accepted the connection").doesNotContain("credential");
        assertNoJavaTypeNames(lines);
    }

    @Test
    void untrustedCertificate_isNamedAsATlsTrustProblem() {
        // the test server's certificate, without the test trust: the JVM's trust store does not know it
        ConnectionCheck untrusting = new ConnectionCheck(GraphDirectorySourceTest.FAST, TlsTrust.jvmDefault(),
                Map.of(SECRET_ENV, SECRET)::get, Clock.systemUTC());

        List<ConnectionCheck.Line> lines = untrusting.check(server.tenant(), groups);

        assertThat(lines.get(0).detail()).contains("TLS certificate is not trusted");
        assertThat(lines.get(0).fix()).contains("trust store");
        assertNoJavaTypeNames(lines);
    }

    @Test
    void graphUnreachableAfterTheToken_readsAreNamedAsANetworkProblem() throws Exception {
        server.stubToken("token.json");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TenantConnection base = server.tenant();
        TenantConnection tenant = new TenantConnection(base.tenantKey(), base.tenantId(), base.clientId(),
                base.credentials(), base.cloud(), "https://127.0.0.1:" + closed, base.authorityHost());

        List<ConnectionCheck.Line> lines = check.check(tenant, groups);

        assertThat(lines.get(0).status()).isEqualTo("ok");
        assertThat(lines.get(1).status()).isEqualTo("failed");
        assertThat(lines.get(1).detail()).contains("refused");
        assertThat(lines.get(1).fix()).contains("nothing accepted the connection").doesNotContain("try again later");
        assertNoJavaTypeNames(lines);
    }

    private static TenantConnection at(String authorityHost) {
        TenantConnection base = server.tenant();
        return new TenantConnection(base.tenantKey(), base.tenantId(), base.clientId(), base.credentials(),
                base.cloud(), base.graphEndpoint(), authorityHost);
    }

    /** No answer names a Java type (MsalClientException, UnknownHostException …): admins read these. */
    private static void assertNoJavaTypeNames(List<ConnectionCheck.Line> lines) {
        for (ConnectionCheck.Line line : lines) {
            assertThat(line.toString()).doesNotContainPattern("[A-Z][A-Za-z]+(Exception|Error)\\b")
                    .doesNotContain("java.", "javax.");
        }
    }
}
