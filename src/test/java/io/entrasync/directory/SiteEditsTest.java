package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Renaming and deleting sites and departments; a delete that would orphan users or tickets is 409 with counts. */
@PostgresIntegrationTest
class SiteEditsTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private long site(String name, String domain) {
        var created = api.post("/api/sites", "{\"name\":\"" + name + "\",\"emailDomains\":[\"" + domain + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void siteIsRenamed_andItsDomainsAndTicketRuleChanged() {
        long id = site("Old " + tag, "old-" + tag + ".example");

        var renamed = api.patch("/api/sites/" + id, "{\"name\":\"New " + tag + "\",\"emailDomains\":[\"new-" + tag
                + ".example\"],\"mainUserOnlyTickets\":true}");

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("New " + tag);
        assertThat(renamed.json().get("emailDomains").get(0).asString()).isEqualTo("new-" + tag + ".example");
        assertThat(renamed.json().get("mainUserOnlyTickets").asBoolean()).isTrue();
    }

    @Test
    void renameToATakenName_is409_andABlankName400() {
        site("Taken " + tag, "taken-" + tag + ".example");
        long id = site("Mine " + tag, "mine-" + tag + ".example");

        var taken = api.patch("/api/sites/" + id, "{\"name\":\"taken " + tag + "\"}");
        var blank = api.patch("/api/sites/" + id, "{\"name\":\"  \"}");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("field").asString()).isEqualTo("name");
        assertThat(blank.status()).isEqualTo(400);
    }

    @Test
    void deletingASiteWithUsersAndTickets_is409WithTheCounts_anEmptyOneIsDeleted() {
        long used = site("Used " + tag, "used-" + tag + ".example");
        long user = api.post("/api/users", "{\"email\":\"u@used-" + tag + ".example\",\"siteId\":" + used + "}").json()
                .get("id").asLong();
        api.post("/api/tickets", "{\"userId\":" + user + ",\"subject\":\"x\"}");
        long empty = site("Empty " + tag, "empty-" + tag + ".example");

        var refused = api.send("DELETE", "/api/sites/" + used);
        var deleted = api.send("DELETE", "/api/sites/" + empty);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("1 user(s) and 1 ticket(s)");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/sites").json().valueStream().map(s -> s.get("id").asLong())).doesNotContain(empty);
        assertThat(api.send("DELETE", "/api/sites/" + empty).status()).isEqualTo(404);
    }

    @Test
    void departmentIsRenamed_andDeletedOnlyWhenNobodyIsInIt() {
        long site = site("Dept " + tag, "dept-" + tag + ".example");
        api.post("/api/import", "text/csv", "site,email,department\nDept " + tag + ",d@dept-" + tag + ".example,Sales "
                + tag + "\n");
        long department = api.get("/api/departments").json().valueStream()
                .filter(d -> d.get("name").asString().equals("Sales " + tag)).findFirst().orElseThrow().get("id").asLong();
        api.post("/api/import", "text/csv", "site,email,department\nDept " + tag + ",e@dept-" + tag + ".example,Spare "
                + tag + "\n");
        long spare = api.get("/api/departments").json().valueStream()
                .filter(d -> d.get("name").asString().equals("Spare " + tag)).findFirst().orElseThrow().get("id").asLong();
        long e = api.get("/api/users?email=e@dept-" + tag + ".example").json().get("content").get(0).get("id").asLong();
        api.patch("/api/users/" + e, "{\"departmentId\":" + department + "}");

        var renamed = api.patch("/api/departments/" + department, "{\"name\":\"Revenue " + tag + "\"}");
        var refused = api.send("DELETE", "/api/departments/" + department);
        var deleted = api.send("DELETE", "/api/departments/" + spare);

        assertThat(site).isPositive();
        assertThat(renamed.json().get("name").asString()).isEqualTo("Revenue " + tag);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("2 user(s)");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    }
}
