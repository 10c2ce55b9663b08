package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import io.entrasync.support.PageSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} route × every kind of caller, with real signed tokens from a real OIDC provider running in the
 * test: no credential → 401; a role that does not reach the route's → 403; one that does → neither 401 nor 403.
 */
@OidcIntegrationTest
class RouteRoleTableTest {

    private static final OidcTestProvider PROVIDER = OidcTestProvider.get();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTableNamesEveryControllerRoute_andNothingElse() {
        Set<String> controllers = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api")) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as(pattern + " declares its methods").isNotEmpty();
                    methods.forEach(m -> controllers.add(m.name() + " " + pattern));
                }
            }
        });
        Set<String> table = RouteRoles.routes().stream().map(r -> r.method().name() + " " + r.pattern())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(table).isEqualTo(controllers);
    }

    @Test
    void everyRouteByEveryRole() {
        String mailKey = keys.create("mail gateway", List.of("EntraSync.InboundMail"), null, Caller.ADMIN_TOKEN).key();
        Map<String, As> callers = new LinkedHashMap<>();
        callers.put("no credential", new As(null, Set.of()));
        callers.put("Reader", new As(PROVIDER.token("reader"), EnumSet.of(Role.READER)));
        callers.put("Operator", new As(PROVIDER.token("operator"), EnumSet.of(Role.OPERATOR)));
        callers.put("Approver", new As(PROVIDER.token("approver"), EnumSet.of(Role.APPROVER)));
        callers.put("Admin", new As(PROVIDER.token("admin"), EnumSet.of(Role.ADMIN)));
        callers.put("Reader+Approver", new As(PROVIDER.token("reader-approver"),
                EnumSet.of(Role.READER, Role.APPROVER)));
        callers.put("no known role", new As(PROVIDER.token("no-role"), Set.of()));
        callers.put("inbound-mail key", new As(mailKey, EnumSet.of(Role.INBOUND_MAIL)));
        callers.put("admin token", new As(ApiClient.TOKEN, EnumSet.of(Role.ADMIN)));

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (RouteRoles.Route route : RouteRoles.routes()) {
            String path = route.pattern().replaceAll("\\{[^}]+}", "1");
            for (var entry : callers.entrySet()) {
                As caller = entry.getValue();
                int status = call(new ApiClient(port, caller.credential()), route.method().name(), path);
                calls++;
                String expected = caller.credential() == null ? "401"
                        : Role.expand(caller.roles()).contains(route.role()) ? "allowed" : "403";
                boolean ok = switch (expected) {
                    case "401" -> status == 401;
                    case "403" -> status == 403;
                    default -> status != 401 && status != 403 && status < 500;
                };
                if (!ok) {
                    wrong.add(route.method() + " " + route.pattern() + " as " + entry.getKey() + ": expected " + expected
                            + ", got " + status);
                }
            }
        }

        assertThat(calls).isGreaterThan(35 * 9);
        assertThat(wrong).isEmpty();
    }

    /**
     * {@code GET /connect/callback} is outside {@code /api}: the admin's browser arrives from Microsoft without a
     * credential, so no caller is refused for its credential or role; the state decides (an unknown one: 400).
     */
    @Test
    void theConnectCallback_isReachedWithAnyCredentialOrNone_andTheStateDecides() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no credential", null);
        callers.put("no known role", PROVIDER.token("no-role"));
        callers.put("Reader", PROVIDER.token("reader"));
        callers.put("admin token", ApiClient.TOKEN);
        List<String> wrong = new ArrayList<>();

        callers.forEach((name, credential) -> {
            ApiClient.Answer answer = new ApiClient(port, credential).getAccepting(
                    "/connect/callback?admin_consent=True&tenant=1&state=unknown-state", "application/json");
            if (answer.status() != 400 || !"state".equals(answer.json().path("field").asString(""))) {
                wrong.add(name + ": " + answer.status() + " " + answer.body());
            }
        });

        assertThat(wrong).isEmpty();
    }

    @Test
    void theConnectCallback_inAnotherPersonsSession_isForbidden_andLeavesTheStateUnused_butNotInTheStartersOwn() throws Exception {
        String state = "state-of-a-connection-the-admin-token-started";
        Instant now = Instant.now();
        jdbc.update("insert into connect_request (id, tenant, template, state_hash, started_by_kind, started_by_id, "
                + "started_by_name, started_at, expires_at, status) values ('roles-1', 'fabrikam', '_msp-default', ?, "
                + "'admin-token', 'admin-token', 'static admin token', ?, ?, 'WAITING')",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                        state.getBytes(StandardCharsets.UTF_8))),
                Timestamp.from(now), Timestamp.from(now.plus(Duration.ofMinutes(15))));
        String refusal = "/connect/callback?error=access_denied&error_description=declined&state=" + state;
        PageSession ada = new PageSession(port);
        ada.signIn("ada", OidcTestProvider.PEOPLE.get("ada").password());

        HttpResponse<String> inAdasSession = ada.call("GET", refusal, null, false);
        ApiClient.Answer withoutSession = new ApiClient(port, null).getAccepting(refusal, "application/json");

        assertThat(inAdasSession.statusCode()).as(inAdasSession.body()).isEqualTo(403);
        assertThat(inAdasSession.body()).contains("static admin token");
        assertThat(withoutSession.status()).as("the state was not used up by the refused session")
                .isEqualTo(200);
        assertThat(withoutSession.json().get("status").asString()).isEqualTo("refused");

        // a connection Ada started herself is hers to complete in her session
        String adaId = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(ada.call("GET", "/auth/session", null, false).body()).at("/user/id").asString();
        String adasState = "state-of-a-connection-ada-started";
        jdbc.update("insert into connect_request (id, tenant, template, state_hash, started_by_kind, started_by_id, "
                + "started_by_name, started_at, expires_at, status) values ('roles-2', 'fabrikam', '_msp-default', ?, "
                + "'user', ?, 'Ada', ?, ?, 'WAITING')",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                        adasState.getBytes(StandardCharsets.UTF_8))), adaId,
                Timestamp.from(now), Timestamp.from(now.plus(Duration.ofMinutes(15))));
        HttpResponse<String> adasOwn = ada.call("GET", "/connect/callback?error=access_denied&state=" + adasState,
                null, false);
        assertThat(adasOwn.statusCode()).as(adasOwn.body()).isEqualTo(200);
        assertThat(adasOwn.body()).contains("\"status\":\"refused\"");
    }

    @Test
    void connectingWithoutAnMspApp_isAConflictOfItsOwnProblemType() {
        ApiClient.Answer answer = new ApiClient(port).post("/api/tenants/connect", "{\"tenant\":\"fabrikam\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("type").asString()).endsWith("/msp-app-missing");
        assertThat(answer.json().get("detail").asString()).contains("ENTRA_SYNC_MSP_CLIENT_ID");
    }

    @Test
    void theInboundMailKeyPostsMail_andNothingElse() {
        String mailKey = keys.create("mail only", List.of("EntraSync.InboundMail"), null, Caller.ADMIN_TOKEN).key();
        ApiClient gateway = new ApiClient(port, mailKey);

        var mail = gateway.post("/api/inbound-email", "{\"from\":\"nobody@nowhere.example\",\"subject\":\"Hi\"}");
        assertThat(mail.status()).isNotIn(401, 403);
        assertThat(gateway.get("/api/users").status()).isEqualTo(403);
        assertThat(gateway.get("/api/users").json().get("detail").asString()).contains("EntraSync.Reader")
                .contains("EntraSync.InboundMail");
        assertThat(gateway.post("/api/sync-runs/1/approve", "{}").status()).isEqualTo(403);
        assertThat(gateway.get("/v3/api-docs").status()).isEqualTo(403);
    }

    @Test
    void headAnswersLikeGet() {
        assertThat(call(new ApiClient(port, PROVIDER.token("reader")), "HEAD", "/api/users")).isEqualTo(200);
        assertThat(call(new ApiClient(port, null), "HEAD", "/api/users")).isEqualTo(401);
        assertThat(call(new ApiClient(port, PROVIDER.token("reader")), "HEAD", "/api/keys")).isEqualTo(403);
    }

    private static int call(ApiClient client, String method, String path) {
        return switch (method) {
            case "GET" -> client.get(path).status();
            case "POST" -> client.post(path, "{}").status();
            case "PUT" -> client.put(path, "{}").status();
            case "PATCH" -> client.patch(path, "{}").status();
            default -> client.send(method, path).status();
        };
    }

    private record As(String credential, Set<Role> roles) {
    }
}
