package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sites, users, activation and tickets through the REST API against PostgreSQL. */
@PostgresIntegrationTest
class DirectoryApiTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    long site(String name) {
        var answer = api.post("/api/sites", "{\"name\":\"" + name + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    long user(long siteId, String email) {
        var answer = api.post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"" + email + "\",\"firstName\":\"A\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Nested
    class Sites {

        @Test
        void createAndList() {
            var created = api.post("/api/sites",
                    "{\"name\":\"Acme " + tag + "\",\"emailDomains\":[\"Acme-" + tag + ".com\"],\"mainUserOnlyTickets\":true}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("emailDomains").get(0).asString()).isEqualTo("acme-" + tag + ".com");
            assertThat(created.json().get("mainUserOnlyTickets").asBoolean()).isTrue();
            assertThat(api.get("/api/sites").body()).contains("Acme " + tag);
        }

        @Test
        void duplicateNameIgnoringCase_is409NamingTheSite() {
            long id = site("Dup " + tag);

            var answer = api.post("/api/sites", "{\"name\":\"dup " + tag.toUpperCase() + "\"}");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json().get("detail").asString()).contains("already used by site " + id);
            assertThat(answer.json().get("field").asString()).isEqualTo("name");
        }

        @Test
        void missingName_is400() {
            var answer = api.post("/api/sites", "{}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).isEqualTo("name is required");
        }
    }

    @Nested
    class Users {

        @Test
        void createReadAndPatch() {
            long siteId = site("Users " + tag);
            var created = api.post("/api/users", "{\"siteId\":" + siteId + ",\"firstName\":\"Claire\",\"lastName\":\"Johnson\","
                    + "\"email\":\"Claire." + tag + "@x.org\",\"phone\":\"+49 1\",\"jobTitle\":\"CFO\",\"agentId\":\"agent-7\"}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("/api/users/" + created.json().get("id").asLong());
            var json = created.json();
            assertThat(json.get("association").asString()).isEqualTo("STRONG");
            assertThat(json.get("active").asBoolean()).isTrue();
            assertThat(json.get("agentId").asString()).isEqualTo("agent-7");
            assertThat(json.get("externalId").isNull()).isTrue();

            var patched = api.patch("/api/users/" + json.get("id").asLong(), "{\"jobTitle\":\"CEO\",\"phone\":null}");

            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.json().get("jobTitle").asString()).isEqualTo("CEO");
            assertThat(patched.json().get("phone").isNull()).isTrue();
            assertThat(patched.json().get("firstName").asString()).isEqualTo("Claire");
        }

        @Test
        void emailIsRequired() {
            var answer = api.post("/api/users", "{\"siteId\":" + site("NoMail " + tag) + "}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asString()).isEqualTo("email is required");
            assertThat(answer.json().get("field").asString()).isEqualTo("email");
        }

        @Test
        void invalidEmail_is400() {
            var answer = api.post("/api/users", "{\"siteId\":" + site("Bad " + tag) + ",\"email\":\"not-an-address\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).isEqualTo("email 'not-an-address' is not a valid email address");
        }

        @Test
        void duplicateEmailIgnoringCase_is409NamingTheOwner() {
            long siteId = site("Dupe " + tag);
            long first = user(siteId, "same." + tag + "@x.org");

            var answer = api.post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"SAME." + tag + "@X.org\"}");

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json().get("detail").asString())
                    .isEqualTo("email 'same." + tag + "@x.org' is already used by user " + first);
        }

        @Test
        void unknownSite_is400NamingIt() {
            var answer = api.post("/api/users", "{\"siteId\":999999,\"email\":\"a" + tag + "@x.org\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).isEqualTo("site 999999 does not exist");
        }

        @Test
        void siteIsRequired() {
            var answer = api.post("/api/users", "{\"email\":\"a" + tag + "@x.org\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).isEqualTo("siteId");
        }

        @Test
        void wrongTypeAndUnknownField_areNamed() {
            long siteId = site("Types " + tag);

            var wrongType = api.post("/api/users", "{\"siteId\":\"abc\",\"email\":\"t" + tag + "@x.org\"}");
            var unknown = api.post("/api/users", "{\"siteId\":" + siteId + ",\"emial\":\"t" + tag + "@x.org\"}");
            var malformed = api.post("/api/users", "{\"siteId\":");

            assertThat(wrongType.status()).isEqualTo(400);
            assertThat(wrongType.json().get("field").asString()).isEqualTo("siteId");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("detail").asString()).startsWith("unknown field 'emial'");
            assertThat(malformed.status()).isEqualTo(400);
        }

        @Test
        void unknownUser_is404() {
            var answer = api.get("/api/users/987654321");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("detail").asString()).isEqualTo("user 987654321 does not exist");
        }

        @Test
        void listFiltersBySiteEmailAndActive() {
            long siteId = site("List " + tag);
            long a = user(siteId, "list-a-" + tag + "@x.org");
            user(siteId, "list-b-" + tag + "@x.org");
            api.post("/api/users/" + a + "/deactivate", "");

            var all = api.get("/api/users?site=" + siteId);
            var inactive = api.get("/api/users?site=" + siteId + "&active=false");
            var byEmail = api.get("/api/users?email=LIST-B-" + tag);

            assertThat(all.json().get("content")).hasSize(2);
            assertThat(all.json().get("page").get("totalElements").asLong()).isEqualTo(2);
            assertThat(inactive.json().get("content")).hasSize(1);
            assertThat(inactive.json().get("content").get(0).get("id").asLong()).isEqualTo(a);
            assertThat(byEmail.json().get("content")).hasSize(1);
        }

        @Test
        void aWholeAddressIsMatchedExactly_notAsASubstring() {
            long siteId = site("Exact " + tag);
            user(siteId, "bob-" + tag + "@x.org");
            user(siteId, "jimbob-" + tag + "@x.org");

            var exact = api.get("/api/users?email=BOB-" + tag + "@X.org").json().get("content");
            var substring = api.get("/api/users?email=bob-" + tag).json().get("content");

            assertThat(exact).hasSize(1);
            assertThat(exact.get(0).get("email").asString()).isEqualTo("bob-" + tag + "@x.org");
            assertThat(substring).hasSize(2);
        }

        @Test
        void settingMainSiteUserClearsThePreviousOne() {
            long siteId = site("Main " + tag);
            long first = user(siteId, "main1-" + tag + "@x.org");
            long second = user(siteId, "main2-" + tag + "@x.org");

            api.patch("/api/users/" + first, "{\"mainSiteUser\":true}");
            api.patch("/api/users/" + second, "{\"mainSiteUser\":true}");

            assertThat(api.get("/api/users/" + first).json().get("mainSiteUser").asBoolean()).isFalse();
            assertThat(api.get("/api/users/" + second).json().get("mainSiteUser").asBoolean()).isTrue();
        }
    }

    @Nested
    class Tickets {

        @Test
        void deactivatedUserKeepsTicketsAndCannotOpenNew_untilActivated() {
            long userId = user(site("Tickets " + tag), "t-" + tag + "@x.org");
            var opened = api.post("/api/tickets", "{\"userId\":" + userId + ",\"subject\":\"Printer\",\"source\":\"PHONE\"}");
            assertThat(opened.status()).isEqualTo(201);

            api.post("/api/users/" + userId + "/deactivate", "");
            var refused = api.post("/api/tickets", "{\"userId\":" + userId + ",\"subject\":\"Again\"}");

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("user " + userId).contains("deactivated");
            var listed = api.get("/api/users/" + userId + "/tickets").json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("subject").asString()).isEqualTo("Printer");
            assertThat(listed.get(0).get("status").asString()).isEqualTo("OPEN");

            api.post("/api/users/" + userId + "/activate", "");

            assertThat(api.post("/api/tickets", "{\"userId\":" + userId + ",\"subject\":\"Back\"}").status()).isEqualTo(201);
            assertThat(api.get("/api/users/" + userId + "/tickets").json()).hasSize(2);
            var listed2 = api.get("/api/users?email=t-" + tag + "@x.org").json().get("content").get(0);
            assertThat(listed2.at("/tickets/total").asLong()).as("the list counts tickets: no request per row")
                    .isEqualTo(2);
            assertThat(listed2.at("/tickets/open").asLong()).isEqualTo(2);
            assertThat(api.get("/api/users/" + userId).json().has("tickets")).as("only lists count").isFalse();
            user(site("Tickets none " + tag), "none-" + tag + "@x.org");
            var none = api.get("/api/users?email=none-" + tag + "@x.org").json().at("/content/0/tickets");
            assertThat(none.toString()).as("a user without tickets counts 0, not absent")
                    .isEqualTo("{\"total\":0,\"open\":0}");
        }

        @Test
        void mainUserOnlySite_refusesOtherUsers() {
            var site = api.post("/api/sites", "{\"name\":\"Strict " + tag + "\",\"mainUserOnlyTickets\":true}");
            long siteId = site.json().get("id").asLong();
            long main = user(siteId, "boss-" + tag + "@x.org");
            long other = user(siteId, "staff-" + tag + "@x.org");
            api.patch("/api/users/" + main, "{\"mainSiteUser\":true}");

            assertThat(api.post("/api/tickets", "{\"userId\":" + main + ",\"subject\":\"S\"}").status()).isEqualTo(201);
            var refused = api.post("/api/tickets", "{\"userId\":" + other + ",\"subject\":\"S\"}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("main user only");
        }

        @Test
        void badSource_is400NamingTheField() {
            long userId = user(site("Src " + tag), "src-" + tag + "@x.org");

            var answer = api.post("/api/tickets", "{\"userId\":" + userId + ",\"subject\":\"S\",\"source\":\"FAX\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).isEqualTo("source");
        }
    }
}
