package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Admin intent against the sync, on PostgreSQL and a WireMock Graph: a manual deactivation survives full and
 * delta runs, an edit of a directory-owned field is refused (409) instead of being undone by the next run, and
 * every deactivation and reactivation in a run's change log says why and whom.
 */
@GraphEndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminIntentEndToEndTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-intent", "mappings");

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "acme", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { default: Acme HQ }
                    departments: { attribute: department, createMissing: true }
                    fields:
                      mobilePhone: { owner: helpdesk }
                    safety: { maxDeactivations: 10, maxDeactivationPercent: 100 }
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

    JsonNode sync(String mode) {
        JsonNode run = api.syncAndWait("acme", mode, false);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("failed").asInt()).as(run.toString()).isZero();
        return run;
    }

    JsonNode account(String externalId) {
        for (JsonNode user : api.get("/api/users?tenant=acme&size=500").json().get("content")) {
            if (externalId.equals(user.get("externalId").asString(null))) {
                return user;
            }
        }
        throw new AssertionError("no account linked to " + externalId);
    }

    long id(String externalId) {
        return account(externalId).get("id").asLong();
    }

    JsonNode changes(JsonNode run, String kind) {
        return api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=" + kind).json().get("content");
    }

    @Test
    @Order(1)
    void firstFullSync_createsTheAccounts() {
        graph.group("g-helpdesk", "Helpdesk Users")
                .user("u1", person("Alice", "Berg", "alice@acme.org", "IT")).member("g-helpdesk", "u1")
                .user("u2", person("Bob", "Hill", "bob@acme.org", "Sales")).set("u2", "jobTitle", "Clerk")
                .member("g-helpdesk", "u2")
                .user("u3", person("Carol", "Diaz", "carol@acme.org", null)).member("g-helpdesk", "u3");
        graph.publish();

        JsonNode run = sync("FULL");

        assertThat(run.get("counts").get("created").asInt()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void manualDeactivation_isRecordedAsTheAdminsAndSurvivesAFullAndADeltaRun() {
        JsonNode deactivated = api.post("/api/users/" + id("u1") + "/deactivate", "").json();
        assertThat(deactivated.get("active").asBoolean()).isFalse();

        JsonNode full = sync("FULL");

        assertThat(full.get("counts").get("reactivated").asInt()).as(full.toString()).isZero();
        assertThat(account("u1").get("active").asBoolean()).isFalse();
        assertThat(deactivated.path("deactivationReason").asString(null)).isEqualTo("MANUAL");
        assertThat(deactivated.path("deactivatedAt").isMissingNode() || deactivated.get("deactivatedAt").isNull())
                .isFalse();
        assertThat(account("u1").get("deactivationReason").asString()).isEqualTo("MANUAL");

        graph.set("u1", "jobTitle", "Architect");
        graph.publish();
        JsonNode delta = sync("DELTA");

        assertThat(delta.get("counts").get("reactivated").asInt()).as(delta.toString()).isZero();
        assertThat(delta.get("counts").get("unchanged").asInt()).as("u1 was in the delta").isEqualTo(1);
        JsonNode alice = api.get("/api/users/" + id("u1")).json();
        assertThat(alice.get("active").asBoolean()).isFalse();
        assertThat(alice.get("deactivationReason").asString()).isEqualTo("MANUAL");
    }

    @Test
    @Order(3)
    void adminsActivation_releasesTheAccountToTheSyncAgain() {
        JsonNode activated = api.post("/api/users/" + id("u1") + "/activate", "").json();
        assertThat(activated.get("active").asBoolean()).isTrue();
        assertThat(activated.path("deactivationReason").isNull()).isTrue();
        assertThat(activated.path("deactivatedAt").isNull()).isTrue();

        JsonNode full = sync("FULL");

        assertThat(full.get("counts").get("updated").asInt()).as(full.toString()).isEqualTo(1);
        assertThat(account("u1").get("jobTitle").asString()).isEqualTo("Architect");
    }

    @Test
    @Order(4)
    void patchOfADirectoryOwnedField_is409NamingFieldAndOwner_andChangesNothing() {
        long bob = id("u2");

        ApiClient.Answer refused = api.patch("/api/users/" + bob, "{\"jobTitle\":\"Boss\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("field").asString()).isEqualTo("jobTitle");
        assertThat(refused.json().get("detail").asString())
                .startsWith("jobTitle of bob@acme.org is owned by tenant acme (")
                .contains("acme.yaml, fields.jobTitle.owner: directory); change it in Entra or make the field "
                        + "owner: helpdesk");
        assertThat(api.get("/api/users/" + bob).json().get("jobTitle").asString()).isEqualTo("Clerk");

        ApiClient.Answer department = api.patch("/api/users/" + bob, "{\"departmentId\":null}");
        assertThat(department.status()).isEqualTo(409);
        assertThat(department.json().get("detail").asString()).contains("departments.attribute: department");
        long elsewhere = api.post("/api/sites", "{\"name\":\"Elsewhere\"}").json().get("id").asLong();
        ApiClient.Answer site = api.patch("/api/users/" + bob, "{\"siteId\":" + elsewhere + "}");
        assertThat(site.status()).isEqualTo(409);
        assertThat(site.json().get("detail").asString()).startsWith("siteId of bob@acme.org is owned by tenant acme")
                .contains("sites: rules");
        ApiClient.Answer mixed = api.patch("/api/users/" + bob, "{\"mobilePhone\":\"+1 555\",\"lastName\":\"Other\"}");
        assertThat(mixed.status()).as("one owned field refuses the whole patch").isEqualTo(409);
        assertThat(api.get("/api/users/" + bob).json().get("mobilePhone").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void getOfASyncedUser_namesEachDirectoryOwnedFieldWithItsOwner_andAManualUserHasNone() {
        long bob = id("u2");

        JsonNode owned = api.get("/api/users/" + bob).json().get("ownedFields");

        assertThat(owned).as("every field but the helpdesk-owned mobilePhone, and no flag without its mapping key")
                .isNotNull();
        List<String> names = new ArrayList<>();
        owned.propertyNames().forEach(names::add);
        assertThat(names).containsExactly("firstName", "lastName", "email", "phone", "jobTitle", "siteId",
                "departmentId");
        JsonNode jobTitle = owned.get("jobTitle");
        assertThat(jobTitle.get("tenant").asString()).isEqualTo("acme");
        assertThat(jobTitle.get("file").asString()).endsWith("acme.yaml");
        assertThat(jobTitle.get("rule").asString()).isEqualTo("fields.jobTitle.owner: directory");
        assertThat(jobTitle.get("remedy").asString()).isEqualTo("change it in Entra or make the field owner: helpdesk");
        assertThat(owned.get("departmentId").get("rule").asString()).isEqualTo("departments.attribute: department");
        String refusal = api.patch("/api/users/" + bob, "{\"jobTitle\":\"Boss\"}").json().get("detail").asString();
        assertThat(refusal).as("the 409 names the same owner").contains(jobTitle.get("file").asString() + ", "
                + jobTitle.get("rule").asString());
        assertThat(api.get("/api/users?tenant=acme&size=500").json().get("content").get(0).has("ownedFields"))
                .as("lists leave it out").isFalse();

        long office = api.post("/api/sites", "{\"name\":\"Manual Office\"}").json().get("id").asLong();
        long manual = api.post("/api/users", "{\"siteId\":" + office + ",\"email\":\"mo@acme.org\"}").json()
                .get("id").asLong();
        assertThat(api.get("/api/users/" + manual).json().get("ownedFields").isEmpty()).isTrue();
    }

    @Test
    @Order(5)
    void patchOfAHelpdeskOwnedField_orOfAnOwnedFieldToItsOwnValue_isAccepted() {
        long bob = id("u2");

        ApiClient.Answer accepted = api.patch("/api/users/" + bob,
                "{\"mobilePhone\":\"+1 555 0100\",\"agentId\":\"A-7\",\"jobTitle\":\"Clerk\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("mobilePhone").asString()).isEqualTo("+1 555 0100");
        sync("FULL");
        assertThat(account("u2").get("mobilePhone").asString()).isEqualTo("+1 555 0100");
    }

    @Test
    @Order(6)
    void csvImport_refusesRowsChangingDirectoryOwnedFields_inThe409sWords_andChangesNoDeactivatedAccount() {
        long bob = id("u2");
        String conflict = api.patch("/api/users/" + bob, "{\"jobTitle\":\"Imported Title\"}").json().get("detail")
                .asString();
        long office = api.post("/api/sites", "{\"name\":\"Front Office\"}").json().get("id").asLong();
        long dora = api.post("/api/users", "{\"siteId\":" + office + ",\"email\":\"dora@acme.org\"}").json().get("id")
                .asLong();
        api.post("/api/users/" + dora + "/deactivate", "");
        String csv = """
                site,email,jobTitle,department,mobilePhone
                Acme,bob@acme.org,Imported Title,Imported Dept,
                Acme HQ,bob@acme.org,,,+1 555 0199
                Front Office,dora@acme.org,Boss,,
                acme hq,carol@acme.org,Clerk,,
                """;

        ApiClient.Answer imported = api.post("/api/import", "text/csv", csv);
        // an address stands on one row of a file: bob's second row comes as a file of its own
        ApiClient.Answer phoneOnly = api.post("/api/import", "text/csv",
                "site,email,jobTitle,department,mobilePhone\nAcme HQ,bob@acme.org,,,+1 555 0199\n");

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        JsonNode report = imported.json();
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(4);
        JsonNode rejected = report.get("rejected");
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(rejected.get(0).get("error").asString()).startsWith(conflict)
                .contains("; site of bob@acme.org is owned by tenant acme (", "sites: rules",
                        "; department of bob@acme.org is owned by tenant acme (");
        assertThat(rejected.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(rejected.get(1).get("error").asString()).as("the first row of an address counts, even refused")
                .startsWith("email 'bob@acme.org' is also on line 2;");
        assertThat(rejected.get(2).get("line").asInt()).isEqualTo(4);
        assertThat(rejected.get(2).get("error").asString()).isEqualTo("user " + dora + " (dora@acme.org) is "
                + "deactivated (MANUAL); the import changes no deactivated account: activate it first "
                + "(POST /api/users/" + dora + "/activate)");
        assertThat(rejected.get(3).get("line").asInt()).isEqualTo(5);
        assertThat(rejected.get(3).get("error").asString()).startsWith("jobTitle of carol@acme.org is owned by "
                + "tenant acme (");
        assertThat(phoneOnly.json().get("updated").asInt()).as("bob's helpdesk-owned phone, on his own site")
                .isEqualTo(1);
        JsonNode bobNow = api.get("/api/users/" + bob).json();
        assertThat(bobNow.get("jobTitle").asString()).isEqualTo("Clerk");
        assertThat(bobNow.get("mobilePhone").asString()).isEqualTo("+1 555 0199");
        assertThat(bobNow.get("siteId").asLong()).isEqualTo(account("u1").get("siteId").asLong());
        JsonNode doraNow = api.get("/api/users/" + dora).json();
        assertThat(doraNow.get("jobTitle").isNull()).isTrue();
        assertThat(doraNow.get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/sites").json()).extracting(site -> site.get("name").asString())
                .as("a refused row creates no site").contains("Acme HQ").doesNotContain("Acme");
    }

    @Test
    @Order(7)
    void inboundEmail_fromASyncedAccount_opensATicket_andChangesNoFieldOfTheAccount() {
        long bob = id("u2");
        JsonNode before = api.get("/api/users/" + bob).json();

        JsonNode plain = api.post("/api/inbound-email", "{\"from\":\"\\\"Robert Q. Hillman\\\" <bob@acme.org>\","
                + "\"subject\":\"Printer\"}").json();
        JsonNode tagged = api.post("/api/inbound-email", "{\"from\":\"Someone Else <BOB+desk@ACME.org>\","
                + "\"subject\":\"Again\"}").json();

        assertThat(plain.get("userId").asLong()).isEqualTo(bob);
        assertThat(plain.get("ticketId").isNull()).as(plain.toString()).isFalse();
        assertThat(tagged.get("userId").asLong()).isEqualTo(bob);
        assertThat(tagged.get("userCreated").asBoolean()).isFalse();
        assertThat(api.get("/api/users/" + bob).json()).as("names, email, site, association, updatedAt")
                .isEqualTo(before);
    }

    @Test
    @Order(8)
    void deactivationAndReactivationRows_carryReasonEmailAndName() {
        graph.set("u3", "accountEnabled", false).removeMember("g-helpdesk", "u2");
        graph.publish();

        JsonNode off = sync("DELTA");

        assertThat(off.get("counts").get("deactivated").asInt()).as(off.toString()).isEqualTo(2);
        assertThat(changes(off, "DEACTIVATE").toString()).contains("\"email\":\"carol@acme.org\"")
                .contains("\"email\":\"bob@acme.org\"").contains("\"reason\":\"DISABLED\"")
                .contains("\"reason\":\"OUT_OF_SCOPE\"");
        assertThat(account("u3").path("deactivationReason").asString(null)).isEqualTo("DISABLED");
        assertThat(account("u2").path("deactivationReason").asString(null)).isEqualTo("OUT_OF_SCOPE");

        graph.set("u3", "accountEnabled", true).member("g-helpdesk", "u2");
        graph.publish();
        JsonNode back = sync("DELTA");

        assertThat(back.get("counts").get("reactivated").asInt()).as(back.toString()).isEqualTo(2);
        JsonNode rows = changes(back, "REACTIVATE");
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            assertThat(row.get("reason").isNull()).as(row.toString()).isFalse();
            assertThat(row.get("email").isNull()).as(row.toString()).isFalse();
        }
        assertThat(rows.toString()).contains("\"reason\":\"re-enabled in the directory\"")
                .contains("\"reason\":\"returned to scope\"").contains("\"name\":\"Carol Diaz\"");
        assertThat(account("u3").get("active").asBoolean()).isTrue();
        assertThat(account("u3").path("deactivationReason").isNull()).isTrue();
    }
}
