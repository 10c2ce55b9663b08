package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants side by side, each with its own WireMock Graph, on a real PostgreSQL: sites belong to the tenant whose
 * mapping created them, a manual or another tenant's site is taken only when a rule names it, and the accounts of a
 * tenant whose mapping file is gone are listed and released to manual accounts.
 */
@GraphEndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantIsolationEndToEndTest {

    static final FakeDirectory contosoGraph = new FakeDirectory(2);
    static final FakeDirectory fabrikamGraph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-isolation", "mappings");
    static final Map<String, Long> manualSites = new HashMap<>();

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) throws IOException {
        if (Files.isDirectory(MAPPINGS)) {
            try (var files = Files.list(MAPPINGS)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        contosoGraph.writeMapping(MAPPINGS, "contoso", """
                sites:
                  - { group: Walk-in, site: Front Desk }
                  - { default: Headquarters }
                """);
        String dir = fabrikamGraph.writeMapping(MAPPINGS, "fabrikam", """
                sites:
                  - { default: Headquarters }
                """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        contosoGraph.stop();
        fabrikamGraph.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    static void assertCounts(JsonNode run, String expected) {
        JsonNode c = run.get("counts");
        String actual = "created=" + c.get("created") + " moved=" + c.get("moved") + " skipped=" + c.get("skipped")
                + " failed=" + c.get("failed");
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(actual).as(run.toString()).isEqualTo(expected);
    }

    JsonNode account(String tenant, String externalId) {
        for (JsonNode user : api.get("/api/users?tenant=" + tenant + "&size=500").json().get("content")) {
            if (externalId.equals(user.get("externalId").asString(null))) {
                return user;
            }
        }
        throw new AssertionError("no account of " + tenant + " for " + externalId);
    }

    JsonNode site(long id) {
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("id").asLong() == id) {
                return site;
            }
        }
        throw new AssertionError("no site " + id);
    }

    /** "name@tenant", or "name@manual" for a site of no tenant. */
    String siteOf(JsonNode user) {
        JsonNode site = site(user.get("siteId").asLong());
        return site.get("name").asString() + "@" + site.get("tenant").asString("manual");
    }

    List<String> sitesNamed(String name) {
        List<String> found = new ArrayList<>();
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("name").asString().equals(name)) {
                found.add(site.get("tenant").asString("manual"));
            }
        }
        return found.stream().sorted().toList();
    }

    @Test
    @Order(1)
    void twoTenantsWithDefaultHeadquarters_getASiteEach_andNeitherTakesTheManualSitesOfThatName() {
        for (String name : List.of("Headquarters", "Front Desk")) {
            manualSites.put(name, api.post("/api/sites", "{\"name\":\"" + name + "\"}").json().get("id").asLong());
        }
        contosoGraph.group("g-walkin", "Walk-in")
                .user("c1", person("Ann", "Contoso", "ann@contoso.example", null))
                .user("c2", person("Ben", "Contoso", "ben@contoso.example", null)).member("g-walkin", "c2");
        contosoGraph.publish();
        fabrikamGraph.group("g-walkin", "Walk-in").group("g-desk", "Contoso Desk")
                .user("f1", person("Fay", "Fabrikam", "fay@fabrikam.example", null))
                .user("f2", person("Gus", "Fabrikam", "gus@fabrikam.example", null)).member("g-walkin", "f2")
                .user("f3", person("Hal", "Fabrikam", "hal@fabrikam.example", null)).member("g-desk", "f3");
        fabrikamGraph.publish();

        // both runs at once: each creates its own "Headquarters" in its own transaction
        String contosoRun = api.post("/api/tenants/contoso/sync", "{\"mode\":\"FULL\"}").header("Location");
        String fabrikamRun = api.post("/api/tenants/fabrikam/sync", "{\"mode\":\"FULL\"}").header("Location");
        JsonNode contoso = api.awaitRun(contosoRun, Duration.ofMinutes(2));
        JsonNode fabrikam = api.awaitRun(fabrikamRun, Duration.ofMinutes(2));

        assertCounts(contoso, "created=2 moved=0 skipped=0 failed=0");
        assertCounts(fabrikam, "created=3 moved=0 skipped=0 failed=0");
        assertThat(sitesNamed("Headquarters")).containsExactly("contoso", "fabrikam", "manual");
        assertThat(siteOf(account("contoso", "c1"))).isEqualTo("Headquarters@contoso");
        assertThat(siteOf(account("fabrikam", "f1"))).isEqualTo("Headquarters@fabrikam");
        assertThat(siteOf(account("contoso", "c2"))).as("a rule without manualSite names the tenant's own site")
                .isEqualTo("Front Desk@contoso");
    }

    @Test
    @Order(2)
    void aRuleNamingTheManualSiteOrAnotherTenantsSite_movesItsUsersThere_andCreatesNothing() throws IOException {
        fabrikamGraph.writeMapping(MAPPINGS, "fabrikam", """
                sites:
                  - { group: Walk-in, site: Front Desk, manualSite: true }
                  - { group: Contoso Desk, site: headquarters, siteOfTenant: contoso }
                  - { group: Contoso Desk, site: Nowhere, siteOfTenant: contoso }
                  - { default: Headquarters }
                """);
        int sitesBefore = api.get("/api/sites").json().size();

        JsonNode run = api.syncAndWait("fabrikam", "FULL", false);

        assertCounts(run, "created=0 moved=2 skipped=0 failed=0");
        assertThat(account("fabrikam", "f2").get("siteId").asLong()).isEqualTo(manualSites.get("Front Desk"));
        assertThat(siteOf(account("fabrikam", "f3"))).isEqualTo("Headquarters@contoso");
        assertThat(siteOf(account("fabrikam", "f1"))).isEqualTo("Headquarters@fabrikam");
        assertThat(api.get("/api/sites").json().size()).isEqualTo(sitesBefore);
        JsonNode moves = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=MOVE").json();
        assertThat(moves.toString()).contains("Front Desk (manual site)", "headquarters (site of tenant 'contoso')");
    }

    @Test
    @Order(3)
    void aMissingSiteOfAnotherOwner_isReportedNotCreated() throws IOException {
        fabrikamGraph.writeMapping(MAPPINGS, "fabrikam", """
                sites:
                  - { group: Walk-in, site: Back Office, manualSite: true }
                  - { default: Headquarters }
                """);

        JsonNode run = api.syncAndWait("fabrikam", "FULL", false);

        assertCounts(run, "created=0 moved=1 skipped=1 failed=0");
        assertThat(sitesNamed("Back Office")).isEmpty();
        JsonNode skip = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=SKIP").json()
                .get("content").get(0);
        assertThat(skip.get("reason").asString()).contains("manual site 'Back Office' does not exist");
    }

    @Test
    @Order(4)
    void orphanedTenant_isListed_andReleasedToManualAccounts_keepingTickets() throws IOException {
        long fay = account("fabrikam", "f1").get("id").asLong();
        assertThat(api.post("/api/tickets", "{\"userId\":" + fay + ",\"subject\":\"printer\"}").status()).isEqualTo(201);
        assertThat(api.get("/api/tenants/orphaned").json()).as("fabrikam still has its file").isEmpty();

        Files.delete(MAPPINGS.resolve("fabrikam.yaml"));
        var listed = api.get("/api/tenants/orphaned");
        var stillClaimed = api.post("/api/tenants/orphaned/contoso/release", "{}");
        var released = api.post("/api/tenants/orphaned/fabrikam/release", "{}");

        assertThat(listed.status()).as("not swallowed by /api/tenants/{tenant}").isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).toString())
                .isEqualTo("{\"tenant\":\"fabrikam\",\"accounts\":3,\"activeAccounts\":3,\"sites\":1}");
        assertThat(stillClaimed.status()).isEqualTo(409);
        assertThat(stillClaimed.json().get("detail").asString()).contains("tenant 'contoso' still has a mapping file");
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("accounts").asLong()).isEqualTo(3);
        assertThat(released.json().get("sites").asLong()).as("the tenant's own sites, as listed").isEqualTo(1);
        JsonNode manual = api.get("/api/users/" + fay).json();
        assertThat(manual.get("tenant").isNull()).isTrue();
        assertThat(manual.get("externalId").isNull()).isTrue();
        assertThat(manual.get("association").asString()).isEqualTo("STRONG");
        assertThat(manual.get("active").asBoolean()).isTrue();
        assertThat(siteOf(manual)).isEqualTo("Headquarters@fabrikam");
        assertThat(api.get("/api/users/" + fay + "/tickets").json()).hasSize(1);
        assertThat(api.get("/api/tenants/orphaned").json()).isEmpty();
        assertThat(api.post("/api/tenants/orphaned/fabrikam/release", "{}").status()).isEqualTo(404);
        assertThat(account("contoso", "c1").get("tenant").asString()).isEqualTo("contoso");
    }

    @Test
    @Order(5)
    void aTenantWhoseYamlCannotBeParsed_keepsItsCardAndAccounts_andIsNeverOrphaned() throws IOException {
        Path file = MAPPINGS.resolve("contoso.yaml");
        String good = Files.readString(file);
        long lastRun = api.get("/api/tenants/contoso").json().get("lastRun").get("id").asLong();
        JsonNode ann = account("contoso", "c1");
        Files.writeString(file, good + "sites: [oops\n");

        var orphaned = api.get("/api/tenants/orphaned"); // re-reads the directory at once
        var tenants = api.get("/api/tenants");
        var release = api.post("/api/tenants/orphaned/contoso/release", "{}");
        var sync = api.post("/api/tenants/contoso/sync", "{\"mode\":\"FULL\"}");

        JsonNode card = null;
        for (JsonNode tenant : tenants.json().get("content")) {
            if (file.toAbsolutePath().toString().equals(tenant.get("file").asString())) {
                card = tenant;
            }
        }
        assertThat(card).as(tenants.body()).isNotNull();
        assertThat(card.get("tenant").asString()).as("the file name is the key, not the path").isEqualTo("contoso");
        assertThat(card.get("valid").asBoolean()).isFalse();
        assertThat(card.get("errors")).isNotEmpty();
        assertThat(card.get("lastRun").get("id").asLong()).as("its history stays on its card").isEqualTo(lastRun);
        assertThat(api.get("/api/tenants/contoso").status()).isEqualTo(200);
        assertThat(orphaned.json()).as(orphaned.body()).isEmpty();
        assertThat(release.status()).isEqualTo(409);
        assertThat(release.json().get("detail").asString()).contains("contoso.yaml, invalid");
        assertThat(sync.status()).as("runs stay off until the file is fixed").isEqualTo(422);
        JsonNode after = api.get("/api/users/" + ann.get("id").asLong()).json();
        assertThat(after.get("tenant").asString()).isEqualTo("contoso");
        assertThat(after.get("externalId").asString()).isEqualTo("c1");

        Files.writeString(file, good);
        assertThat(api.syncAndWait("contoso", "FULL", false).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(6)
    void aTenantKeyThatDiffersFromTheFileName_isAnErrorNamingBoth_andTheFileClaimsItsName() throws IOException {
        Files.writeString(MAPPINGS.resolve("contoso-old.yaml"), "tenant: contoso-new\nsitez: []\n");

        var answer = api.post("/api/tenants/orphaned/contoso-old/release", "{}");
        JsonNode card = api.get("/api/tenants/contoso-old").json();

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("detail").asString()).contains("contoso-old.yaml, invalid");
        assertThat(card.get("errors").toString()).contains("tenant 'contoso-new' differs from the file name "
                + "contoso-old.yaml");
        Files.delete(MAPPINGS.resolve("contoso-old.yaml"));
    }

    @Test
    @Order(7)
    void whileAMappingFileCannotBeReadAtAll_noTenantIsReleased() throws IOException {
        Path unreadable = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unreadable), "needs Linux /proc");
        Path link = MAPPINGS.resolve("zz.yaml");
        Files.createSymbolicLink(link, unreadable);
        try {
            var answer = api.post("/api/tenants/orphaned/nobody/release", "{}");

            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.json().get("detail").asString()).contains("zz.yaml: the file cannot be read");
        } finally {
            Files.delete(link);
        }
        assertThat(api.post("/api/tenants/orphaned/nobody/release", "{}").status()).isEqualTo(404);
    }
}
