package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.EntraSyncApplication;
import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up rules of the admin token, a service whose issuer is unreachable, and the throttle of failed sign-ins:
 * a service on H2 (the default database) with the static token switched off, an issuer nobody answers for, and a
 * throttle of 3 refused credentials a minute.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupAndThrottleTest {

    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(EntraSyncApplication.class).run(common("throttle",
                "--entra-sync.auth.admin-token-enabled=false",
                // nobody listens there: the start-up must not need it
                "--entra-sync.auth.issuer-uri=http://127.0.0.1:9/unreachable/v2.0",
                "--entra-sync.auth.audience=api://entra-sync",
                "--entra-sync.auth.client-id=web-client",
                "--entra-sync.auth.failed-sign-ins=3"));
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static String[] common(String database, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:" + database
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0",
                "--entra-sync.mappings-dir=src/test/resources/no-mappings",
                "--entra-sync.simulator.enabled=false"));
        args.addAll(List.of(more));
        if (args.stream().noneMatch(a -> a.startsWith("--entra-sync.admin-token="))) {
            args.add("--entra-sync.admin-token=" + ApiClient.TOKEN);
        }
        return args.toArray(String[]::new);
    }

    @Test
    void aShortAdminToken_stopsTheStartUp_namingTheVariable() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(EntraSyncApplication.class)
                .run(common("short", "--entra-sync.admin-token=only-11-chr")).close())
                .rootCause()
                .hasMessageContaining("ENTRA_SYNC_ADMIN_TOKEN")
                .hasMessageContaining("11 characters")
                .hasMessageContaining("at least 32");
    }

    @Test
    void anIssuerWithoutAudience_stopsTheStartUp() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(EntraSyncApplication.class)
                .run(common("noaudience", "--entra-sync.auth.issuer-uri=http://127.0.0.1:9/x")).close())
                .rootCause()
                .hasMessageContaining("ENTRA_SYNC_AUTH_AUDIENCE");
    }

    @Test
    void theGeneratedDemoToken_isLongEnough(CapturedOutput output) {
        try (var demo = new SpringApplicationBuilder(EntraSyncApplication.class)
                .run(common("generated", "--entra-sync.admin-token="))) {
            String line = output.getAll().lines().filter(l -> l.contains("generated admin token for this run"))
                    .reduce((a, b) -> b).orElseThrow();
            String token = line.substring(line.lastIndexOf(' ') + 1).trim();
            assertThat(token).hasSizeGreaterThanOrEqualTo(AdminToken.MIN_LENGTH);
            int demoPort = ((WebServerApplicationContext) demo).getWebServer().getPort();
            assertThat(new ApiClient(demoPort, token).get("/api/keys").status()).isEqualTo(200);
        }
    }

    @Test
    void aSwitchedOffAdminToken_isRefused_andAnUnreachableIssuer_refusesItsTokensWithout500() {
        assertThat(new ApiClient(port).get("/api/tenants").status()).isEqualTo(401);
        String someToken = OidcTestProvider.sign(OidcTestProvider.newKey("k1"),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("http://127.0.0.1:9/unreachable/v2.0").build());
        var answer = new ApiClient(port, someToken).get("/api/tenants");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void thePage_hidesTheSwitchedOffToken_andAnUnreachableIssuerSendsTheSignInBackWithAReason() {
        io.entrasync.support.PageSession page = new io.entrasync.support.PageSession(port);

        var session = page.call("GET", "/auth/session", null, false);
        var start = page.call("GET", "/oauth2/authorization/entra", null, false);

        assertThat(session.body()).contains("\"adminToken\":false", "\"signIn\":\"/oauth2/authorization/entra\"");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/?sign-in=unavailable");
    }

    @Test
    @Order(Integer.MAX_VALUE) // fills the window of 127.0.0.1
    void refusedCredentials_areThrottledPerAddress_andLoggedWithoutTheCredential(CapturedOutput output) {
        // earlier tests of this class used part of the window
        String wrong = "wrong-token-" + System.nanoTime();
        int status = 0;
        for (int i = 0; i < 5 && status != 429; i++) {
            status = new ApiClient(port, wrong).get("/api/users").status();
        }

        var throttled = new ApiClient(port, wrong).get("/api/users");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.header("X-Content-Type-Options")).isEqualTo("nosniff");
        // the page and the health probe carry no credentials and stay reachable
        assertThat(new ApiClient(port, null).get("/actuator/health").status()).isEqualTo(200);
        assertThat(output.getAll()).contains("Refused credentials from 127.0.0.1 for GET /api/users")
                .doesNotContain(wrong);

        var trail = service.getBean(AuditTrail.class);
        var refusals = trail.find(new AuditTrail.Query(null, "GET /api/users", null, null, null), 0, 50);
        assertThat(refusals).extracting(AuditTrail.Entry::status).contains(401, 429);
        assertThat(refusals).allSatisfy(e -> {
            assertThat(e.actor().kind()).isEqualTo(Caller.Kind.ANONYMOUS);
            assertThat(e.actor().id()).isEqualTo("127.0.0.1");
        });
    }
}
