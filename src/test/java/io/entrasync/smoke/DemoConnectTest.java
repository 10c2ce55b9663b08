package io.entrasync.smoke;

import static io.entrasync.support.Await.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.simulator.CustomerTenant;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.support.ApiClient;
import io.entrasync.support.Await;
import io.entrasync.support.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's "connect a second customer in one click", as shipped: H2, the bundled simulator with its MSP app and
 * customer tenants (the service's MSP app is the simulator's, as in {@code mvn spring-boot:run}), and the repository's
 * demo template {@code mappings/_msp-default.yaml} in a writable mappings directory. Over HTTP: connect → the
 * simulator's consent page → Accept → the callback proves the consent through the AADSTS7000229 propagation delay →
 * a five-line tenant file → the tenant syncs its users from the simulator. In Chromium: the page's button, the
 * consent page, the connect view with its status, and the group picker rewriting the file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-connect;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.simulator.enabled=true",
        "entra-sync.simulator.users=20",
        "entra-sync.simulator.drift-every=0s",
        "entra-sync.simulator.msp.consent-delay=2s"
})
class DemoConnectTest {

    static final Path DIR = Path.of("target", "demo-connect").toAbsolutePath();
    static final Path MAPPINGS = DIR.resolve("mappings");
    static final CustomerTenant FABRIKAM = CustomerTenant.DEMO.get(0);
    static final CustomerTenant NORTHWIND = CustomerTenant.DEMO.get(1);

    @LocalServerPort
    int port;

    @Autowired
    GraphSimulator simulator;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        try {
            if (Files.exists(MAPPINGS)) {
                try (var files = Files.list(MAPPINGS)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(MAPPINGS);
            Files.copy(Path.of("mappings", "_msp-default.yaml"), MAPPINGS.resolve("_msp-default.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int simulatorPort = Await.freePort();
        registry.add("entra-sync.mappings-dir", MAPPINGS::toString);
        registry.add("entra-sync.simulator.port", () -> simulatorPort);
        registry.add("entra-sync.simulator.keystore-dir", () -> DIR.resolve("simulator").toString());
    }

    @Test
    void connectedOverHttp_theCustomerSyncsItsUsersFromTheSimulator() throws Exception {
        ApiClient api = new ApiClient(port);
        HttpClient http = HttpClient.newBuilder().sslContext(simulatorTls())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        ApiClient.Answer started = api.post("/api/tenants/connect", "{\"tenant\":\"northwind\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        URI consentUrl = URI.create(started.json().get("consentUrl").asString());
        assertThat(consentUrl.toString()).startsWith(simulator.baseUrl() + "/organizations/v2.0/adminconsent?");
        Map<String, String> consent = params(consentUrl.getRawQuery());
        assertThat(http.send(HttpRequest.newBuilder(consentUrl).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("Northwind Traders", "id=\"accept\"");
        Map<String, String> accept = new LinkedHashMap<>(consent);
        accept.put("tenant", NORTHWIND.tenantId());
        accept.put("decision", "accept");
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                        + "/organizations/v2.0/adminconsent")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(accept))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(302);
        URI callback = URI.create(accepted.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith("http://127.0.0.1:" + port + "/connect/callback?admin_consent=True");

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(callback).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode outcome = JsonMapper.builder().build().readTree(answer.body());
        assertThat(outcome.get("status").asString()).as(answer.body()).isEqualTo("connected");
        assertThat(outcome.at("/organization/displayName").asString()).isEqualTo("Northwind Traders");
        assertThat(outcome.at("/organization/verifiedDomains").toString()).contains("northwind.example",
                "northwindtraders.onmicrosoft.com");
        assertThat(outcome.at("/check/ok").asBoolean()).as(outcome.get("check").toString()).isTrue();
        assertThat(outcome.at("/file/written").asBoolean()).isTrue();
        String file = Files.readString(MAPPINGS.resolve("northwind.yaml"));
        assertThat(file.lines()).hasSize(5);
        assertThat(file).contains("tenantId: " + NORTHWIND.tenantId(), "extend: _msp-default");

        awaitThat("the registry loads the new tenant file",
                () -> api.get("/api/tenants/northwind").status() == 200
                        && api.get("/api/tenants/northwind").json().get("valid").asBoolean());
        JsonNode run = api.syncAndWait("northwind", "FULL", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("created").asInt()).as(run.toString()).isGreaterThan(10);
        JsonNode created = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=CREATE").json();
        assertThat(created.toString()).as("the demo template's site rules place the users").contains("Berlin")
                .contains("northwind.example");
    }

    @Test
    void inChromium_connectAcceptPickAGroup_andSeeTheFile() {
        try (HeadlessChromium chromium = HeadlessChromium.start("--ignore-certificate-errors")) {
            WebDriver driver = chromium.driver();
            var wait = chromium.await();
            driver.get("http://localhost:" + port + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-sign-in"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("admin@demo"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin@demo"));

            wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-open"))).click();
            driver.findElement(By.id("connect-tenant")).sendKeys("fabrikam");
            chromium.screenshot("demo-connect-01-dialog");
            driver.findElement(By.id("connect-start")).click();

            wait.until(ExpectedConditions.elementToBeClickable(By.id("tenant-" + FABRIKAM.tenantId()))).click();
            assertThat(driver.getCurrentUrl()).startsWith(simulator.baseUrl() + "/organizations/v2.0/adminconsent");
            chromium.screenshot("demo-connect-02-consent");
            driver.findElement(By.id("accept")).click();

            wait.until(ExpectedConditions.attributeToBe(By.id("connect-status"), "data-status", "connected"));
            assertThat(driver.getCurrentUrl()).contains("/#connect/");
            assertThat(driver.findElement(By.id("connect-organization")).getText()).isEqualTo("Fabrikam");
            assertThat(driver.findElement(By.id("connect-body")).getText()).contains("fabrikam.example",
                    "Connection check passed", "Written: ");
            assertThat(driver.findElement(By.id("connect-file-text")).getText()).contains("tenant: fabrikam",
                    "tenantId: " + FABRIKAM.tenantId(), "Helpdesk Users");
            chromium.screenshot("demo-connect-03-connected");

            driver.findElement(By.id("connect-group-q")).sendKeys("Mun");
            driver.findElement(By.cssSelector("#connect-group-search button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-group-results"),
                    "Munich Office"));
            driver.findElement(By.cssSelector("#connect-group-results li[data-group='Munich Office'] input"))
                    .sendKeys("Munich");
            driver.findElement(By.xpath("//li[@data-group='Munich Office']/button[text()='Add site rule']")).click();
            driver.findElement(By.id("connect-group-save")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-file-text"), "Munich Office"));
            chromium.screenshot("demo-connect-04-groups");
            assertThat(driver.findElement(By.id("connect-file-text")).getText()).contains("Munich");
            assertThat(Files.readString(MAPPINGS.resolve("fabrikam.yaml"))).contains("Munich Office", "Helpdesk Users");

            // a refusal: Cancel on the consent page shows the refusal in plain words, and no file is written
            driver.findElement(By.id("connect-back")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-open"))).click();
            driver.findElement(By.id("connect-tenant")).sendKeys("contoso");
            driver.findElement(By.id("connect-start")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("connect-status"), "data-status", "refused"));
            assertThat(driver.findElement(By.id("connect-error-text")).getText()).contains("chose Cancel",
                    "access_denied", "AADSTS65004");
            assertThat(driver.findElement(By.id("connect-groups")).isDisplayed()).isFalse();
            assertThat(MAPPINGS.resolve("contoso.yaml")).doesNotExist();
            chromium.screenshot("demo-connect-05-refused");

            // a consent answer that belongs to no connection started here: not accepted, said in words
            driver.get("http://localhost:" + port + "/connect/callback?admin_consent=True&tenant="
                    + NORTHWIND.tenantId() + "&state=forged-state");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-body"),
                    "was not accepted"));
            assertThat(driver.getCurrentUrl()).endsWith("/#connect/error/state-unknown");
            assertThat(driver.findElement(By.id("connect-body")).getText()).contains("does not belong to any "
                    + "connection started here");

            // a connection still waiting (its consent link sent to the customer): the view turns by itself
            ApiClient.Answer waiting = new ApiClient(port).post("/api/tenants/connect", "{\"tenant\":\"litware\"}");
            driver.get("http://localhost:" + port + "/#connect/" + waiting.json().get("id").asString());
            wait.until(ExpectedConditions.attributeToBe(By.id("connect-status"), "data-status", "waiting"));
            answerConsent(URI.create(waiting.json().get("consentUrl").asString()), NORTHWIND, "cancel");
            wait.until(ExpectedConditions.attributeToBe(By.id("connect-status"), "data-status", "refused"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the customer's admin does on the simulator's consent page, and Microsoft's redirect to the callback. */
    private void answerConsent(URI consentUrl, CustomerTenant tenant, String decision) {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(simulatorTls())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Map<String, String> fields = new LinkedHashMap<>(params(consentUrl.getRawQuery()));
            fields.put("tenant", tenant.tenantId());
            fields.put("decision", decision);
            HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                            + "/organizations/v2.0/adminconsent")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> callback = http.send(HttpRequest.newBuilder(URI.create(redirect.headers()
                    .firstValue("Location").orElseThrow())).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLContext simulatorTls() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(simulator.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
