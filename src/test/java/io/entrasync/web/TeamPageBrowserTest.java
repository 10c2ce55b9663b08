package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The admin page as a team uses it, in a real headless Chromium whose time zone is Asia/Kolkata (UTC+5:30, no
 * daylight saving): a site's email domains edited and a department renamed on the page; a synced user's form with the
 * fields the directory owns locked, each naming its owner; a user's tickets in the user's panel, with a ticket opened
 * at a fixed instant shown in the browser's zone; reason codes shown in words with the code in the tooltip; the users
 * table at 420 px without sideways scrolling. The synced user is linked to a tenant file by SQL (no Graph needed:
 * ownership asks only the mapping file and the link).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamPageBrowserTest {

    static final Path MAPPINGS = Path.of("target", "team-page", "mappings");
    static final String ZONE = "Asia/Kolkata";
    /** 12:00 UTC is 17:30 in Kolkata. */
    static final Instant OPENED = Instant.parse("2026-03-14T12:00:00Z");

    static HeadlessChromium browser;
    static long syncedUserId;
    static long siteId;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        try {
            Files.createDirectories(MAPPINGS);
            Files.writeString(MAPPINGS.resolve("acme.yaml"), """
                    tenant: acme
                    tenantId: 00000000-0000-0000-0000-0000000000ac
                    clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
                    credentials: { clientSecretEnv: TEAM_PAGE_UNSET_SECRET }
                    schedule: "0 0 3 1 1 ?"
                    sites:
                      - { default: Acme HQ }
                    departments: { attribute: department }
                    fields:
                      mobilePhone: { owner: helpdesk }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("entra-sync.mappings-dir", MAPPINGS::toString);
    }

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
        // the page formats times in the browser's zone: give the browser one that is not the machine's (UTC)
        ((HasCdp) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ZONE));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A site, a department (from a CSV import), a synced user of tenant acme in it, and a ticket of that user. */
    @Test
    @Order(1)
    void setUp_andSignIn() {
        ApiClient.Answer site = api.post("/api/sites", "{\"name\":\"Acme HQ\",\"emailDomains\":[\"acme.example\"]}");
        assertThat(site.status()).as(site.body()).isEqualTo(201);
        siteId = site.json().get("id").asLong();
        ApiClient.Answer imported = api.post("/api/import", "text/csv", """
                site,email,firstName,lastName,department,jobTitle
                Acme HQ,ann.berg@acme.example,Ann,Berg,Sales,Clerk
                """);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        syncedUserId = api.get("/api/users?email=ann.berg@acme.example").json().get("content").get(0).get("id").asLong();
        jdbc.update("update end_user set tenant = 'acme', external_id = 'ext-ann', association = 'STRONG' where id = ?",
                syncedUserId);
        long ticket = api.post("/api/tickets", "{\"userId\":" + syncedUserId + ",\"subject\":\"Printer jams\"}").json()
                .get("id").asLong();
        jdbc.update("update ticket set created_at = ? where id = ?", Timestamp.from(OPENED), ticket);
        api.post("/api/tickets", "{\"userId\":" + syncedUserId + ",\"subject\":\"VPN\",\"source\":\"PHONE\"}");

        browser.signIn("http://127.0.0.1:" + port + "/#users");

        browser.visible("#users-table tbody tr[data-user='" + syncedUserId + "']");
        assertThat(browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isIn(ZONE, "Asia/Calcutta");
    }

    @Test
    @Order(2)
    void siteDomainsEdited_andADepartmentRenamed_onThePage() {
        browser.click(".nav-link[data-view=directory]");
        browser.click("#sites-table tr[data-site='" + siteId + "'] button[data-action=edit-site]");
        WebElement domains = browser.visible("#site-edit-" + siteId + "-domains");
        domains.clear();
        domains.sendKeys("acme.example, acme.ch");
        browser.driver().findElement(By.id("site-edit-" + siteId + "-main-only")).click();
        browser.click("form.site-edit button[type=submit]");

        browser.await().until(d -> browser.textOf("#sites-table tr[data-site='" + siteId + "']").contains("acme.ch"));
        assertThat(browser.textOf("#sites-table tr[data-site='" + siteId + "']")).contains("acme.example");
        assertThat(browser.textOf("#sites-table tr[data-site='" + siteId + "']")).contains("main site user only");
        JsonNode saved = api.get("/api/sites").json().get(0);
        assertThat(saved.get("emailDomains").toString()).contains("acme.example", "acme.ch");
        assertThat(saved.get("mainUserOnlyTickets").asBoolean()).isTrue();

        browser.click("#sites-table tr[data-site='" + siteId + "'] button[data-action=edit-site]");
        WebElement bad = browser.visible("#site-edit-" + siteId + "-domains");
        bad.clear();
        bad.sendKeys("not a domain!");
        browser.click("form.site-edit button[type=submit]");
        browser.await().until(d -> !browser.textOf("#site-error").isEmpty());
        assertThat(browser.textOf("#site-error")).contains("not a valid domain");
        browser.click("form.site-edit button[type=button]");

        long sales = api.get("/api/departments").json().get(0).get("id").asLong();
        browser.click("#departments-table tr[data-department='" + sales + "'] button[data-action=rename-department]");
        WebElement name = browser.visible("#department-edit-" + sales);
        name.clear();
        name.sendKeys("Sales & Marketing");
        browser.click("form.department-edit button[type=submit]");

        browser.await().until(d -> browser.textOf("#departments-table").contains("Sales & Marketing"));
        assertThat(api.get("/api/departments").json().get(0).get("name").asString()).isEqualTo("Sales & Marketing");
        browser.screenshot("team-01-sites-and-departments");
    }

    @Test
    @Order(3)
    void syncedUsersForm_showsDirectoryOwnedFieldsLocked_withTheirOwner() {
        browser.click(".nav-link[data-view=users]");
        browser.click("#users-table tr[data-user='" + syncedUserId + "'] button[data-action=edit]");
        browser.visible("#user-form-dialog");
        browser.visible("#uf-jobTitle-owner");

        WebElement jobTitle = browser.driver().findElement(By.id("uf-jobTitle"));
        assertThat(jobTitle.getAttribute("readonly")).as("jobTitle is locked").isNotNull();
        assertThat(browser.textOf("#uf-jobTitle-owner")).contains("Locked: owned by tenant acme", "acme.yaml",
                "fields.jobTitle.owner: directory");
        assertThat(browser.driver().findElement(By.id("uf-jobTitle-owner")).getAttribute("title"))
                .isEqualTo("To change it: change it in Entra or make the field owner: helpdesk");
        assertThat(browser.driver().findElement(By.id("uf-siteId")).isEnabled()).as("the site is the directory's")
                .isFalse();
        assertThat(browser.textOf("#uf-departmentId-owner")).contains("departments.attribute: department");
        WebElement mobile = browser.driver().findElement(By.id("uf-mobilePhone"));
        assertThat(mobile.getAttribute("readonly")).as("mobilePhone is the helpdesk's").isNull();
        assertThat(browser.driver().findElements(By.id("uf-mobilePhone-owner"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("uf-mainSiteUser")).isEnabled())
                .as("no mainSiteUsers: in the mapping").isTrue();
        browser.screenshot("team-02-synced-user-form");

        mobile.sendKeys("+41 44 000 00 00");
        browser.click("#user-form-save");
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-form-dialog")));
        JsonNode ann = api.get("/api/users/" + syncedUserId).json();
        assertThat(ann.get("mobilePhone").asString()).isEqualTo("+41 44 000 00 00");
        assertThat(ann.get("jobTitle").asString()).as("the locked field was not sent").isEqualTo("Clerk");
    }

    @Test
    @Order(4)
    void usersTickets_inTheUsersPanel_withTheTimeInTheBrowsersZone() {
        browser.js("window.requested = []; const fetchNow = window.fetch; "
                + "window.fetch = (input, init) => { window.requested.push(String(input)); return fetchNow(input, init); };");
        browser.click(".nav-link[data-view=users]");
        browser.click("#user-search button[type=submit]"); // a search of its own, whatever an earlier test showed
        browser.await().until(d -> "2".equals(browser.textOf("#users-table tr[data-user='" + syncedUserId
                + "'] td.tickets").split(" ")[0]));
        assertThat(browser.js("return window.requested.filter((u) => u.endsWith('/tickets')).length;"))
                .as("the list answer counts each user's tickets: no request per row").isEqualTo(0L);
        browser.click("#users-table tr[data-user='" + syncedUserId + "'] button[data-action=explain]");
        browser.visible("#user-tickets");
        browser.await().until(d -> d.findElements(By.cssSelector("#user-tickets li[data-ticket]")).size() == 2);
        assertThat(browser.textOf("#explain-body")).contains("Tickets (2, 2 open)", "Printer jams", "VPN", "phone");

        WebElement opened = browser.driver().findElement(By.cssSelector("#user-tickets time[datetime='" + OPENED + "']"));
        Object expected = browser.js("return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short',"
                + " day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })"
                + ".format(new Date(arguments[0]))", OPENED.toString());
        assertThat(opened.getText()).isEqualTo(expected).contains("5:30").contains("2026");
        assertThat(opened.getAttribute("title")).as("the exact time names the zone").contains("5:30:00")
                .containsIgnoringCase("India");
        browser.screenshot("team-03-user-tickets");
    }

    @Test
    @Order(5)
    void reasonCodes_shownInWords_withTheCodeInTheTooltip() {
        api.post("/api/users/" + syncedUserId + "/deactivate", "");
        api.post("/api/inbound-email", "{\"from\":\"nobody@unknown.example\",\"subject\":\"Hello\"}");

        browser.click(".nav-link[data-view=users]");
        browser.click("#user-search button[type=submit]");
        WebElement why = browser.visible("#users-table tr[data-user='" + syncedUserId + "'] .deactivation");
        assertThat(why.getText()).isEqualTo("deactivated by an admin");
        assertThat(why.getAttribute("title")).startsWith("MANUAL");
        assertThat(why.getAttribute("data-code")).isEqualTo("MANUAL");

        browser.click(".nav-link[data-view=inbound]");
        WebElement outcome = browser.visible("#inbound-table tbody tr[data-message] .badge[data-code]");
        assertThat(outcome.getAttribute("title")).isEqualTo(outcome.getAttribute("data-code"));
        assertThat(outcome.getText()).isNotEqualTo(outcome.getAttribute("data-code")).doesNotContain("_");
        api.post("/api/users/" + syncedUserId + "/activate", "");
    }

    @Test
    @Order(6)
    void usersTable_at420px_fitsTheWindow_withoutSidewaysScrolling() {
        List<String> emails = List.of("a.very.long.address.of.someone@a-rather-long-customer-domain.example",
                "bo@acme.example", "cy@acme.example");
        emails.forEach(e -> api.post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"" + e + "\",\"firstName\":"
                + "\"Maximiliane-Theodora\",\"lastName\":\"Wolkenstein-Trostburg\",\"jobTitle\":\"Head of Procurement\"}"));
        browser.driver().manage().window().setSize(new Dimension(420, 900));
        try {
            browser.click(".nav-link[data-view=users]");
            browser.click("#user-search button[type=submit]");
            browser.await().until(d -> d.findElements(By.cssSelector("#users-table tbody tr[data-user]")).size() == 4);
            assertThat(((Number) browser.js("return innerWidth")).intValue()).isLessThanOrEqualTo(420);

            Object overflow = browser.js("const w = document.querySelector('#users-table').closest('.table-wrap');"
                    + "const buttons = [...document.querySelectorAll('#users-table tbody button')]"
                    + ".map(b => b.getBoundingClientRect());"
                    + "return { page: document.documentElement.scrollWidth - innerWidth,"
                    + " table: w.scrollWidth - w.clientWidth,"
                    + " buttonsOut: buttons.filter(r => r.right > innerWidth || r.left < 0).length,"
                    + " emailShown: [...document.querySelectorAll('#users-table tbody th .narrow-only')]"
                    + ".filter(e => e.offsetParent !== null).length };");
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) overflow;
            assertThat(((Number) fit.get("page")).intValue()).as("no horizontal scroll of the document").isLessThanOrEqualTo(0);
            assertThat(((Number) fit.get("table")).intValue()).as("the table fits its frame").isLessThanOrEqualTo(1);
            assertThat(((Number) fit.get("buttonsOut")).intValue()).as("every action button in the window").isZero();
            assertThat(((Number) fit.get("emailShown")).intValue()).as("the email under the name").isEqualTo(4);
            assertThat(browser.driver().findElement(By.cssSelector("#users-table thead th.col-secondary")).isDisplayed())
                    .as("secondary columns give way").isFalse();
            browser.screenshot("team-04-users-420");
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1440, 960));
        }
    }
}
