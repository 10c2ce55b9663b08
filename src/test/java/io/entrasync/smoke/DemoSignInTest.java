package io.entrasync.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.Await;
import io.entrasync.support.HeadlessChromium;
import io.entrasync.support.PageSession;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zero-setup demo's sign-in as shipped (H2, the bundled simulator, no issuer configured): the admin page signs
 * in at the simulator's OpenID Connect provider by picking a demo user, and an access token the simulator issues
 * is accepted as a bearer token with that user's role; in Chromium, "Sign in with Microsoft" → pick a demo user →
 * signed in. The simulator's certificate is trusted by the test as a browser would after accepting it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-sign-in;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings",
        "entra-sync.simulator.enabled=true",
        "entra-sync.simulator.users=20",
        "entra-sync.simulator.drift-every=0s"
})
class DemoSignInTest {

    static final Path KEYSTORES = Path.of("target", "demo-sign-in", "simulator").toAbsolutePath();
    static int simulatorPort;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        simulatorPort = Await.freePort();
        registry.add("entra-sync.simulator.port", () -> simulatorPort);
        registry.add("entra-sync.simulator.keystore-dir", KEYSTORES::toString);
    }

    @Test
    void thePage_signsInWithADemoUser_ofTheSimulator() {
        PageSession session = new PageSession(port, simulatorTls());

        URI landed = session.signIn("approver@demo", null);

        assertThat(landed.getPath()).isEqualTo("/");
        assertThat(landed.getQuery()).isNull();
        JsonNode who = JsonMapper.builder().build().readTree(session.call("GET", "/auth/session", null, false).body());
        assertThat(who.get("user").get("name").asString()).isEqualTo("approver@demo");
        assertThat(who.get("user").get("roles").toString()).contains("EntraSync.Approver");
        assertThat(who.get("signIn").asString()).isEqualTo("/oauth2/authorization/entra");
        assertThat(session.call("GET", "/api/tenants", null, false).statusCode()).isEqualTo(200);
    }

    @Test
    void inChromium_signInWithMicrosoft_picksADemoUser_andLandsSignedIn() {
        // the demo's certificate is self-signed: a person accepts it once, Chromium is told to
        try (HeadlessChromium chromium = HeadlessChromium.start("--ignore-certificate-errors")) {
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://localhost:" + port + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-sign-in"))).click();
            WebElement admin = wait.until(ExpectedConditions.elementToBeClickable(By.id("admin@demo")));
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("reader@demo", "operator@demo",
                    "approver@demo", "admin@demo", "EntraSync.Approver");
            chromium.screenshot("demo-sign-in-01-users");
            admin.click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin@demo"));
            assertThat(driver.findElement(By.id("who")).getText()).contains("EntraSync.Admin");
            assertThat(driver.getCurrentUrl()).startsWith("http://localhost:" + port + "/");
            chromium.screenshot("demo-sign-in-02-signed-in");
        }
    }

    @Test
    void anAccessTokenOfTheSimulator_isAcceptedAsBearer_withItsUsersRole() throws Exception {
        String operator = accessToken("operator@demo");
        String reader = accessToken("reader@demo");

        assertThat(new ApiClient(port, operator).get("/api/tenants").status()).isEqualTo(200);
        assertThat(new ApiClient(port, reader).post("/api/sites", "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(new ApiClient(port, operator).get("/api/audit").status()).as("Admin only").isEqualTo(403);
    }

    @Test
    void theSimulatorsProvider_refusesARedirectOffThisMachine_andAWrongVerifier() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(simulatorTls()).build();
        String challenge = s256("a-verifier-of-enough-length-0123456789-abcdefgh");
        String offMachine = authorize("https://evil.example/cb", challenge, "admin@demo");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(offMachine)).build(),
                HttpResponse.BodyHandlers.ofString());
        String code = code(http, authorize("http://127.0.0.1:1/cb", challenge, "admin@demo"));
        HttpResponse<String> wrongVerifier = token(http, code, "another-verifier-0123456789-0123456789-abcdefgh");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be on this machine");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("invalid_grant");
    }

    // ---- the code flow by hand, as a script would ----

    private String accessToken(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(simulatorTls()).build();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String code = code(http, authorize("http://127.0.0.1:1/cb", s256(verifier), user));
        HttpResponse<String> answer = token(http, code, verifier);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body()).get("access_token").asString();
    }

    private String authorize(String redirect, String challenge, String user) {
        return issuer() + "/authorize?response_type=code&client_id=entra-sync-demo-page&scope=openid"
                + "&redirect_uri=" + enc(redirect) + "&code_challenge=" + challenge + "&code_challenge_method=S256"
                + "&state=s1&user=" + enc(user);
    }

    private static String code(HttpClient http, String authorize) throws Exception {
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:1/cb?code=").endsWith("&state=s1");
        return java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> token(HttpClient http, String code, String verifier) throws Exception {
        String form = "grant_type=authorization_code&client_id=entra-sync-demo-page&code=" + enc(code)
                + "&redirect_uri=" + enc("http://127.0.0.1:1/cb") + "&code_verifier=" + enc(verifier);
        return http.send(HttpRequest.newBuilder(URI.create(issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String issuer() {
        return "https://127.0.0.1:" + simulatorPort + "/demo-oidc";
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Trusts the simulator's demo certificate (its keystore's password is public: "demo-not-secret"). */
    static SSLContext simulatorTls() {
        try (InputStream in = Files.newInputStream(KEYSTORES.resolve("simulator-tls.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "demo-not-secret".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
