package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FleetFixture;
import io.entrasync.support.FleetFixture.Run;
import io.entrasync.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Tenants view with a fleet of 1,000 tenant files (never reached: no secret, a yearly schedule) and their runs
 * written into the database: the summary, the needs-attention filter, paging, search, a row opening its card, the
 * held plans and the recent failed runs across tenants, and the Runs view across all tenants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class FleetBrowserTest {

    static final Path MAPPINGS = Path.of("target", "fleet-browser", "mappings");
    static final int TENANTS = 1000;
    static HeadlessChromium browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        FleetFixture.writeTenants(MAPPINGS, TENANTS);
        registry.add("entra-sync.mappings-dir", MAPPINGS::toString);
    }

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Every tenant succeeded an hour ago, except: every 10th failed three times since (failing), tenant-0500 then had a
     * BLOCKED run and is held (which ends its series of failures: 99 failing), tenant-0007 never ran (never synced).
     * Needs attention: 101.
     */
    void history() {
        FleetFixture.clear(jdbc);
        Instant now = Instant.now();
        List<Run> runs = new ArrayList<>();
        for (int n = 1; n <= TENANTS; n++) {
            if (n != 7) {
                runs.add(Run.succeeded(FleetFixture.key(n), now.minus(Duration.ofHours(1))));
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int n = 10; n <= TENANTS; n += 10) {
                runs.add(Run.failed(FleetFixture.key(n), now.minus(Duration.ofMinutes(30 - i))));
            }
        }
        runs.add(Run.blocked("tenant-0500", now.minus(Duration.ofMinutes(5))));
        FleetFixture.insert(jdbc, runs);
        FleetFixture.hold(jdbc, "tenant-0500");
    }

    @Test
    void needsAttentionFilter_paging_search_andTheCrossTenantLists() {
        history();
        browser.signIn("http://127.0.0.1:" + port + "/#tenants");
        var wait = browser.await();
        wait.until(d -> browser.textOf("#fleet-summary").contains("1000 tenants"));
        assertThat(browser.textOf("#fleet-summary")).contains("101 needs attention", "99 failing", "1 held",
                "never synced");
        assertThat(rows()).hasSize(50);
        assertThat(browser.textOf("#fleet-page")).contains("Page 1 of 20", "1000 tenants");
        assertThat(browser.driver().findElements(By.cssSelector("#tenant-list article.card")))
                .as("50 rows, no cards until one is opened").isEmpty();

        browser.click("#fleet-summary button[data-state=needs-attention]");
        wait.until(d -> browser.textOf("#fleet-page").contains("101 tenants"));
        assertThat(browser.textOf("#fleet-page")).contains("Page 1 of 3");
        assertThat(rows()).hasSize(50).allSatisfy(row -> assertThat(row.getAttribute("data-state")).isNotEqualTo("ok"));
        assertThat(browser.visible("#fleet-summary button[data-state=needs-attention]").getAttribute("aria-pressed"))
                .isEqualTo("true");
        browser.click("#fleet-next");
        wait.until(d -> browser.textOf("#fleet-page").contains("Page 2 of 3"));
        browser.click("#fleet-next");
        wait.until(d -> browser.textOf("#fleet-page").contains("Page 3 of 3"));
        assertThat(rows()).hasSize(1);
        assertThat(browser.driver().findElement(By.id("fleet-next")).isEnabled()).isFalse();

        new Select(browser.driver().findElement(By.id("fleet-state"))).selectByValue("held");
        wait.until(d -> browser.textOf("#fleet-page").contains("Page 1 of 1 · 1 tenant"));
        assertThat(browser.textOf("#fleet-table tbody")).contains("tenant-0500", "40 deactivations awaiting approval");
        assertThat(browser.driver().findElements(By.cssSelector("#tenant-list #tenant-tenant-0500 .hold")))
                .as("a page of one tenant shows its card").hasSize(1);

        new Select(browser.driver().findElement(By.id("fleet-state"))).selectByValue("");
        WebElement q = browser.driver().findElement(By.id("fleet-q"));
        q.sendKeys("tenant-099");
        browser.click("#fleet-search button[type=submit]");
        wait.until(d -> browser.textOf("#fleet-page").contains("10 tenants"));
        browser.click("#fleet-table tbody tr[data-tenant=tenant-0990] th button");
        browser.visible("#tenant-tenant-0990");
        assertThat(browser.textOf("#tenant-tenant-0990")).contains("Last run", "FAILED");

        assertThat(browser.textOf("#held-list")).contains("tenant-0500", "review plan #");
        assertThat(browser.driver().findElements(By.cssSelector("#failed-list li[data-run]"))).hasSize(10);

        browser.click(".nav-link[data-view=runs]");
        wait.until(d -> d.findElements(By.cssSelector("#runs-table tbody tr[data-run]")).size() == 25);
        assertThat(new Select(browser.driver().findElement(By.id("runs-tenant"))).getFirstSelectedOption().getText())
                .isEqualTo("All tenants");
        assertThat(browser.textOf("#runs-table tbody")).contains("tenant-0500", "tenant-1000");
    }

    /**
     * While a shown card has a running run the page polls its card every 1.5 s, but the held plans and failed runs
     * across tenants are read once on load and once more when the run ends, not on every poll.
     */
    @Test
    void aRunningRun_isPolledOnItsCard_theCrossTenantListsOnlyWhenItEnds() throws InterruptedException {
        history();
        long running = FleetFixture.insertRunning(jdbc, "tenant-0042");
        browser.signIn("http://127.0.0.1:" + port + "/#tenants");
        var wait = browser.await();
        wait.until(d -> browser.textOf("#fleet-summary").contains("1000 tenants"));
        browser.driver().findElement(By.id("fleet-q")).sendKeys("tenant-0042");
        browser.click("#fleet-search button[type=submit]");
        wait.until(d -> browser.textOf("#tenant-list").contains("run #" + running));
        assertThat(browser.textOf("#tenant-tenant-0042")).contains("A run is in progress");

        browser.js("""
                window.requested = [];
                const fetchOfPage = window.fetch;
                window.fetch = (input, init) => { window.requested.push(String(input)); return fetchOfPage(input, init); };
                """);
        wait.until(d -> requests("/api/sync-runs?tenant=tenant-0042") >= 3);
        assertThat(requests("state=held")).as("held plans read on a poll").isZero();
        assertThat(requests("status=FAILED")).as("failed runs read on a poll").isZero();

        jdbc.update("update sync_run set status = 'FAILED', finished_at = ?, error = 'lost the token' where id = ?",
                Timestamp.from(Instant.now()), running);
        wait.until(d -> browser.textOf("#failed-list").contains("#" + running));
        assertThat(browser.textOf("#failed-list")).contains("tenant-0042", "lost the token");
        long polls = requests("/api/sync-runs?tenant=tenant-0042");
        Thread.sleep(3500); // two poll intervals: none follows once no shown card has an active run
        assertThat(requests("/api/sync-runs?tenant=tenant-0042")).as("polling stopped").isEqualTo(polls);
        assertThat(requests("state=held")).as("held plans read once when the run ended").isEqualTo(1);
        assertThat(requests("status=FAILED")).as("failed runs read once when the run ended").isEqualTo(1);
    }

    /** How many of the page's requests since the counter was installed had {@code part} in their address. */
    private static long requests(String part) {
        return (Long) browser.js("return window.requested.filter((u) => u.includes(arguments[0])).length;", part);
    }

    private static List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#fleet-table tbody tr[data-tenant]"));
    }
}
