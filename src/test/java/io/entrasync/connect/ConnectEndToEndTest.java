package io.entrasync.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Connecting a customer through the whole admin-consent round trip: the service on a random port with the real
 * PostgreSQL, WireMock over https as Microsoft's token endpoint and Graph, the real MSAL and Graph clients. The
 * consent page itself is Microsoft's; the test plays the admin's browser coming back from it.
 */
@GraphEndToEndTest
@Import(ConnectFixture.Time.class)
class ConnectEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(10);
    static Path mappings;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        mappings = ConnectFixture.configure(registry, graph, "e2e-connect");
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void directory() {
        ConnectFixture.Time.TIME.onPause = () -> { };
        graph.clear();
        graph.group("g-helpdesk", "Helpdesk Users")
                .user("u1", person("Alice", "Berg", "alice@fabrikam.com", "IT")).member("g-helpdesk", "u1")
                .user("u2", person("Bob", "Hill", "bob@fabrikam.com", null)).member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@fabrikam.com", "Sales"));
        graph.publish();
        ConnectFixture.stubTenant(graph, FakeDirectory.TENANT_ID);
    }

    /** Each test connects the one fake directory: the tenant files it wrote go, so the next may connect it again. */
    @AfterEach
    void forgetConnectedTenants() throws IOException {
        try (var files = Files.list(mappings)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[a-z0-9-]+\\.yaml")).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void aCustomerIsConnectedOnce_aSecondTenantKeyForTheSameDirectoryIsRefused() throws Exception {
        ApiClient api = new ApiClient(port);
        Files.writeString(mappings.resolve("fabrikam-eu.yaml"), "tenant: fabrikam-eu\ntenantId: "
                + FakeDirectory.TENANT_ID + "\nextend: _msp-default\ncredentials: { app: msp }\n");
        JsonNode started = ConnectFixture.start(api, "fabrikam-again");

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("failed");
        assertThat(back.json().at("/error/code").asString()).isEqualTo("tenant_already_connected");
        assertThat(back.json().at("/error/description").asString()).contains("fabrikam-eu.yaml",
                FakeDirectory.TENANT_ID);
        assertThat(mappings.resolve("fabrikam-again.yaml")).doesNotExist();
    }

    @Test
    void start_answersTheAdminConsentUrlOfTheMspAppsCloud() {
        ApiClient api = new ApiClient(port);

        JsonNode started = ConnectFixture.start(api, "contoso");

        URI consent = URI.create(started.get("consentUrl").asString());
        assertThat(consent.getScheme() + "://" + consent.getAuthority()).isEqualTo(graph.base());
        assertThat(consent.getPath()).isEqualTo("/organizations/v2.0/adminconsent");
        assertThat(consent.getQuery()).contains("client_id=" + ConnectFixture.MSP_CLIENT_ID)
                .contains("scope=" + graph.base() + "/.default")
                .contains("redirect_uri=https://sync.example.com/connect/callback")
                .contains("state=" + started.get("state").asString());
        assertThat(started.get("template").asString()).isEqualTo("_msp-default");
        assertThat(started.get("id").asString()).matches("[A-Za-z0-9_-]{16,}");
        assertThat(Instant.parse(started.get("expiresAt").asString()))
                .isBetween(ConnectFixture.Time.TIME.now().plus(Duration.ofMinutes(14)),
                        ConnectFixture.Time.TIME.now().plus(Duration.ofMinutes(16)));
        JsonNode waiting = api.get("/api/tenants/connect/" + started.get("id").asString()).json();
        assertThat(waiting.get("status").asString()).isEqualTo("waiting");
        assertThat(waiting.at("/startedBy/kind").asString()).isEqualTo("admin-token");
    }

    @Test
    void start_refusesABadKey_aMissingTemplate_andATenantThatHasAFile() throws Exception {
        ApiClient api = new ApiClient(port);
        Files.writeString(mappings.resolve("taken.yaml"), "tenant: taken\n");

        ApiClient.Answer badKey = api.post("/api/tenants/connect", "{\"tenant\":\"Fab Rikam\"}");
        ApiClient.Answer noTemplate = api.post("/api/tenants/connect",
                "{\"tenant\":\"templateless\",\"template\":\"_nothing-here\"}");
        ApiClient.Answer taken = api.post("/api/tenants/connect", "{\"tenant\":\"taken\"}");

        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("field").asString()).isEqualTo("tenant");
        assertThat(noTemplate.status()).isEqualTo(400);
        assertThat(noTemplate.json().get("field").asString()).isEqualTo("template");
        assertThat(noTemplate.json().get("detail").asString()).contains("_nothing-here.yaml");
        assertThat(taken.status()).isEqualTo(409);
        Files.delete(mappings.resolve("taken.yaml"));

        Files.writeString(mappings.resolve("_broken.yaml"), "schedule: \"0 */15 * * * ?\"\nsafety:\n  maxDeactivations: lots\n");
        ApiClient.Answer broken = api.post("/api/tenants/connect", "{\"tenant\":\"brokenco\",\"template\":\"_broken\"}");
        Files.delete(mappings.resolve("_broken.yaml"));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("field").asString()).isEqualTo("template");
        assertThat(broken.json().get("detail").asString()).as("the template's file and line").contains("_broken.yaml:3");
    }

    @Test
    void consent_isProven_theFileWritten_theTenantLoaded_andItSyncs() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "fabrikam");

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, false);

        assertThat(back.status()).isEqualTo(303);
        assertThat(back.header("Location")).isEqualTo("/#connect/" + started.get("id").asString());
        JsonNode outcome = api.get("/api/tenants/connect/" + started.get("id").asString()).json();
        assertThat(outcome.get("status").asString()).as(outcome.toString()).isEqualTo("connected");
        assertThat(outcome.get("tenantId").asString()).isEqualTo(FakeDirectory.TENANT_ID);
        assertThat(outcome.at("/organization/displayName").asString()).isEqualTo("Fabrikam Ltd");
        assertThat(outcome.at("/organization/verifiedDomains").toString())
                .isEqualTo("[\"fabrikam.onmicrosoft.com\",\"fabrikam.com\"]");
        assertThat(outcome.at("/check/ok").asBoolean()).as(outcome.toString()).isTrue();
        assertThat(outcome.at("/file/written").asBoolean()).isTrue();
        String file = Files.readString(mappings.resolve("fabrikam.yaml"));
        assertThat(file).isEqualTo("""
                tenant: fabrikam
                tenantId: %s
                extend: _msp-default
                credentials: { app: msp }
                scope: { groups: [Helpdesk Users] }
                """.formatted(FakeDirectory.TENANT_ID));
        assertThat(outcome.at("/file/content").asString()).isEqualTo(file);
        try (var listed = Files.list(mappings)) {
            assertThat(listed.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .contains("_msp-default.yaml", "fabrikam.yaml").noneMatch(name -> name.startsWith("."));
        }
        graph.wireMock().verify(postRequestedFor(urlPathEqualTo("/" + FakeDirectory.TENANT_ID
                + "/oauth2/v2.0/token")));
        graph.wireMock().verify(getRequestedFor(urlPathEqualTo("/v1.0/organization")));

        JsonNode tenant = api.get("/api/tenants/fabrikam").json();
        assertThat(tenant.get("valid").asBoolean()).as(tenant.toString()).isTrue();
        JsonNode run = api.syncAndWait("fabrikam", "FULL", false);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/counts/created").asInt()).as("the template's scope group's members").isEqualTo(2);

        ApiClient.Answer replayed = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);
        assertThat(replayed.status()).as("the state is single-use").isEqualTo(400);
        assertThat(replayed.json().get("field").asString()).isEqualTo("state");
        ApiClient.Answer replayedInBrowser = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, false);
        assertThat(replayedInBrowser.status()).isEqualTo(303);
        assertThat(replayedInBrowser.header("Location")).isEqualTo("/#connect/error/state-used");

        // the group picker: search, then scope and a site rule rewrite the file, which still loads
        ApiClient.Answer found = api.get("/api/tenants/connect/" + started.get("id").asString()
                + "/groups?q=" + ConnectFixture.enc("Help'desk"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().at("/groups/0/displayName").asString()).isEqualTo("Helpdesk Users");
        assertThat(found.json().at("/groups/0/description").asString()).isEqualTo("Everyone we serve");
        graph.wireMock().verify(getRequestedFor(urlPathEqualTo("/v1.0/groups"))
                .withQueryParam("$filter", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "startswith(displayName,'Help''desk')"))
                .withQueryParam("$top", com.github.tomakehurst.wiremock.client.WireMock.equalTo("25")));
        var tokenRequests = postRequestedFor(urlPathEqualTo("/" + FakeDirectory.TENANT_ID + "/oauth2/v2.0/token"))
                .build();
        int tokensBefore = graph.wireMock().countRequestsMatching(tokenRequests).getCount();
        assertThat(api.get("/api/tenants/connect/" + started.get("id").asString() + "/groups?q=Hel").status())
                .isEqualTo(200);
        assertThat(graph.wireMock().countRequestsMatching(tokenRequests).getCount())
                .as("a search as the admin types reuses the shared client's token").isEqualTo(tokensBefore);

        ApiClient.Answer picked = api.put("/api/tenants/connect/" + started.get("id").asString() + "/groups",
                "{\"scope\":[\"Helpdesk Users\",\"IT: Staff\"],\"sites\":[{\"group\":\"Berlin Office\","
                        + "\"site\":\"Berlin\"}]}");
        assertThat(picked.status()).as(picked.body()).isEqualTo(200);
        String rewritten = Files.readString(mappings.resolve("fabrikam.yaml"));
        assertThat(rewritten).startsWith("""
                tenant: fabrikam
                tenantId: %s
                extend: _msp-default
                credentials: { app: msp }
                scope: { groups: [Helpdesk Users, "IT: Staff"] }
                sites:
                  - { group: Berlin Office, site: Berlin }
                  - { attribute: officeLocation, map: { BER: Berlin, PAR: Paris } }
                  - { default: Headquarters }
                """.formatted(FakeDirectory.TENANT_ID));
        assertThat(picked.json().at("/file/content").asString()).isEqualTo(rewritten);
        JsonNode reloaded = api.get("/api/tenants/fabrikam").json();
        assertThat(reloaded.get("valid").asBoolean()).as(reloaded.toString()).isTrue();
        ApiClient.Answer emptyScope = api.put("/api/tenants/connect/" + started.get("id").asString() + "/groups",
                "{\"scope\":[]}");
        assertThat(emptyScope.status()).isEqualTo(400);
        assertThat(emptyScope.json().get("field").asString()).isEqualTo("scope");
    }

    @Test
    void refusal_isARefusal_evenWithAdminConsentTrue() {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "refuser");

        ApiClient.Answer back = ConnectFixture.callback(port, "admin_consent=True&tenant=" + FakeDirectory.TENANT_ID
                + "&error=access_denied&error_description=" + ConnectFixture.enc(
                        "AADSTS65004: User declined to consent to access the app.")
                + "&state=" + ConnectFixture.enc(started.get("state").asString()), true);

        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("refused");
        assertThat(back.json().at("/error/code").asString()).isEqualTo("access_denied");
        assertThat(back.json().at("/error/description").asString()).startsWith("AADSTS65004");
        assertThat(back.json().get("file").isNull()).isTrue();
        assertThat(mappings.resolve("refuser.yaml")).doesNotExist();
        graph.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/v1.0/organization")));
        ApiClient.Answer groups = api.get("/api/tenants/connect/" + started.get("id").asString() + "/groups?q=x");
        assertThat(groups.status()).as("no picker for a refused tenant").isEqualTo(409);
    }

    @Test
    void aTenantParameterThatIsNoTenantId_isNotKept_andTheCallbackStillAnswers() {
        ApiClient api = new ApiClient(port);
        String longText = "x".repeat(100);
        JsonNode refused = ConnectFixture.start(api, "longrefusal");
        JsonNode consented = ConnectFixture.start(api, "longconsent");

        ApiClient.Answer refusal = ConnectFixture.callback(port, "error=access_denied&tenant=" + longText
                + "&state=" + ConnectFixture.enc(refused.get("state").asString()), true);
        ApiClient.Answer consent = ConnectFixture.consented(port, consented.get("state").asString(), longText, true);

        assertThat(refusal.status()).as(refusal.body()).isEqualTo(200);
        assertThat(refusal.json().get("status").asString()).isEqualTo("refused");
        assertThat(refusal.json().get("tenantId").isNull()).isTrue();
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        assertThat(consent.json().get("status").asString()).isEqualTo("failed");
        assertThat(consent.json().at("/error/code").asString()).isEqualTo("invalid_callback");
        assertThat(consent.json().get("tenantId").isNull()).isTrue();
        assertThat(api.get("/api/tenants/connect/" + consented.get("id").asString()).json().get("status")
                .asString()).as("stored, not left waiting").isEqualTo("failed");
    }

    @Test
    void thePicker_leavesAFileEditedByHandAlone() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "handedited");
        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);
        assertThat(back.json().at("/file/written").asBoolean()).as(back.body()).isTrue();
        String byHand = back.json().at("/file/content").asString() + "# the admin's own line\n";
        Files.writeString(mappings.resolve("handedited.yaml"), byHand);

        ApiClient.Answer picked = api.put("/api/tenants/connect/" + started.get("id").asString() + "/groups",
                "{\"scope\":[\"Helpdesk Users\"]}");

        assertThat(picked.status()).as(picked.body()).isEqualTo(409);
        assertThat(Files.readString(mappings.resolve("handedited.yaml"))).isEqualTo(byHand);
    }

    @Test
    void oneStateSentTwiceAtOnce_isUsedByExactlyOneCallback() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "twice");
        String query = "error=access_denied&error_description=declined&state="
                + ConnectFixture.enc(started.get("state").asString());
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Callable<Integer> callback = () -> {
            go.await();
            return ConnectFixture.callback(port, query, true).status();
        };

        try {
            var first = two.submit(callback);
            var second = two.submit(callback);
            go.countDown();

            assertThat(java.util.List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 400);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void forgedTenant_whoseOrganizationIsAnother_fails_andWritesNothing() {
        ApiClient api = new ApiClient(port);
        ConnectFixture.stubTenant(graph, ConnectFixture.OTHER_TENANT_ID);
        JsonNode started = ConnectFixture.start(api, "forged");

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("failed");
        assertThat(back.json().at("/error/code").asString()).isEqualTo("tenant_mismatch");
        assertThat(back.json().get("file").isNull()).isTrue();
        assertThat(mappings.resolve("forged.yaml")).doesNotExist();
    }

    @Test
    void forgedTenant_withoutTheAppsConsent_fails_andWritesNothing() {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "notconsented");

        // no token endpoint answers for this tenant: WireMock's 404, as for a tenant that never consented
        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                ConnectFixture.OTHER_TENANT_ID, true);

        assertThat(back.json().get("status").asString()).as(back.body()).isEqualTo("failed");
        assertThat(back.json().get("tenantId").asString()).isEqualTo(ConnectFixture.OTHER_TENANT_ID);
        assertThat(mappings.resolve("notconsented.yaml")).doesNotExist();
    }

    @Test
    void unknownMissingAndExpiredStates_areRefused() {
        ApiClient api = new ApiClient(port);

        ApiClient.Answer unknown = ConnectFixture.consented(port, "not-a-state-of-ours", FakeDirectory.TENANT_ID,
                true);
        ApiClient.Answer missing = ConnectFixture.callback(port, "admin_consent=True&tenant="
                + FakeDirectory.TENANT_ID, false);
        JsonNode started = ConnectFixture.start(api, "latecomer");
        ConnectFixture.Time.TIME.advance(Duration.ofMinutes(16));
        ApiClient.Answer expired = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("belongs to no connection");
        assertThat(missing.status()).isEqualTo(303);
        assertThat(missing.header("Location")).isEqualTo("/#connect/error/state-missing");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("detail").asString()).contains("expired");
        assertThat(api.get("/api/tenants/connect/" + started.get("id").asString()).json().get("status").asString())
                .as("no callback can complete it any more: the page stops waiting").isEqualTo("expired");
        assertThat(mappings.resolve("latecomer.yaml")).doesNotExist();
    }

    @Test
    void aTokenEndpointRefusingFor20SecondsAfterTheConsent_isWaitedOut() {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "propagating");
        String scenario = "service principal propagation";
        var refusing = ConnectFixture.refusingToken(graph, FakeDirectory.TENANT_ID, scenario, Scenario.STARTED);
        Instant consentedAt = ConnectFixture.Time.TIME.now();
        int pausesBefore = ConnectFixture.Time.TIME.pauses;
        // Entra refuses until 20 s after the consent; then the refusing stub is gone and the directory's token answers
        ConnectFixture.Time.TIME.onPause = () -> {
            if (!ConnectFixture.Time.TIME.now().isBefore(consentedAt.plusSeconds(20))) {
                graph.wireMock().removeStub(refusing);
            }
        };

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(back.json().get("status").asString()).as(back.body()).isEqualTo("connected");
        assertThat(mappings.resolve("propagating.yaml")).exists();
        int pauses = ConnectFixture.Time.TIME.pauses - pausesBefore;
        assertThat(pauses).as("2 + 4 + 8 + 10 s of backoff reach past 20 s").isEqualTo(4);
        // one request per attempt (four refused, one issued), one more by the connection check
        graph.wireMock().verify(pauses + 1 + 1, postRequestedFor(urlPathEqualTo("/" + FakeDirectory.TENANT_ID
                + "/oauth2/v2.0/token")));
    }

    @Test
    void aTokenEndpointStillRefusingAfterAMinute_failsTheConnection() {
        ApiClient api = new ApiClient(port);
        JsonNode started = ConnectFixture.start(api, "neverready");
        ConnectFixture.refusingToken(graph, FakeDirectory.TENANT_ID, "never propagated", Scenario.STARTED);

        ApiClient.Answer back = ConnectFixture.consented(port, started.get("state").asString(),
                FakeDirectory.TENANT_ID, true);

        assertThat(back.json().get("status").asString()).isEqualTo("failed");
        assertThat(back.json().at("/error/code").asString()).isEqualTo("AADSTS7000229");
        assertThat(mappings.resolve("neverready.yaml")).doesNotExist();
    }
}
