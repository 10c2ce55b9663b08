package io.entrasync.web;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import io.entrasync.support.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin page in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) against the
 * running service on PostgreSQL with a WireMock Graph: sign in, tenants with a broken mapping, a dry run and its
 * changes, live progress of a running run, a BLOCKED run approved through the confirmation dialog, user search
 * with explanation and deactivation, a 401 back to sign-in, sign-out. Screenshots go to target/screenshots/.
 * Skipped (not passed) when Chromium or its driver is not installed.
 */
@GraphEndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageBrowserTest {

    static final Path MAPPINGS = Path.of("target", "e2e-admin", "mappings");

    static FakeDirectory graph;
    static HeadlessChromium chromium;
    static WebDriver driver;
    static WebDriverWait wait;

    @LocalServerPort
    int port;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        graph = new FakeDirectory(2);
        try {
            String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    mainSiteUsers: { group: Site Admins }
                    safety: { maxDeactivations: 1, maxDeactivationPercent: 90 }
                    """);
            Files.writeString(MAPPINGS.resolve("fabrikam.yaml"), """
                    tenant: fabrikam
                    tenantId: fabrikam.onmicrosoft.com
                    clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
                    credentials: { clientSecretEnv: FABRIKAM_SECRET }
                    cloud: china
                    schedule: "0 */15 * * *"
                    sites:
                      - { default: HQ }
                    """);
            registry.add("entra-sync.mappings-dir", () -> dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    // ---- helpers ----

    String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    // the page's own waits, shared with the other browser tests
    static void screenshot(String name) {
        chromium.screenshot(name);
    }

    static WebElement visible(String css) {
        return chromium.visible(css);
    }

    static void click(String css) {
        chromium.click(css);
    }

    static String textOf(String css) {
        return chromium.textOf(css);
    }

    static void textIn(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static void signIn() {
        WebElement token = visible("#token");
        token.clear();
        token.sendKeys(ApiClient.TOKEN);
        click("#sign-in-form button[type=submit]");
        visible("#tenant-contoso");
    }

    /** Waits until the run detail shows a finished run, answers its status. */
    static String finishedRunStatus() {
        wait.until(d -> {
            String status = d.findElement(By.cssSelector("#run-detail-title .badge")).getText();
            return !status.equals("QUEUED") && !status.equals("RUNNING");
        });
        wait.until(d -> !d.findElements(By.cssSelector("#changes-table tbody tr")).isEmpty()
                && !d.findElement(By.cssSelector("#changes-table tbody")).getText().contains("in progress"));
        return driver.findElement(By.cssSelector("#run-detail-title .badge")).getText();
    }

    /** Starts a run from the contoso card and waits until the run detail shows that new run. */
    void tenantButton(String action) {
        long before = latestRunId();
        click("button[data-view=tenants]");
        click("#tenant-contoso button[data-action=" + action + "]");
        awaitDetailOfRunAfter(before);
    }

    long latestRunId() {
        var runs = api.get("/api/sync-runs?tenant=contoso&limit=1").json();
        return runs.isEmpty() ? 0 : runs.get(0).get("id").asLong();
    }

    /** The detail panel shows a run newer than {@code runId} (never the previous run's status). */
    static void awaitDetailOfRunAfter(long runId) {
        wait.until(d -> {
            var title = d.findElements(By.cssSelector("#run-detail-title"));
            if (title.isEmpty() || !title.get(0).isDisplayed()) {
                return false;
            }
            var m = java.util.regex.Pattern.compile("Run #(\\d+)").matcher(title.get(0).getText());
            return m.find() && Long.parseLong(m.group(1)) > runId;
        });
    }

    // ---- the story ----

    @Test
    @Order(1)
    void signInWithTheToken_showsTenantsAndMappingErrors() {
        long inbox = api.post("/api/sites", "{\"name\":\"Inbox\",\"emailDomains\":[\"contoso.org\"]}").json().get("id").asLong();
        assertThat(inbox).isPositive();
        assertThat(api.post("/api/inbound-email", "{\"from\":\"alice@contoso.org\",\"subject\":\"Printer\"}").status()).isEqualTo(200);
        graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").group("g-admins", "Site Admins")
                .member("g-helpdesk", "g-berlin")
                .user("u1", person("Alice", "Berg", "alice@contoso.org", "IT")).member("g-berlin", "u1").member("g-admins", "u1")
                .user("u2", person("Bob", "Hill", "bob@contoso.org", "Sales")).member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@contoso.org", "Sales")).member("g-berlin", "u3")
                .user("u4", person("Dave", "Stone", "dave@contoso.org", null)).member("g-helpdesk", "u4")
                .user("u5", person("Erin", "Cole", "erin@contoso.org", "IT")).member("g-helpdesk", "u5");
        graph.publish();

        driver.get(base());
        visible("#sign-in");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        WebElement token = visible("#token");
        token.sendKeys("wrong-token");
        click("#sign-in-form button[type=submit]");
        textIn("#sign-in-error", "not accepted");
        screenshot("01-sign-in");

        signIn();
        assertThat(js("return sessionStorage.getItem('entra-sync.admin-token')")).isEqualTo(ApiClient.TOKEN);
        WebElement contoso = visible("#tenant-contoso");
        assertThat(contoso.getText()).containsIgnoringCase("mapping valid").contains("contoso", "custom", "0 0 3 * * ?",
                "never run", "time zone UTC");
        WebElement fabrikam = visible("#tenant-fabrikam");
        assertThat(fabrikam.getText()).containsIgnoringCase("mapping invalid").contains("Mapping errors");
        assertThat(fabrikam.findElement(By.cssSelector(".mapping-errors code.loc")).getText()).matches(".*fabrikam\\.yaml:\\d+:\\d+");
        assertThat(fabrikam.findElement(By.cssSelector("button[data-action=delta]")).isEnabled()).isFalse();
        screenshot("02-tenants");
    }

    @Test
    @Order(2)
    void dryRun_showsItsPlannedChanges_filterableByKind() {
        tenantButton("dry-run");

        assertThat(finishedRunStatus()).isEqualTo("SUCCEEDED");
        assertThat(driver.findElement(By.cssSelector("#run-summary")).getText()).contains("dry run", "FULL", "MANUAL");
        List<WebElement> rows = driver.findElements(By.cssSelector("#changes-table tbody tr[data-kind]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-kind")).contains("CREATE", "LINK");

        new Select(driver.findElement(By.id("kind-filter"))).selectByValue("LINK");
        wait.until(d -> d.findElements(By.cssSelector("#changes-table tbody tr[data-kind]")).stream()
                .allMatch(r -> "LINK".equals(r.getAttribute("data-kind"))));
        WebElement link = driver.findElement(By.cssSelector("#changes-table tbody tr[data-kind=LINK]"));
        assertThat(link.getText()).contains("alice@contoso.org");
        assertThat(link.findElements(By.cssSelector("table.diffs tbody tr"))).isNotEmpty();
        new Select(driver.findElement(By.id("kind-filter"))).selectByValue("");
        wait.until(d -> d.findElements(By.cssSelector("#changes-table tbody tr[data-kind=CREATE]")).size() >= 3);
        screenshot("03-dry-run-changes");
        assertThat(api.get("/api/users?tenant=contoso").json().get("content")).as("a dry run applies nothing").isEmpty();
        click("button[data-view=tenants]");
        // the card says the dry run only planned
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("tenant-contoso")).getText().contains("dry run, planned, nothing applied"));
    }

    @Test
    @Order(3)
    void fullSync_showsLiveProgressWithoutReload() {
        tenantButton("full");
        assertThat(finishedRunStatus()).isEqualTo("SUCCEEDED");
        js("window.noReloadMarker = 42");

        graph.wireMock().setGlobalFixedDelay(900);
        try {
            tenantButton("full");
            wait.until(d -> d.findElement(By.cssSelector("#run-detail-title .badge")).getText().equals("RUNNING"));
            wait.until(d -> d.findElement(By.cssSelector("#runs-table tbody tr[data-status=RUNNING]")).getText()
                    .contains("users processed"));
            String progress = driver.findElement(By.cssSelector("#runs-table tbody tr[data-status=RUNNING]")).getText();
            assertThat(progress).contains("pages read").containsAnyOf("left", "finishing");
            screenshot("04-running");
        } finally {
            graph.wireMock().setGlobalFixedDelay(0);
        }
        assertThat(finishedRunStatus()).isEqualTo("SUCCEEDED");
        assertThat(js("return window.noReloadMarker")).as("progress came by polling, not a reload").isEqualTo(42L);
        wait.until(d -> d.findElements(By.cssSelector("#runs-table tbody tr[data-status=SUCCEEDED]")).size() >= 3);
    }

    @Test
    @Order(4)
    void blockedRun_listsPlannedDeactivations_andIsApprovedThroughTheDialog() {
        graph.removeMember("g-helpdesk", "g-berlin").removeMember("g-helpdesk", "u4");
        graph.publish();

        tenantButton("delta");

        assertThat(finishedRunStatus()).isEqualTo("BLOCKED");
        WebElement blocked = visible("#run-blocked");
        List<WebElement> planned = blocked.findElements(By.cssSelector("#blocked-table tbody tr"));
        assertThat(planned).hasSize(3);
        assertThat(blocked.getText()).contains("alice@contoso.org", "dave@contoso.org").containsIgnoringCase("main site user");
        WebElement alice = planned.stream().filter(r -> r.getText().contains("alice@")).findFirst().orElseThrow();
        assertThat(alice.findElement(By.cssSelector("td.num")).getText()).isEqualTo("1");
        WebElement reason = alice.findElement(By.cssSelector("[data-code]"));
        assertThat(reason.getText()).as("the reason in words").isEqualTo("out of the sync scope");
        assertThat(reason.getAttribute("title")).as("the code in the tooltip").isEqualTo("OUT_OF_SCOPE");
        assertThat(driver.findElement(By.cssSelector("#run-summary .notice-warn")).getText()).contains("deactivate");
        screenshot("05-blocked");
        long heldBy = latestRunId();
        click("button[data-view=tenants]");
        visible("#tenant-contoso .hold");
        assertThat(textOf("#tenant-contoso .hold")).contains("3 deactivations awaiting approval", "held since run #" + heldBy,
                "deactivates exactly the accounts this plan lists (3)", "not in the reviewed plan",
                "The mapping file is as it was at the last applied run");
        String heldCard = wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.id("tenant-contoso")).getText());
        assertThat(heldCard).as("a BLOCKED last run only planned").contains("planned, nothing applied: 3 deactivated");
        assertThat(textOf("#tenant-contoso .card-head")).containsIgnoringCase("held");
        screenshot("05b-tenant-held");
        click("#tenant-contoso button[data-action=check]");
        // a check makes a fresh token request and several Graph calls: give it longer than a click
        new WebDriverWait(driver, Duration.ofSeconds(90)).withMessage(() -> "no check result; status line: "
                + textOf("#status")).until(d -> !d.findElements(By.cssSelector("#tenant-contoso .check-result")).isEmpty());
        assertThat(textOf("#tenant-contoso .check-result")).contains("token", "nothing was changed");
        screenshot("05c-connection-check");
        // the blocked run's own read waits until the test lets it go: the panel still shows the earlier look at it
        js("""
                const heldRun = arguments[0];
                window.requested = [];
                window.runLoaded = new Promise((resolve) => { window.releaseRun = resolve; });
                const fetchOfPage = window.fetch;
                window.fetch = (input, init) => {
                  window.requested.push(String(input));
                  return String(input) === heldRun ? window.runLoaded.then(() => fetchOfPage(input, init))
                    : fetchOfPage(input, init);
                };
                """, "/api/sync-runs/" + heldBy);
        click("#tenant-contoso .hold button[data-action=review]");
        wait.until(d -> (Boolean) js("return window.requested.includes(arguments[0]);", "/api/sync-runs/" + heldBy));
        assertThat(driver.findElement(By.id("run-blocked")).isDisplayed())
                .as("no Approve of a plan while its run loads (the click would find no run and open no dialog)").isFalse();
        js("window.releaseRun();");
        awaitDetailOfRunAfter(heldBy - 1);
        visible("#run-blocked");
        wait.until(d -> textOf("#blocked-table tbody").contains("alice@contoso.org"));
        assertThat(js("return window.requested.filter((u) => u.startsWith('/api/users')).length;"))
                .as("the change rows carry the accounts' emails and names: no account is read besides").isEqualTo(0L);

        click("#approve");
        WebElement dialog = visible("dialog#confirm");
        assertThat(dialog.getText()).contains("Approve run", "3 accounts", "1 main site user,", "1 open ticket)");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus starts on Cancel").isEqualTo("confirm-cancel");
        screenshot("06-approve-dialog");
        click("#confirm-cancel");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog#confirm")));
        assertThat(driver.findElement(By.cssSelector("#run-detail-title .badge")).getText()).isEqualTo("BLOCKED");

        long blockedId = latestRunId();
        click("#approve");
        visible("dialog#confirm");
        click("#confirm-ok");

        awaitDetailOfRunAfter(blockedId);
        textIn("#run-summary", "approves #" + blockedId);
        assertThat(finishedRunStatus()).isEqualTo("SUCCEEDED");
        assertThat(driver.findElement(By.cssSelector("#run-summary")).getText()).contains("APPROVAL")
                .contains("APPROVAL by static admin token", "approved by static admin token");
        assertThat(driver.findElements(By.cssSelector("#changes-table tbody tr[data-kind=DEACTIVATE]"))).hasSize(3)
                .allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".reason [data-code]")).getAttribute("title"))
                        .isEqualTo("OUT_OF_SCOPE"));
        assertThat(driver.findElement(By.id("run-blocked")).isDisplayed()).isFalse();
        screenshot("07-approved");

        // a BLOCKED run's plan still loading when another run is opened never shows under that other run
        var shownRun = java.util.regex.Pattern.compile("Run #(\\d+)").matcher(textOf("#run-detail-title"));
        assertThat(shownRun.find()).isTrue();
        long approvalRun = Long.parseLong(shownRun.group(1));
        js("""
                const plan = arguments[0];
                window.planLoaded = new Promise((resolve) => { window.releasePlan = resolve; });
                const fetchNow = window.fetch;
                window.fetch = (input, init) => {
                  if (!String(input).startsWith(plan)) return fetchNow(input, init);
                  window.planAsked = true;
                  return window.planLoaded.then(() => fetchNow(input, init))
                    .finally(() => setTimeout(() => { window.planServed = true; }, 200));
                };
                """, "/api/sync-runs/" + blockedId + "/changes?kind=DEACTIVATE");
        click("button[aria-label='Details of run #" + blockedId + "']");
        wait.until(d -> Boolean.TRUE.equals(js("return window.planAsked === true;")));
        click("button[aria-label='Details of run #" + approvalRun + "']");
        awaitDetailOfRunAfter(approvalRun - 1);
        js("window.releasePlan();");
        wait.until(d -> Boolean.TRUE.equals(js("return window.planServed === true;")));
        assertThat(textOf("#run-detail-title")).contains("Run #" + approvalRun);
        assertThat(driver.findElement(By.id("run-blocked")).isDisplayed())
                .as("run #" + blockedId + "'s plan, loaded late, is not shown under run #" + approvalRun).isFalse();
        click("button[data-view=tenants]");
        wait.until(d -> d.findElements(By.cssSelector("#tenant-contoso .hold")).isEmpty());
    }

    @Test
    @Order(5)
    void changedMapping_isAnnouncedOnTheCard_andTheNextRunReEvaluatesEveryone() throws IOException {
        Path file = MAPPINGS.resolve("contoso.yaml");
        // a change of what a run plans (a comment or a schedule change alone does not count)
        Files.writeString(file, Files.readString(file).replace("maxDeactivationPercent: 90", "maxDeactivationPercent: 91"));
        graph.publish();
        wait.until(d -> api.get("/api/tenants/contoso").json().get("mappingChanged").asBoolean());
        driver.navigate().refresh();
        visible("#tenant-contoso .mapping-changed");
        assertThat(textOf("#tenant-contoso .mapping-changed")).contains("re-evaluates every user");
        screenshot("07b-mapping-changed");

        tenantButton("delta");

        assertThat(finishedRunStatus()).isEqualTo("SUCCEEDED");
        textIn("#run-detail", "re-evaluated: mapping changed");
        click("button[data-view=tenants]");
        wait.until(d -> d.findElements(By.cssSelector("#tenant-contoso .mapping-changed")).isEmpty());
    }

    @Test
    @Order(6)
    void users_searchExplainAndDeactivate() {
        click("button[data-view=users]");
        WebElement q = visible("#user-q");
        q.clear();
        q.sendKeys("carol");
        click("#user-search button[type=submit]");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 1);
        WebElement carol = driver.findElement(By.cssSelector("#users-table tbody tr[data-user]"));
        assertThat(carol.getText()).contains("Carol Diaz", "carol@contoso.org", "Berlin", "STRONG").containsIgnoringCase("deactivated")
                .contains("by the sync: out of the sync scope");

        q.clear();
        q.sendKeys("contoso.org");
        new Select(driver.findElement(By.id("user-active"))).selectByValue("true");
        click("#user-search button[type=submit]");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 2);
        WebElement bob = driver.findElements(By.cssSelector("#users-table tbody tr[data-user]")).stream()
                .filter(r -> r.getText().contains("Bob Hill")).findFirst().orElseThrow();
        assertThat(bob.getText()).contains("HQ", "STRONG").containsIgnoringCase("active");
        wait.until(d -> !bob.findElement(By.cssSelector("td.tickets")).getText().equals("…"));
        assertThat(bob.findElement(By.cssSelector("td.tickets")).getText()).isEqualTo("0");

        bob.findElement(By.cssSelector("button[data-action=explain]")).click();
        textIn("#explain-body", "Helpdesk Users");
        assertThat(driver.findElement(By.id("explain-body")).getText()).containsIgnoringCase("in scope")
                .contains("member of 'Helpdesk Users'", "site 'HQ'", "department 'Sales'");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("explain-title");
        screenshot("08-users-explain");

        bob.findElement(By.cssSelector("button[data-action=deactivate]")).click();
        visible("dialog#confirm");
        click("#confirm-ok");
        textIn("#status", "Bob Hill deactivated");
        assertThat(api.get("/api/users?email=bob@contoso.org").json().get("content").get(0).get("active").asBoolean()).isFalse();
        new Select(driver.findElement(By.id("user-active"))).selectByValue("false");
        click("#user-search button[type=submit]");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).stream()
                .anyMatch(r -> r.getText().contains("Bob Hill") && r.getText().contains("deactivated by an admin")));
    }

    @Test
    @Order(7)
    void users_pagingCreateAndEditInTheForm_andTheLayoutAt1400And420Pixels() {
        long hq = 0;
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("name").asString().equals("HQ")) {
                hq = site.get("id").asLong();
            }
        }
        for (int i = 1; i <= 29; i++) {
            assertThat(api.post("/api/users", "{\"siteId\":" + hq + ",\"firstName\":\"Bulk\",\"lastName\":\"User" + i
                    + "\",\"email\":\"bulk" + i + "@bulk.example.org\"}").status()).isEqualTo(201);
        }
        String longEmail = "a.very.long.address.for.the.layout.of.the.users.table@some-really-long-subdomain.bulk.example.org";
        assertThat(api.post("/api/users", "{\"siteId\":" + hq + ",\"firstName\":\"Bulk\",\"lastName\":\"Longmail\","
                + "\"email\":\"" + longEmail + "\"}").status()).isEqualTo(201);
        click("button[data-view=users]");
        WebElement q = visible("#user-q");
        q.clear();
        q.sendKeys("bulk");
        new Select(driver.findElement(By.id("user-active"))).selectByValue("");
        click("#user-search button[type=submit]");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 25);
        textIn("#users-count", "of 30");
        click("#users-next");
        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 5);
        assertThat(driver.findElement(By.id("users-prev")).isEnabled()).isTrue();
        assertThat(driver.findElement(By.id("users-next")).isEnabled()).isFalse();

        click("#user-new");
        visible("#user-form-dialog");
        new Select(driver.findElement(By.id("uf-siteId"))).selectByVisibleText("HQ");
        driver.findElement(By.id("uf-firstName")).sendKeys("Nora");
        driver.findElement(By.id("uf-lastName")).sendKeys("New");
        driver.findElement(By.id("uf-jobTitle")).sendKeys("Accountant");
        click("#user-form-save");
        textIn("#uf-email-error", "email");
        assertThat(driver.findElement(By.id("uf-email")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("10-user-form-error");
        driver.findElement(By.id("uf-email")).sendKeys("nora.new@bulk.example.org");
        click("#user-form-save");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));
        textIn("#status", "Nora New created");
        JsonNode nora = api.get("/api/users?email=nora.new@bulk.example.org").json().get("content").get(0);
        assertThat(nora.get("jobTitle").asString()).isEqualTo("Accountant");

        wait.until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 1);
        click("#users-table tbody tr[data-user] button[data-action=edit]");
        visible("#user-form-dialog");
        WebElement title = driver.findElement(By.id("uf-jobTitle"));
        title.clear();
        title.sendKeys("Head of Accounts");
        driver.findElement(By.id("uf-mainSiteUser")).click();
        click("#user-form-save");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));
        JsonNode edited = api.get("/api/users/" + nora.get("id").asLong()).json();
        assertThat(edited.get("jobTitle").asString()).isEqualTo("Head of Accounts");
        assertThat(edited.get("mainSiteUser").asBoolean()).isTrue();

        q = driver.findElement(By.id("user-q"));
        q.clear();
        q.sendKeys("alice@contoso.org");
        click("#user-search button[type=submit]");
        wait.until(d -> textOf("#users-table tbody").contains("alice@contoso.org"));
        click("#users-table tbody tr[data-user] button[data-action=edit]");
        visible("#user-form-dialog");
        textIn("#user-form-fields", "Synced from contoso");
        title = driver.findElement(By.id("uf-jobTitle"));
        assertThat(title.getAttribute("readonly")).as("a directory-owned field is locked").isNotNull();
        textIn("#uf-jobTitle-owner", "owned by tenant contoso");
        screenshot("11-user-form-directory-owned");
        click("#user-form-cancel");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));

        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        q = driver.findElement(By.id("user-q"));
        q.clear();
        q.sendKeys("longmail");
        click("#user-search button[type=submit]");
        wait.until(d -> textOf("#users-table tbody").contains(longEmail));
        click("#users-table tbody tr[data-user] button[data-action=explain]");
        visible("#explain");
        Object overflow = js("const w = document.querySelector('#users-table').closest('.table-wrap');"
                + "const b = [...document.querySelectorAll('#users-table tbody tr[data-user] button')].map(x => x.getBoundingClientRect());"
                + "const r = w.getBoundingClientRect();"
                + "return (w.scrollWidth > w.clientWidth + 1) || b.some(x => x.right > r.right + 1 || x.right > innerWidth)"
                + " || document.documentElement.scrollWidth > innerWidth;");
        assertThat(overflow).as("every column and button of the users table stays visible at 1400 px").isEqualTo(false);
        screenshot("12-users-1400-explain-open");
        click("#user-search button[type=submit]");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("explain")));
        textIn("#status", "found");
        click("button[data-view=tenants]");
        wait.until(d -> textOf("#status").isEmpty());

        driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        for (String view : List.of("tenants", "runs", "users", "directory")) {
            WebElement link = driver.findElement(By.cssSelector("button[data-view=" + view + "]"));
            Object inside = js("const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;", link);
            assertThat(inside).as("nav link " + view + " visible at 420 px").isEqualTo(true);
            click("button[data-view=" + view + "]");
            visible("#view-" + view);
            screenshot("13-narrow-" + view);
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 960));
    }

    @Test
    @Order(8)
    void directory_sitesSettingsAndACsvImportWithItsReport() throws IOException {
        click("button[data-view=directory]");
        visible("#view-directory");
        wait.until(d -> textOf("#sites-table tbody").contains("HQ"));
        assertThat(textOf("#sites-table tbody")).contains("synced by contoso");
        driver.findElement(By.id("site-name")).sendKeys("Acme Imports");
        driver.findElement(By.id("site-domains")).sendKeys("acme-imports.example, acme-imports.example.de");
        click("#site-form button[type=submit]");
        wait.until(d -> textOf("#sites-table tbody").contains("acme-imports.example, acme-imports.example.de"));
        new Select(driver.findElement(By.id("settings-default-site"))).selectByVisibleText("Acme Imports");
        WebElement autoCreate = driver.findElement(By.id("settings-auto-create"));
        if (!autoCreate.isSelected()) {
            autoCreate.click();
        }
        click("#settings-form button[type=submit]");
        textIn("#status", "Settings saved");
        JsonNode settings = api.get("/api/settings").json();
        assertThat(settings.get("autoCreateUsersFromEmail").asBoolean()).isTrue();

        Path csv = HeadlessChromium.SCREENSHOTS.resolveSibling("admin-import.csv");
        Files.writeString(csv, "site,firstName,lastName,email,jobTitle\n"
                + "Acme Imports,Ida,Import,ida.import@acme-imports.example,Buyer\n"
                + "Acme Imports,No,Email,,Clerk\n"
                + "Acme Imports,Jon,Import,jon.import@acme-imports.example,\n");
        driver.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        click("#import-form button[type=submit]");
        textIn("#import-report", "2 created");
        assertThat(textOf("#import-report")).contains("1 rejected");
        assertThat(textOf("#import-rejected tbody")).startsWith("3").contains("email");
        assertThat(api.get("/api/users?email=ida.import@acme-imports.example").json().get("content").get(0)
                .get("jobTitle").asString()).isEqualTo("Buyer");
        screenshot("14-directory-import-report");
    }

    @Test
    @Order(8)
    void inboundMail_listsAWaitingMessage_assignsItToASite_andAWeakMainUserNeedsConfirmation() {
        JsonNode settings = api.get("/api/settings").json();
        api.put("/api/settings", "{\"autoCreateUsersFromEmail\":true,\"defaultSiteId\":null}");
        try {
            var waiting = api.post("/api/inbound-email", "{\"from\":\"\\\"Walk In\\\" <walk.in@unlisted.example>\","
                    + "\"subject\":\"Lost mail\",\"body\":\"Hello from nowhere\"}").json();
            assertThat(waiting.get("outcome").asString()).isEqualTo("UNASSIGNED");
            long id = waiting.get("messageId").asLong();

            click("button[data-view=inbound]");
            visible("#view-inbound");
            new Select(driver.findElement(By.id("inbound-outcome"))).selectByValue("UNASSIGNED");
            visible("#inbound-table tbody tr[data-message='" + id + "']");
            assertThat(textOf("#inbound-table tbody tr[data-message='" + id + "']")).contains("Lost mail", "no default site")
                    .containsIgnoringCase("waiting for a site");
            click("#inbound-table tbody tr[data-message='" + id + "'] button[data-show]");
            textIn("#inbound-detail-body", "Hello from nowhere");
            screenshot("15-inbound-waiting");
            new Select(driver.findElement(By.id("assign-site-" + id))).selectByVisibleText("Inbox");
            click("#inbound-table tbody tr[data-message='" + id + "'] form.assign button[type=submit]");
            textIn("#status", "user created, ticket opened");
            JsonNode kept = api.get("/api/inbound-email/" + id).json();
            assertThat(kept.get("outcome").asString()).isEqualTo("TICKET_OPENED");

            click("button[data-view=users]");
            WebElement q = visible("#user-q");
            q.clear();
            q.sendKeys("walk.in@unlisted.example");
            click("#user-search button[type=submit]");
            wait.until(d -> textOf("#users-table tbody").contains("walk.in@unlisted.example"));
            click("#users-table tbody tr[data-user] button[data-action=edit]");
            visible("#user-form-dialog");
            driver.findElement(By.id("uf-mainSiteUser")).click();
            click("#user-form-save");
            textIn("#uf-mainSiteUser-error", "WEAK");
            screenshot("16-weak-main-user-confirmation");
            assertThat(api.get("/api/users/" + kept.get("userId").asLong()).json().get("mainSiteUser").asBoolean()).isFalse();
            driver.findElement(By.id("uf-confirmWeak")).click();
            click("#user-form-save");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));
            textIn("#status", "saved");
            assertThat(api.get("/api/users/" + kept.get("userId").asLong()).json().get("mainSiteUser").asBoolean()).isTrue();

            driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
            WebElement link = driver.findElement(By.cssSelector("button[data-view=inbound]"));
            Object inside = js("const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;", link);
            assertThat(inside).as("nav link inbound visible at 420 px").isEqualTo(true);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 960));
            api.put("/api/settings", "{\"autoCreateUsersFromEmail\":" + settings.get("autoCreateUsersFromEmail").asBoolean()
                    + ",\"defaultSiteId\":" + settings.get("defaultSiteId") + "}");
        }
    }

    @Test
    @Order(8)
    void alertsView_showsTheChannelsAndTheOpenConditions() {
        click("button[data-view=alerts]");
        visible("#view-alerts");
        textIn("#alerts-channels", "No alert channel is configured");
        wait.until(d -> !textOf("#alerts-open tbody").isEmpty() && !textOf("#alerts-recent tbody").isEmpty());
        JsonNode alerts = api.get("/api/alerts").json();
        if (alerts.get("open").isEmpty()) {
            assertThat(textOf("#alerts-open tbody")).isEqualTo("Every tenant is fine.");
        } else {
            assertThat(textOf("#alerts-open tbody")).contains(alerts.get("open").get(0).get("tenant").asString());
        }
        screenshot("15-alerts");
    }

    @Test
    @Order(9)
    void auditView_listsTheApprovalWithItsActor_filteredByAction_withACsvExportOfTheFilter() {
        click("button[data-view=audit]");
        visible("#view-audit");
        WebElement action = visible("#audit-action");
        action.clear();
        action.sendKeys("hold: approve");
        click("#audit-search");

        wait.until(d -> textOf("#audit-table tbody").contains("hold: approve plan of run"));
        assertThat(textOf("#audit-table tbody")).contains("static admin token", "admin-token", "tenant=contoso");
        assertThat(textOf("#audit-table tbody")).doesNotContain("POST /api/tenants");
        assertThat(driver.findElement(By.id("audit-csv")).getAttribute("href"))
                .endsWith("/api/audit.csv?action=hold%3A+approve");
        textIn("#audit-count", "event");
        screenshot("17-audit");
    }

    @Test
    @Order(10)
    void aRejectedToken_returnsToSignIn_andSignOutForgetsTheToken() {
        click("button[data-view=tenants]");
        wait.until(d -> d.findElements(By.cssSelector("#tenant-contoso figure.chart svg rect.bar")).size() >= 5);
        // the tenant list re-renders while runs are polled: read each text in one go, again if its node was replaced
        String chartLabel = wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#tenant-contoso figure.chart svg")).getAttribute("aria-label"));
        assertThat(chartLabel).startsWith("Last ").contains("runs of contoso");
        String card = wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.id("tenant-contoso"))
                .getText());
        assertThat(card).contains("Last run", "#");
        screenshot("09-tenants-with-chart");

        js("sessionStorage.setItem('entra-sync.admin-token', 'rotated')");
        click("button[data-view=tenants]");
        visible("#sign-in");
        textIn("#sign-in-error", "not accepted");
        assertThat(js("return sessionStorage.getItem('entra-sync.admin-token')")).isNull();

        signIn();
        click("#sign-out");
        visible("#sign-in");
        assertThat(js("return sessionStorage.getItem('entra-sync.admin-token')")).isNull();
        // the views are hidden now, so their visible text is empty anyway: count the nodes left behind instead
        for (String shown : List.of("#tenant-list", "#fleet-table tbody", "#held-list", "#audit-table tbody",
                "#inbound-table tbody", "#alerts-recent tbody", "#users-table tbody")) {
            assertThat(js("return document.querySelector(arguments[0]).childElementCount", shown)).as(shown)
                    .isEqualTo(0L);
        }

        // an API key works where the page asks for the token
        String key = api.post("/api/keys", "{\"name\":\"page reader\",\"roles\":[\"EntraSync.Reader\"]}").json()
                .get("key").asString();
        WebElement field = visible("#token");
        field.clear();
        field.sendKeys(key);
        click("#sign-in-form button[type=submit]");
        visible("#tenant-contoso");
        assertThat(driver.findElement(By.id("nav-audit")).isDisplayed()).as("the audit view is for Admin callers")
                .isFalse();
        click("#sign-out");
        visible("#sign-in");

        List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Uncaught"))
                .toList();
        assertThat(problems).as("no CSP violations or script errors in the console").isEmpty();
    }
}
