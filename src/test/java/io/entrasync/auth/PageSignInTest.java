package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import io.entrasync.support.PageSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin page's sign-in against a real OIDC provider in the test (Spring Authorization Server with its login
 * form): authorization code with PKCE, the session cookie's flags, roles from the ID token, CSRF on the page's
 * writes (bearer calls stay free of it), refused sign-ins, sign-out, and the audit trail naming the person.
 */
@OidcIntegrationTest
class PageSignInTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        URI landed = session.signIn(user, OidcTestProvider.PEOPLE.get(user).password());
        assertThat(landed.getPath()).isEqualTo("/");
        assertThat(landed.getQuery()).as("no refusal").isNull();
        return session;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void anApprover_signsIn_andTheSessionNamesThemWithTheirRoles() {
        PageSession ada = signedIn("ada");

        JsonNode session = json(ada.call("GET", "/auth/session", null, false));

        assertThat(session.get("user").get("name").asString()).isEqualTo("ada@test");
        assertThat(session.get("user").get("id").asString()).isEqualTo("oid-ada");
        assertThat(session.get("user").get("roles").toString()).contains("EntraSync.Approver", "EntraSync.Reader")
                .doesNotContain("EntraSync.Admin", "EntraSync.Operator");
        assertThat(session.get("signIn").asString()).isEqualTo("/oauth2/authorization/entra");
        assertThat(ada.call("GET", "/api/tenants", null, false).statusCode()).isEqualTo(200);
        assertThat(ada.call("POST", "/api/tenants/nope/sync", "{}", true).statusCode())
                .as("an Approver may not start runs: same route table as bearer calls").isEqualTo(403);
    }

    @Test
    void theSessionCookie_isHttpOnlyAndSameSiteLax_andHoldsNoToken() {
        PageSession ada = signedIn("ada");

        List<String> cookies = ada.callback().headers().allValues("Set-Cookie");

        String session = cookies.stream().filter(c -> c.startsWith("entra-sync-session=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .as("Secure only over https; this test talks plain http").doesNotContain("Secure");
        assertThat(cookies).noneMatch(c -> c.contains("eyJ")); // no JWT in any cookie
        assertThat(ada.callback().headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void aPageWrite_withoutTheCsrfToken_isRefused_withItIsHandled() {
        PageSession ada = signedIn("ada");
        ada.call("GET", "/auth/session", null, false); // the page's first call sets the XSRF-TOKEN cookie
        assertThat(ada.cookie("XSRF-TOKEN")).isNotBlank();

        HttpResponse<String> without = ada.call("POST", "/api/sync-runs/987654/approve", "{}", false);
        HttpResponse<String> with = ada.call("POST", "/api/sync-runs/987654/approve", "{}", true);

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(with.statusCode()).as("past CSRF and the Approver check: the run does not exist").isEqualTo(404);
    }

    @Test
    void aCallWithoutCredentials_is401_andMakesNoSession() {
        PageSession nobody = new PageSession(port);

        HttpResponse<String> refused = nobody.call("POST", "/api/sync-runs/987657/approve", "{}", false);
        HttpResponse<String> read = nobody.call("GET", "/api/tenants", null, false);

        assertThat(refused.statusCode()).as("no session cookie: no CSRF check, the route's 401").isEqualTo(401);
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("entra-sync-session="));
        assertThat(read.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("entra-sync-session="));
    }

    @Test
    void withTheAdminTokenSwitchedOn_theSessionOffersBothWaysIn() {
        JsonNode session = json(new PageSession(port).call("GET", "/auth/session", null, false));

        assertThat(session.get("user").isNull()).isTrue();
        assertThat(session.get("signIn").asString()).isEqualTo("/oauth2/authorization/entra");
        assertThat(session.get("adminToken").asBoolean()).isTrue();
    }

    @Test
    void aBearerCall_needsNoCsrfToken() {
        var answer = new ApiClient(port).post("/api/sync-runs/987655/reject", "{}");

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void signOut_endsTheSession() {
        PageSession ada = signedIn("ada");
        ada.call("GET", "/auth/session", null, false);

        assertThat(ada.call("POST", "/logout", null, true).statusCode()).isEqualTo(204);

        assertThat(ada.call("GET", "/api/tenants", null, false).statusCode()).isEqualTo(401);
        assertThat(json(ada.call("GET", "/auth/session", null, false)).get("user").isNull()).isTrue();
        assertThat(audit("ada", "sign-out")).anyMatch(e -> e.get("status").asInt() == 204);
    }

    @Test
    void signInAndRefusedSignIn_areAudited_byName() {
        signedIn("ada");
        PageSession nora = new PageSession(port);

        URI landed = nora.signIn("nora", OidcTestProvider.PEOPLE.get("nora").password());

        assertThat(landed.getQuery()).isEqualTo("sign-in=no-role");
        assertThat(nora.call("GET", "/api/tenants", null, false).statusCode()).isEqualTo(401);
        assertThat(audit("ada", "sign-in")).anyMatch(e -> e.get("status").asInt() == 200
                && e.get("actor").get("kind").asString().equals("user") && e.get("actor").get("id").asString().equals("oid-ada"));
        assertThat(audit("nora", "sign-in")).anyMatch(e -> e.get("status").asInt() == 403
                && e.get("actor").get("name").asString().equals("nora@test"));
    }

    @Test
    void aSignedInWrite_isAuditedUnderThePerson() {
        PageSession ada = signedIn("ada");
        ada.call("GET", "/auth/session", null, false);

        ada.call("POST", "/api/sync-runs/987656/reject", "{}", true);

        assertThat(audit("oid-ada", "reject")).anyMatch(e -> e.get("target").asString().equals("runId=987656")
                && e.get("actor").get("kind").asString().equals("user"));
    }

    private List<JsonNode> audit(String actor, String action) {
        JsonNode page = new ApiClient(port).get("/api/audit?actor=" + actor + "&action=" + action + "&size=100").json();
        return java.util.stream.StreamSupport.stream(page.get("content").spliterator(), false).toList();
    }
}
