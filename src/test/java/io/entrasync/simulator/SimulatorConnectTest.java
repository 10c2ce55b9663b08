package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's MSP side over HTTP: the admin-consent page and its redirects, the token endpoint that refuses the
 * MSP app until consent and for the propagation delay after it (AADSTS7000229), {@code GET /organization}, and the
 * group picker's {@code startswith} filter.
 */
class SimulatorConnectTest {

    private static final String MSP_CLIENT = "00000000-0000-0000-0000-00000000a11c";
    private static final String MSP_SECRET = "msp-secret";
    private static final Duration DELAY = Duration.ofMillis(1500);
    private static final String CALLBACK = "https://entra-sync.example/connect/callback";
    private static final CustomerTenant FABRIKAM = CustomerTenant.DEMO.get(0);
    private static final CustomerTenant NORTHWIND = CustomerTenant.DEMO.get(1);
    private static final CustomerTenant LATE = new CustomerTenant("00000000-0000-0000-0000-0000000001a7", "Late Ltd",
            "late.example", 10, 12, 3, List.of("Berlin Office"));
    private static final CustomerTenant DECLINER = new CustomerTenant("00000000-0000-0000-0000-0000000001d0",
            "Decliner AG", "decliner.example", 10, 12, 4, List.of("Berlin Office"));

    private static GraphSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(SimulatedTenant.KEYSTORE_DIR));
        simulator.registerMspApp(new MspAppRegistration(MSP_CLIENT, MSP_SECRET, "Contoso MSP", DELAY));
        simulator.registerCustomer(FABRIKAM);
        simulator.registerCustomer(NORTHWIND);
        simulator.registerCustomer(LATE);
        simulator.registerCustomer(DECLINER);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(simulator.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void consentPage_listsTheCustomers_withAcceptAndCancel_carryingTheRequest() throws Exception {
        HttpResponse<String> page = get(consentQuery(MSP_CLIENT, CALLBACK, "https://graph.example/.default", "s<1>"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("Contoso MSP", "Fabrikam", "Northwind Traders", "fabrikam.example",
                "id=\"tenant-" + FABRIKAM.tenantId() + "\"", "id=\"accept\"", "id=\"cancel\"",
                "name=\"state\" value=\"s&lt;1&gt;\"", "name=\"redirect_uri\" value=\"" + CALLBACK + "\"");
    }

    @Test
    void accept_redirectsWithAdminConsentTenantScopeAndState_andRecordsConsent() throws Exception {
        HttpResponse<String> answer = post(Map.of("client_id", MSP_CLIENT, "redirect_uri", CALLBACK, "scope",
                "https://graph.example/.default", "state", "abc 123", "tenant", NORTHWIND.tenantId(),
                "decision", "accept"));

        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        assertThat(params(location)).containsExactly(Map.entry("admin_consent", "True"),
                Map.entry("tenant", NORTHWIND.tenantId()), Map.entry("scope", "https://graph.example/.default"),
                Map.entry("state", "abc 123"));
        assertThat(simulator.consented(NORTHWIND.tenantId())).isTrue();
    }

    @Test
    void cancel_redirectsWithAccessDenied_andRecordsNothing() throws Exception {
        HttpResponse<String> answer = post(Map.of("client_id", MSP_CLIENT, "redirect_uri", CALLBACK + "?from=page",
                "scope", "https://graph.example/.default", "state", "xyz", "tenant", DECLINER.tenantId(),
                "decision", "cancel"));

        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?from=page&");
        assertThat(params(location)).containsEntry("error", "access_denied")
                .containsEntry("error_description", "AADSTS65004: User declined to consent to access the app.")
                .containsEntry("state", "xyz").doesNotContainKey("tenant");
        assertThat(simulator.consented(DECLINER.tenantId())).isFalse();
    }

    @Test
    void missingOrUnknownClientOrRedirect_isAnErrorPage_neverARedirect() throws Exception {
        HttpResponse<String> noClient = get(consentQuery(null, CALLBACK, "https://graph.example/.default", "s"));
        HttpResponse<String> otherClient = get(consentQuery("11111111-2222-3333-4444-555555555555", CALLBACK,
                "https://graph.example/.default", "s"));
        HttpResponse<String> noRedirect = get(consentQuery(MSP_CLIENT, null, "https://graph.example/.default", "s"));
        HttpResponse<String> relative = get(consentQuery(MSP_CLIENT, "/connect/callback",
                "https://graph.example/.default", "s"));

        assertThat(List.of(noClient, otherClient, noRedirect, relative)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
        });
        assertThat(noClient.body()).contains("AADSTS900144", "&#39;client_id&#39;");
        assertThat(otherClient.body()).contains("AADSTS700016", "11111111-2222-3333-4444-555555555555");
        assertThat(noRedirect.body()).contains("AADSTS900144", "&#39;redirect_uri&#39;");
        assertThat(relative.body()).contains("AADSTS90102");
    }

    @Test
    void missingOrNonDefaultScope_isRedirectedAsAnError() throws Exception {
        HttpResponse<String> none = get(consentQuery(MSP_CLIENT, CALLBACK, null, "s1"));
        HttpResponse<String> delegated = get(consentQuery(MSP_CLIENT, CALLBACK, "https://graph.example/User.Read", "s2"));

        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(params(none.headers().firstValue("Location").orElseThrow())).containsEntry("error",
                "invalid_request").containsEntry("state", "s1");
        assertThat(params(delegated.headers().firstValue("Location").orElseThrow())).containsEntry("error",
                "invalid_scope").containsEntry("state", "s2");
    }

    @Test
    void token_isRefusedWith7000229_untilConsent_andForThePropagationDelay() throws Exception {
        HttpResponse<String> before = token(LATE.tenantId(), MSP_SECRET);
        simulator.consent(LATE.tenantId());
        HttpResponse<String> justAfter = token(LATE.tenantId(), MSP_SECRET);
        Thread.sleep(DELAY.toMillis() + 200);
        HttpResponse<String> later = token(LATE.tenantId(), MSP_SECRET);
        HttpResponse<String> wrongSecret = token(LATE.tenantId(), "wrong");

        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(before.body()).contains("\"error\":\"invalid_client\"", "AADSTS7000229",
                "\"error_codes\":[7000229]", "missing service principal in the tenant " + LATE.tenantId());
        assertThat(justAfter.statusCode()).isEqualTo(400);
        assertThat(justAfter.body()).contains("AADSTS7000229");
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).contains("\"access_token\":\"");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("AADSTS7000215");
    }

    @Test
    void organization_answersLikeGraph_forTheTokensTenant() throws Exception {
        String token = consentedToken(FABRIKAM);

        HttpResponse<String> all = graph("/v1.0/organization", token);
        HttpResponse<String> selected = graph("/v1.0/organization?$select=id,displayName,verifiedDomains", token);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"@odata.context\":\"https://127.0.0.1:" + simulator.port()
                        + "/v1.0/$metadata#organization\"", "\"value\":[{\"id\":\"" + FABRIKAM.tenantId() + "\"",
                "\"displayName\":\"Fabrikam\"", "\"tenantType\":\"AAD\"",
                "{\"capabilities\":\"Email, OfficeCommunicationsOnline\",\"isDefault\":true,\"isInitial\":false,"
                        + "\"name\":\"fabrikam.example\",\"type\":\"Managed\"}",
                "\"isDefault\":false,\"isInitial\":true,\"name\":\"fabrikam.onmicrosoft.com\"");
        assertThat(selected.body()).contains("$metadata#organization(id,displayName,verifiedDomains)",
                "\"displayName\":\"Fabrikam\"", "fabrikam.onmicrosoft.com").doesNotContain("tenantType");
    }

    @Test
    void groups_startswithFilter_findsByPrefix_caseInsensitively_withDoubledQuotes() throws Exception {
        String token = consentedToken(FABRIKAM);

        String berlin = graph("/v1.0/groups?$filter=" + enc("startswith(displayName,'berlin')")
                + "&$select=id,displayName,description&$top=25", token).body();
        String helpdesk = graph("/v1.0/groups?$filter=" + enc("startswith(displayName,'Helpdesk')"), token).body();
        HttpResponse<String> quoted = graph("/v1.0/groups?$filter=" + enc("startswith(displayName,'O''Brien')"), token);
        String top = graph("/v1.0/groups?$filter=" + enc("startswith(displayName,'')") + "&$top=3", token).body();

        assertThat(berlin).contains("\"displayName\":\"Berlin Office\"", "\"description\":\"Everyone in the Berlin "
                + "office\"").doesNotContain("Paris Office", "Helpdesk Users");
        assertThat(helpdesk).contains("\"displayName\":\"Helpdesk Users\"");
        assertThat(quoted.statusCode()).isEqualTo(200);
        assertThat(quoted.body()).contains("\"value\":[]");
        assertThat(top.split("\"displayName\"", -1)).hasSize(4);
    }

    @Test
    void users_displayNameEq_filtersNowInsteadOfListingEveryone() throws Exception {
        String token = consentedToken(FABRIKAM);
        String first = graph("/v1.0/users?$top=1", token).body();
        int at = first.indexOf("\"displayName\":\"") + "\"displayName\":\"".length();
        String name = first.substring(at, first.indexOf('"', at));

        String found = graph("/v1.0/users?$filter=" + enc("displayName eq '" + name + "'"), token).body();
        String none = graph("/v1.0/users?$filter=" + enc("displayName eq 'Nobody Here'"), token).body();

        assertThat(found).contains("\"displayName\":\"" + name + "\"");
        assertThat(found.split("\"displayName\":\"", -1)).allSatisfy(part -> assertThat(part.startsWith("{")
                || part.startsWith(name)).isTrue());
        assertThat(none).contains("\"value\":[]");
    }

    private static String consentedToken(CustomerTenant tenant) throws Exception {
        if (!simulator.consented(tenant.tenantId())) {
            simulator.consent(tenant.tenantId());
        }
        HttpResponse<String> token = token(tenant.tenantId(), MSP_SECRET);
        for (int i = 0; i < 40 && token.statusCode() != 200; i++) {
            Thread.sleep(100);
            token = token(tenant.tenantId(), MSP_SECRET);
        }
        String body = token.body();
        int at = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    private static String consentQuery(String clientId, String redirectUri, String scope, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        if (clientId != null) {
            query.put("client_id", clientId);
        }
        if (scope != null) {
            query.put("scope", scope);
        }
        if (redirectUri != null) {
            query.put("redirect_uri", redirectUri);
        }
        query.put("state", state);
        return AdminConsent.PATH + "?" + form(query);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Map<String, String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + AdminConsent.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> token(String tenantId, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + tenantId + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", MSP_CLIENT, "client_secret", secret,
                        "scope", "https://graph.example/.default", "grant_type", "client_credentials"))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> graph(String pathAndQuery, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery.replace("$", "%24")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
        return out.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The query parameters of a redirect, decoded, in order. */
    private static Map<String, String> params(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            if (!name.equals("from")) {
                params.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
