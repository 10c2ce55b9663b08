package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.nio.file.Path;
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
 * Issue 19, observation 7, at the sync's door: the mapping's {@code mainSiteUsers:} rule still owns the flag of a
 * synced site (it takes it back from a manual main user, recorded with the demoted user), and a main user a run
 * deactivates stops being main, recorded like an admin's deactivation.
 */
@GraphEndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainSiteUserSyncTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-main-user", "mappings");
    static long siteId;
    static long alice;

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "ruled", """
                scope: { groups: [All Staff] }
                sites:
                  - { default: Ruled HQ }
                mainSiteUsers: { group: Site Admins }
                safety: { maxDeactivations: 5, maxDeactivationPercent: 100 }
                """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    JsonNode user(long id) {
        return api.get("/api/users/" + id).json();
    }

    JsonNode changes() {
        return api.get("/api/sites/" + siteId + "/main-user-changes").json();
    }

    @Test
    @Order(1)
    void theRule_takesTheFlagBackFromAManualMainUser_andNamesHer() {
        graph.group("g-all", "All Staff").group("g-admins", "Site Admins")
                .user("m1", person("Alice", "Rule", "alice@ruled.example", null)).member("g-all", "m1").member("g-admins", "m1")
                .user("m2", person("Bob", "Rule", "bob@ruled.example", null)).member("g-all", "m2");
        graph.publish();
        JsonNode first = api.syncAndWait("ruled", "FULL", false);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        JsonNode synced = api.get("/api/users?tenant=ruled&email=alice@ruled.example").json().get("content").get(0);
        alice = synced.get("id").asLong();
        siteId = synced.get("siteId").asLong();
        assertThat(synced.get("mainSiteUser").asBoolean()).isTrue();
        var claire = api.post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"claire@manual-ruled.example\","
                + "\"firstName\":\"Claire\",\"mainSiteUser\":true}");
        assertThat(claire.json().get("demoted").get("id").asLong()).isEqualTo(alice);

        JsonNode full = api.syncAndWait("ruled", "FULL", false);

        assertThat(full.get("status").asString()).as(full.toString()).isEqualTo("SUCCEEDED");
        assertThat(user(alice).get("mainSiteUser").asBoolean()).isTrue();
        assertThat(user(claire.json().get("id").asLong()).get("mainSiteUser").asBoolean()).isFalse();
        JsonNode demotion = changes().get(1);
        assertThat(demotion.get("userId").asLong()).isEqualTo(claire.json().get("id").asLong());
        assertThat(demotion.get("door").asString()).isEqualTo("SYNC");
        assertThat(demotion.get("replacedBy").asLong()).isEqualTo(alice);
        assertThat(changes().get(0).get("reason").asString()).contains("mainSiteUsers: rule of tenant ruled");
    }

    @Test
    @Order(2)
    void aMainUserTheRunDeactivates_losesTheFlag_recorded_andGetsItBackWhenReactivated() {
        graph.set("m1", "accountEnabled", false);
        graph.publish();

        JsonNode run = api.syncAndWait("ruled", "DELTA", false);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonNode deactivated = user(alice);
        assertThat(deactivated.get("active").asBoolean()).isFalse();
        assertThat(deactivated.get("mainSiteUser").asBoolean()).isFalse();
        JsonNode last = changes().get(0);
        assertThat(last.get("userId").asLong()).isEqualTo(alice);
        assertThat(last.get("door").asString()).isEqualTo("DEACTIVATION");
        assertThat(last.get("reason").asString()).isEqualTo("deactivated by a sync run of tenant ruled: DISABLED");

        graph.set("m1", "accountEnabled", true);
        graph.publish();
        JsonNode back = api.syncAndWait("ruled", "DELTA", false);

        assertThat(back.get("status").asString()).as(back.toString()).isEqualTo("SUCCEEDED");
        assertThat(user(alice).get("active").asBoolean()).isTrue();
        assertThat(user(alice).get("mainSiteUser").asBoolean()).as("the mainSiteUsers: rule names her again").isTrue();
    }
}
