package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and sloppy API input: malformed JSON, wrong types, oversized bodies, very long strings, control
 * characters, every script, SQL-looking text, broken CSV. Every answer is a 4xx problem detail (naming the field
 * or line where there is one), never a 500; and the trigger endpoint is rate limited per tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.mappings-dir=src/test/resources/no-mappings",
        "entra-sync.api.max-body-size=64KB",
        "entra-sync.api.max-import-size=256KB",
        "entra-sync.api.sync-trigger-burst=3",
        "entra-sync.api.sync-triggers-per-minute=1"
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class ApiAbuseTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    ApiClient api;
    static long siteId;

    @BeforeEach
    void site() {
        api = new ApiClient(port);
        if (siteId == 0) {
            var site = api.post("/api/sites", "{\"name\":\"Abuse\",\"emailDomains\":[\"abuse.example\"]}");
            assertThat(site.status()).as(site.body()).isEqualTo(201);
            siteId = site.json().get("id").asLong();
        }
    }

    static void assertProblem(ApiClient.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(answer.json().get("field").asString()).as(answer.body()).isEqualTo(field);
        }
    }

    @Nested
    class MalformedJson {

        @Test
        void everyJsonEndpoint_answers400ForBrokenEmptyAndWrongShapedBodies() {
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("POST /api/users", null);
            endpoints.put("PATCH /api/users/1", null);
            endpoints.put("POST /api/sites", null);
            endpoints.put("PUT /api/settings", null);
            endpoints.put("POST /api/inbound-email", null);
            endpoints.put("POST /api/tickets", null);
            List<String> wrong = new ArrayList<>();
            for (String endpoint : endpoints.keySet()) {
                for (String body : List.of("{", "{\"a\":}", "[]", "\"text\"", "42", "null", "", "{\"x\":1}{",
                        "\u0000\u0001", "{\"email\":\"a@b.c\"")) {
                    var answer = send(endpoint, "application/json", body);
                    if (answer.status() < 400 || answer.status() >= 500
                            || !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
                        wrong.add(endpoint + " " + body + " -> " + answer.status() + " " + answer.body());
                    }
                }
            }
            assertThat(wrong).isEmpty();
        }

        @Test
        void wrongTypes_nameTheField() {
            assertProblem(api.post("/api/users", "{\"email\":5,\"siteId\":" + siteId + "}"), 400, "email");
            assertProblem(api.post("/api/users", "{\"email\":\"t@abuse.example\",\"siteId\":\"abc\"}"), 400, "siteId");
            assertProblem(api.post("/api/users", "{\"email\":\"t@abuse.example\",\"siteId\":1e400}"), 400, "siteId");
            assertProblem(api.post("/api/users", "{\"email\":\"t@abuse.example\",\"siteId\":" + siteId
                    + ",\"mainSiteUser\":\"yes\"}"), 400, "mainSiteUser");
            assertProblem(api.post("/api/sites", "{\"name\":[1],\"emailDomains\":[]}"), 400, "name");
            assertProblem(api.post("/api/sites", "{\"name\":\"x\",\"emailDomains\":\"abuse.example\"}"), 400, "emailDomains");
            assertProblem(api.put("/api/settings", "{\"autoCreateUsersFromEmail\":\"maybe\"}"), 400,
                    "autoCreateUsersFromEmail");
            assertProblem(api.post("/api/tickets", "{\"userId\":\"one\",\"subject\":\"x\"}"), 400, "userId");
            assertProblem(api.post("/api/tickets", "{\"userId\":1,\"subject\":\"x\",\"source\":\"FAX\"}"), 400, "source");
            assertProblem(api.post("/api/tenants/nope/sync", "{\"mode\":\"SOMETIMES\"}"), 400, "mode");
            assertProblem(api.get("/api/users/abc"), 400, "userId");
            assertProblem(api.get("/api/users?active=perhaps"), 400, "active");
        }
    }

    @Nested
    class LongAndStrangeText {

        @Test
        void veryLongStrings_are4xxNamingTheField_neverA500() {
            String huge = "x".repeat(10_000);
            assertThat(api.post("/api/users", user("long1@abuse.example", huge, "Last")).status()).isEqualTo(400);
            assertProblem(api.post("/api/users", user("long1@abuse.example", huge, "Last")), 400, "firstName");
            assertProblem(api.post("/api/users", user("long2@abuse.example", "First", "y".repeat(201))), 400, "lastName");
            assertProblem(api.post("/api/users", user("a".repeat(330) + "@abuse.example", "F", "L")), 400, "email");
            assertProblem(api.post("/api/sites", "{\"name\":\"" + huge + "\",\"emailDomains\":[]}"), 400, "name");
            var email = api.post("/api/inbound-email", "{\"from\":\"writer@abuse.example\",\"subject\":\"" + huge
                    + "\",\"body\":\"" + huge + "\"}");
            assertThat(email.status()).as(email.body()).isLessThan(500);
        }

        @Test
        void controlCharacters_areRefusedOrKept_neverA500() {
            for (String bad : List.of("\\u0000", "\\u0007bell", "tab\\tand\\nnewline", "\\u202Eevil", "\\uD800")) {
                var answer = api.post("/api/users", user("ctl" + Math.abs(bad.hashCode()) + "@abuse.example", bad, "L"));
                assertThat(answer.status()).as(bad + ": " + answer.body()).isIn(201, 400);
                if (answer.status() == 400) {
                    assertProblem(answer, 400, "firstName");
                }
            }
            var ticket = api.post("/api/inbound-email", "{\"from\":\"nul@abuse.example\",\"subject\":\"a\\u0000b\"}");
            assertThat(ticket.status()).as(ticket.body()).isLessThan(500);
        }

        @Test
        void everyScriptAndSqlLookingText_roundTrips() {
            List<String> names = List.of("مريم الحسيني", "דוד כהן", "王小明", "山田はなこ", "김민준", "अनन्या शर्मा",
                    "สมชาย ใจดี", "Ёжик Туманов", "Ἀλέξανδρος", "🦄👩🏽‍💻", "Zoe\u0308 Ch\u0103\u0301u",
                    "Robert'); DROP TABLE end_user;--", "' OR '1'='1", "%_\\\\");
            int i = 0;
            for (String name : names) {
                String email = "script" + (i++) + "@abuse.example";
                String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                        Map.of("email", email, "siteId", siteId, "firstName", name, "lastName", name));
                var created = api.post("/api/users", json);
                assertThat(created.status()).as(name + ": " + created.body()).isEqualTo(201);
                JsonNode back = api.get("/api/users/" + created.json().get("id").asLong()).json();
                assertThat(back.get("firstName").asString()).isEqualTo(name);
                assertThat(back.get("lastName").asString()).isEqualTo(name);
            }
            var search = api.get("/api/users?email=%25");
            assertThat(search.status()).isLessThan(500);
            assertThat(api.get("/api/users?email=' OR 1=1 --".replace(" ", "%20")).status()).isLessThan(500);
        }
    }

    @Nested
    class Sizes {

        @Test
        void declaredOversizedBody_is413() {
            String big = "{\"name\":\"" + "x".repeat(70_000) + "\",\"emailDomains\":[]}";

            var answer = api.post("/api/sites", big);

            assertProblem(answer, 413, "body");
            assertThat(answer.json().get("detail").asString()).contains("65536");
        }

        @Test
        void chunkedOversizedBody_is413() throws Exception {
            byte[] big = ("{\"name\":\"" + "x".repeat(70_000) + "\",\"emailDomains\":[]}").getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sites"))
                    .header("Authorization", "Bearer " + ApiClient.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("\"field\":\"body\"");
        }

        @Test
        void oversizedCsvImport_is413_butAJsonSizedCsvIsFine() {
            String header = "site,email,firstName,lastName\n";
            StringBuilder csv = new StringBuilder(header);
            while (csv.length() < 300_000) {
                csv.append("Abuse,bulk").append(csv.length()).append("@abuse.example,A,B\n");
            }
            assertProblem(api.post("/api/import", "text/csv", csv.toString()), 413, "body");
            assertThat(api.post("/api/import", "text/csv", csv.substring(0, 100_000).replaceAll("\n[^\n]*$", "\n"))
                    .status()).isLessThan(500);
        }
    }

    @Nested
    class Csv {

        @Test
        void brokenCsv_is4xxOrAReportNamingTheLine_neverA500() {
            List<String> bodies = List.of(
                    "\uFEFFsite,email,firstName,lastName\nAbuse,bom@abuse.example,B,O\n",
                    "site,email,firstName,lastName\nAbuse,\"quote@abuse.example,Q,U\n",
                    "site,email,firstName,lastName\nAbuse,a\"b@abuse.example,Q,U\n",
                    "site,email,firstName,lastName\nAbuse\nAbuse,c@abuse.example,C,D,E,F,G\n",
                    "",
                    "\n\n\n",
                    "\u0000\u0001\u0002",
                    "type;site;email\nuser;Abuse;semi@abuse.example\n",
                    "site,email,firstName,lastName\nAbuse,ctl@abuse.example,\u0000,x\n");
            List<String> wrong = new ArrayList<>();
            for (String body : bodies) {
                var answer = api.post("/api/import", "text/csv", body);
                if (answer.status() >= 500 || (answer.status() >= 400
                        && !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json"))) {
                    wrong.add(body.replace("\n", "\\n") + " -> " + answer.status() + " " + answer.body());
                }
            }
            assertThat(wrong).isEmpty();
        }

        @Test
        void wrongColumnCount_isRejectedNamingTheLine() {
            var answer = api.post("/api/import", "text/csv",
                    "site,email,firstName,lastName\nAbuse\nAbuse,ok@abuse.example,O,K\n");

            assertThat(answer.status()).as(answer.body()).isLessThan(500);
            assertThat(answer.body()).contains("2");
        }

        @Test
        void bomBeforeTheHeader_isIgnored() {
            var answer = api.post("/api/import", "text/csv",
                    "\uFEFFsite,email,firstName,lastName\nAbuse,bom2@abuse.example,B,O\n");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(api.get("/api/users?email=bom2@abuse.example").json().get("content")).hasSize(1);
        }
    }

    @Nested
    class RateLimit {

        @Test
        void triggerEndpoint_allowsABurstThen429WithRetryAfter() {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(api.post("/api/tenants/limited/sync", "{}").status());
            }

            var limited = api.post("/api/tenants/limited/sync", "{}");

            assertThat(statuses).containsOnly(404);
            assertProblem(limited, 429, null);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(limited.json().get("detail").asString()).contains("limited");
            assertThat(api.post("/api/tenants/other/sync", "{}").status()).as("other tenants keep their own bucket")
                    .isEqualTo(404);
        }
    }

    private static String user(String email, String first, String last) {
        return "{\"email\":\"" + email + "\",\"siteId\":" + siteId + ",\"firstName\":\"" + first + "\",\"lastName\":\""
                + last + "\"}";
    }

    private ApiClient.Answer send(String endpoint, String contentType, String body) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        return switch (method) {
            case "POST" -> api.post(path, contentType, body);
            case "PUT" -> api.put(path, body);
            default -> api.patch(path, body);
        };
    }
}
