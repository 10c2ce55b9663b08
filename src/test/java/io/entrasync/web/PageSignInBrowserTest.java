package io.entrasync.web;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.HeadlessChromium;
import io.entrasync.support.OidcTestProvider;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * "Sign in with Microsoft" in a real headless Chromium against a real OIDC provider in the test (Spring
 * Authorization Server with its login form): the page offers the sign-in beside the break-glass token, Chromium
 * clicks through the provider's login form as an Approver, lands on the page signed in (name and roles shown),
 * approves a held plan through the page (a write that needs the CSRF token), and the audit trail names that person;
 * being no Operator, sees users, sites and departments read-only; Sign out ends the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.auth.audience=" + OidcTestProvider.AUDIENCE,
        "entra-sync.auth.client-id=" + OidcTestProvider.PAGE_CLIENT,
        "entra-sync.auth.client-secret=" + OidcTestProvider.PAGE_SECRET,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, OidcTestProvider.Issuer.class})
class PageSignInBrowserTest {

    static final Path MAPPINGS = Path.of("target", "e2e-sign-in", "mappings");

    static FakeDirectory graph;
    static HeadlessChromium chromium;
    static WebDriver driver;
    static WebDriverWait wait;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        graph = new FakeDirectory(10);
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                scope: { groups: [Helpdesk Users] }
                sites:
                  - { default: HQ }
                safety: { maxDeactivations: 1, maxDeactivationPercent: 90 }
                """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        wait = chromium.await();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (graph != null) {
            graph.stop();
        }
    }

    @Test
    void anApprover_signsInAtTheProvider_approvesAHold_andTheAuditTrailNamesThem() {
        long held = holdWithTwoDeactivations();

        driver.get("http://127.0.0.1:" + port + "/");
        chromium.visible("#sso-sign-in");
        assertThat(chromium.visible("#token-sign-in-title").getText()).contains("break-glass");
        chromium.screenshot("sign-in-01-choices");
        chromium.click("#sso-sign-in");
        chromium.visible("input[name=username]").sendKeys("ada");
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(OidcTestProvider.PEOPLE.get("ada").password());
        chromium.screenshot("sign-in-02-provider-form");
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ada@test"));
        assertThat(chromium.textOf("#who")).contains("EntraSync.Approver");
        chromium.visible("#tenant-contoso .hold");
        assertThat(driver.manage().getCookieNamed("entra-sync-session").isHttpOnly()).isTrue();
        assertThat((Object) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return sessionStorage.length")).as("no token in the page").isEqualTo(0L);
        chromium.screenshot("sign-in-03-signed-in");
        chromium.click("#tenant-contoso .hold button[data-action=review]");
        chromium.visible("#run-blocked");
        chromium.click("#approve");
        chromium.visible("dialog#confirm");
        chromium.click("#confirm-ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-summary"), "approves #" + held));
        chromium.screenshot("sign-in-04-approved");

        List<JsonNode> approvals = audit("oid-ada", "approve");
        assertThat(approvals).anyMatch(e -> e.get("target").asString().equals("runId=" + held)
                && e.get("status").asInt() / 100 == 2 && e.get("actor").get("kind").asString().equals("user")
                && e.get("actor").get("name").asString().equals("ada@test"));
        assertThat(audit("oid-ada", "sign-in")).anyMatch(e -> e.get("status").asInt() == 200);

        // an Approver is no Operator: users, sites and departments are shown read-only
        chromium.click(".nav-link[data-view=directory]");
        wait.until(d -> chromium.textOf("#sites-table tbody").contains("HQ"));
        assertThat(driver.findElements(By.cssSelector("#sites-table button[data-action=edit-site]"))).isEmpty();
        assertThat(driver.findElement(By.id("site-form")).isDisplayed()).isFalse();
        chromium.click(".nav-link[data-view=users]");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() >= 2);
        assertThat(driver.findElements(By.cssSelector("#users-table button[data-action=deactivate]"))).isEmpty();
        assertThat(driver.findElement(By.id("user-new")).isDisplayed()).isFalse();
        chromium.click("#users-table tbody tr[data-user] button[data-action=edit]");
        chromium.visible("#user-form-dialog");
        assertThat(driver.findElement(By.id("user-form-save")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("uf-agentId")).getAttribute("readonly")).as("even helpdesk fields")
                .isNotNull();
        chromium.click("#user-form-cancel");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));

        chromium.click("#sign-out");
        chromium.visible("#sso-sign-in");
        assertThat(new ApiClient(port).get("/auth/session").json().get("user").isNull()).isTrue();
        driver.navigate().refresh();
        chromium.visible("#sso-sign-in");
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).as("signed out for good").isFalse();
    }

    /** A full sync of four people, then two leave the scope: the delta run is held (at most one deactivation). */
    private long holdWithTwoDeactivations() {
        graph.group("g-helpdesk", "Helpdesk Users");
        for (int i = 1; i <= 4; i++) {
            graph.user("u" + i, person("User", "N" + i, "user" + i + "@contoso.org", null)).member("g-helpdesk", "u" + i);
        }
        graph.publish();
        ApiClient api = new ApiClient(port);
        assertThat(api.syncAndWait("contoso", "full", false).get("status").asString()).isEqualTo("SUCCEEDED");
        graph.removeMember("g-helpdesk", "u3").removeMember("g-helpdesk", "u4");
        graph.publish();
        JsonNode blocked = api.syncAndWait("contoso", "delta", false);
        assertThat(blocked.get("status").asString()).isEqualTo("BLOCKED");
        return blocked.get("id").asLong();
    }

    private List<JsonNode> audit(String actor, String action) {
        JsonNode page = new ApiClient(port).get("/api/audit?actor=" + actor + "&action=" + action + "&size=100").json();
        return StreamSupport.stream(page.get("content").spliterator(), false).toList();
    }
}
