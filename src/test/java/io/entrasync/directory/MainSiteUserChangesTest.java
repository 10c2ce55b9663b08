package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.DomainSite;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, observation 7: a main site user change names the user it demoted, at every door (create, patch, CSV
 * import); a deactivated main user stops being main, recorded; a WEAK account becomes main only when confirmed.
 */
@PostgresIntegrationTest
class MainSiteUserChangesTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String tag;
    String domain;
    long siteId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        DomainSite site = DomainSite.create(api, "Main");
        tag = site.tag();
        domain = site.domain();
        siteId = site.id();
    }

    @AfterEach
    void restoreSettings() {
        DomainSite.resetInboundSettings(api);
    }

    private JsonNode create(String first, String local, boolean main) {
        var answer = api.post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"" + local + "@" + domain
                + "\",\"firstName\":\"" + first + "\",\"lastName\":\"Doe\",\"mainSiteUser\":" + main + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private JsonNode changes() {
        return api.get("/api/sites/" + siteId + "/main-user-changes").json();
    }

    @Test
    void makingJohnMain_namesClaireAsDemoted_andRecordsBoth() {
        JsonNode claire = create("Claire", "claire", true);
        JsonNode john = create("John", "john", false);

        var answer = api.patch("/api/users/" + john.get("id").asLong(), "{\"mainSiteUser\":true}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("mainSiteUser").asBoolean()).isTrue();
        JsonNode demoted = answer.json().get("demoted");
        assertThat(demoted.get("id").asLong()).isEqualTo(claire.get("id").asLong());
        assertThat(demoted.get("email").asString()).isEqualTo("claire@" + domain);
        assertThat(demoted.get("name").asString()).isEqualTo("Claire Doe");
        assertThat(api.get("/api/users/" + claire.get("id").asLong()).json().get("mainSiteUser").asBoolean()).isFalse();
        JsonNode log = changes();
        assertThat(log.get(0).get("userId").asLong()).isEqualTo(john.get("id").asLong());
        assertThat(log.get(0).get("main").asBoolean()).isTrue();
        assertThat(log.get(0).get("reason").asString()).contains("replaces user " + claire.get("id").asLong());
        assertThat(log.get(1).get("userId").asLong()).isEqualTo(claire.get("id").asLong());
        assertThat(log.get(1).get("main").asBoolean()).isFalse();
        assertThat(log.get(1).get("replacedBy").asLong()).isEqualTo(john.get("id").asLong());
        assertThat(log.get(1).get("door").asString()).isEqualTo("API");
    }

    @Test
    void creatingAMainUser_namesThePreviousOne_andAnUnrelatedChangeNamesNobody() {
        JsonNode claire = create("Claire", "claire", true);

        JsonNode john = create("John", "john", true);
        var edit = api.patch("/api/users/" + john.get("id").asLong(), "{\"jobTitle\":\"Boss\"}");

        assertThat(john.get("demoted").get("id").asLong()).isEqualTo(claire.get("id").asLong());
        assertThat(claire.has("demoted")).isFalse();
        assertThat(edit.json().has("demoted")).isFalse();
    }

    @Test
    void deactivatedMainUser_losesTheFlag_andTheChangeIsRecorded() {
        JsonNode claire = create("Claire", "claire", true);

        var answer = api.post("/api/users/" + claire.get("id").asLong() + "/deactivate", "");

        assertThat(answer.json().get("active").asBoolean()).isFalse();
        assertThat(answer.json().get("mainSiteUser").asBoolean()).isFalse();
        assertThat(answer.json().get("demoted").get("id").asLong()).isEqualTo(claire.get("id").asLong());
        JsonNode last = changes().get(0);
        assertThat(last.get("door").asString()).isEqualTo("DEACTIVATION");
        assertThat(last.get("main").asBoolean()).isFalse();
        assertThat(last.get("reason").asString()).isEqualTo("deactivated by an admin");
        var again = api.patch("/api/users/" + claire.get("id").asLong(), "{\"mainSiteUser\":true}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("deactivated");
    }

    @Test
    void weakAccount_becomesMainOnlyWithConfirmWeak() {
        JsonNode claire = create("Claire", "claire", true);
        long weak = api.post("/api/inbound-email", "{\"from\":\"walk.in@" + domain + "\",\"subject\":\"Hi\"}").json()
                .get("userId").asLong();

        var refused = api.patch("/api/users/" + weak, "{\"mainSiteUser\":true,\"jobTitle\":\"Temp\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("field").asString()).isEqualTo("confirmWeak");
        assertThat(refused.json().get("detail").asString()).contains("WEAK", "every ticket of site " + siteId,
                "confirmWeak: true");
        JsonNode unchanged = api.get("/api/users/" + weak).json();
        assertThat(unchanged.get("mainSiteUser").asBoolean()).isFalse();
        assertThat(unchanged.get("jobTitle").isNull()).isTrue();
        assertThat(api.get("/api/users/" + claire.get("id").asLong()).json().get("mainSiteUser").asBoolean()).isTrue();

        var confirmed = api.patch("/api/users/" + weak, "{\"mainSiteUser\":true,\"confirmWeak\":true}");

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("mainSiteUser").asBoolean()).isTrue();
        assertThat(confirmed.json().get("demoted").get("id").asLong()).isEqualTo(claire.get("id").asLong());
        assertThat(api.patch("/api/users/" + weak, "{\"confirmWeak\":\"yes\"}").status()).isEqualTo(400);
    }

    @Test
    void csvImport_namesWhomItsMainSiteUserColumnDemoted_andRefusesAWeakAccount() {
        JsonNode claire = create("Claire", "claire", true);
        api.post("/api/inbound-email", "{\"from\":\"walk.in@" + domain + "\",\"subject\":\"Hi\"}");
        String site = "Main " + tag;
        String csv = "site,email,firstName,mainSiteUser\n"
                + site + ",john@" + domain + ",John,true\n"
                + site + ",walk.in@" + domain + ",Walk,true\n";

        var report = api.post("/api/import", "text/csv", csv).json();

        assertThat(report.get("demoted")).hasSize(1);
        assertThat(report.get("demoted").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(report.get("demoted").get(0).get("user").get("id").asLong()).isEqualTo(claire.get("id").asLong());
        assertThat(report.get("rejectedCount").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").get(0).get("error").asString()).contains("WEAK", "CSV import does not make it main");
        JsonNode changes = changes();
        assertThat(changes.findValuesAsString("door")).contains("CSV");
    }

    @Test
    void mainUserChangesOfAnUnknownSite_are404() {
        assertThat(api.get("/api/sites/987654321/main-user-changes").status()).isEqualTo(404);
    }
}
