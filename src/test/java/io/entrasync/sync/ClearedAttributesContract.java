package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Attributes removed in Entra, through the whole service (WireMock Graph with real MSAL and Graph clients, the
 * mirror, mapping, reconcile, the helpdesk's accounts): a delta sends them as {@code null} (or {@code []}), a full
 * read leaves them out, and either way the account ends without them, or re-mapped where a rule used them. A field
 * the mapping gives to the helpdesk keeps its value. Run on PostgreSQL and on H2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClearedAttributesContract {

    static final String MAPPING = """
            scope: { groups: [Helpdesk Users] }
            sites:
              - attribute: officeLocation
                map: { BER-1: Berlin }
              - { default: HQ }
            departments: { attribute: department, createMissing: true }
            fields:
              mobilePhone: { owner: helpdesk }
            """;

    @LocalServerPort
    int port;

    abstract FakeDirectory graph();

    abstract String tenant();

    static String writeMapping(FakeDirectory graph, String dir, String tenant) {
        return graph.writeMapping(Path.of("target", dir, "mappings"), tenant, MAPPING);
    }

    JsonNode sync(String mode) {
        JsonNode run = new ApiClient(port).syncAndWait(tenant(), mode, false);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        return run;
    }

    static void assertCounts(JsonNode run, String expected) {
        JsonNode c = run.get("counts");
        String actual = "created=" + c.get("created") + " updated=" + c.get("updated") + " moved=" + c.get("moved")
                + " unchanged=" + c.get("unchanged") + " skipped=" + c.get("skipped") + " failed=" + c.get("failed");
        assertThat(actual).as(run.toString()).isEqualTo(expected);
    }

    JsonNode account(String externalId) {
        ApiClient api = new ApiClient(port);
        for (JsonNode user : api.get("/api/users?tenant=" + tenant() + "&size=500").json().get("content")) {
            if (externalId.equals(user.get("externalId").asString(null))) {
                return user;
            }
        }
        throw new AssertionError("no account for " + externalId);
    }

    String siteName(JsonNode user) {
        for (JsonNode site : new ApiClient(port).get("/api/sites").json()) {
            if (site.get("id").asLong() == user.get("siteId").asLong()) {
                return site.get("name").asString();
            }
        }
        return null;
    }

    String text(JsonNode user, String field) {
        JsonNode value = user.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    void everything(String id, String given, String mail) {
        graph().user(id, person(given, "Berg", mail, "IT")).set(id, "userPrincipalName", id + "@contoso.example")
                .set(id, "jobTitle", "Engineer").set(id, "businessPhones", List.of("+49 30 1"))
                .set(id, "mobilePhone", "+49 170 1").set(id, "officeLocation", "BER-1").member("g-helpdesk", id);
    }

    @Test
    @Order(1)
    void firstFullSync_fillsEveryField() {
        graph().group("g-helpdesk", "Helpdesk Users");
        everything("u1", "Alice", "alice@contoso.org");
        everything("u2", "Bob", "bob@contoso.org");
        graph().publish();

        assertCounts(sync("FULL"), "created=2 updated=0 moved=0 unchanged=0 skipped=0 failed=0");

        JsonNode alice = account("u1");
        assertThat(siteName(alice)).isEqualTo("Berlin");
        assertThat(alice.get("departmentId").isNull()).isFalse();
        assertThat(text(alice, "jobTitle")).isEqualTo("Engineer");
        assertThat(text(alice, "phone")).isEqualTo("+49 30 1");
        assertThat(text(alice, "mobilePhone")).isEqualTo("+49 170 1");
        assertThat(text(alice, "email")).isEqualTo("alice@contoso.org");
    }

    @Test
    @Order(2)
    void deltaSendingNulls_clearsTheAccount_remapsTheSite_keepsTheHelpdeskField_andFallsBackToTheUpn() {
        for (String attribute : List.of("department", "jobTitle", "businessPhones", "mobilePhone", "officeLocation",
                "mail")) {
            graph().unset("u1", attribute);
        }
        String since = graph().currentToken();
        graph().publish();
        assertThat(graph().pageBody("users", since))
                .as("the delta answers as Graph does").contains("\"department\":null", "\"jobTitle\":null",
                        "\"businessPhones\":[]", "\"officeLocation\":null", "\"mail\":null");

        JsonNode run = sync("DELTA");

        assertCounts(run, "created=0 updated=0 moved=1 unchanged=0 skipped=0 failed=0");
        JsonNode alice = account("u1");
        assertThat(siteName(alice)).as("the officeLocation rule falls through to the default").isEqualTo("HQ");
        assertThat(alice.get("departmentId").isNull()).isTrue();
        assertThat(text(alice, "jobTitle")).isNull();
        assertThat(text(alice, "phone")).isNull();
        assertThat(text(alice, "mobilePhone")).as("helpdesk-owned: never blanked by the directory")
                .isEqualTo("+49 170 1");
        assertThat(text(alice, "email")).as("the email is required: mail gone, the UPN is the next source")
                .isEqualTo("u1@contoso.example");
        assertThat(alice.get("active").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void fullReadLeavingAttributesOut_clearsTheAccountToo() {
        for (String attribute : List.of("department", "jobTitle", "businessPhones", "mobilePhone", "officeLocation")) {
            graph().unset("u2", attribute);
        }
        graph().publish();

        JsonNode run = sync("FULL");

        assertCounts(run, "created=0 updated=0 moved=1 unchanged=1 skipped=0 failed=0");
        JsonNode bob = account("u2");
        assertThat(siteName(bob)).isEqualTo("HQ");
        assertThat(bob.get("departmentId").isNull()).isTrue();
        assertThat(text(bob, "jobTitle")).isNull();
        assertThat(text(bob, "phone")).isNull();
        assertThat(text(bob, "mobilePhone")).isEqualTo("+49 170 1");
        assertThat(text(bob, "email")).isEqualTo("bob@contoso.org");
    }

    @Test
    @Order(4)
    void afterwards_deltaAndFullChangeNothing() {
        graph().publish();

        assertCounts(sync("DELTA"), "created=0 updated=0 moved=0 unchanged=0 skipped=0 failed=0");
        assertCounts(sync("FULL"), "created=0 updated=0 moved=0 unchanged=2 skipped=0 failed=0");
    }
}
