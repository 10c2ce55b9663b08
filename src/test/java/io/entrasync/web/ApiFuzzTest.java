package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A bounded fuzz of every {@code /api} route (found from the handler mappings, so a new route is fuzzed without
 * editing this test): hostile path values, query values, bodies and content types. Every answer that is not a
 * success is a 4xx {@code application/problem+json} without a stack trace or a Java type name; nothing is a 500.
 * Also the path rejections Tomcat and the firewall make before any controller, and the cases of issue 15.
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
class ApiFuzzTest {

    /** Text that must never reach a caller: stack frames, exception and package names. */
    private static final Pattern LEAK = Pattern.compile(
            "\\tat |Exception|\\bjava\\.|\\bjakarta\\.|io\\.entrasync|org\\.springframework|tools\\.jackson|org\\.apache"
                    + "|org\\.hibernate|<html|<!doctype");
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + ApiClient.TOKEN);

    private static final List<String> PATH_VALUES = List.of("1", "0", "-1", "abc", "99999999999999999999", "1.5", "1e3",
            "foo%20bar", "a%22b", "%E2%98%83", "%C3%28", "%F0%9F%A6%84", "x".repeat(3000), "%27%20OR%201=1",
            "%3Cscript%3E", "%7B%7D", "null", "true");
    private static final List<String> QUERIES = List.of("page=50000000&size=500", "page=abc", "size=-1&page=-9",
            "page=99999999999", "active=perhaps", "site=x", "kind=%00", "kind=unicorn", "limit=abc",
            "tenant=%F0%9F%A6%84", "q=%25_%5C", "email=%C3%28", "file=..%2F..%2Fetc%2Fpasswd");
    private static final List<String> BODIES = List.of("{", "}", "[]", "[[[[[[[[[[", "{\"a\":}", "\"text\"", "42", "null", "",
            "{\"x\":1}{", "\u0000\u0001", "{\"name\":\"S\",\"emailDomains\":[null]}", "{\"name\":null}",
            "{\"userId\":\"1\",\"subject\":[]}", "{\"from\":{},\"subject\":1}", "{\"mode\":\"sometimes\",\"dryRun\":\"no\"}",
            "{\"siteId\":1e400,\"email\":true}", "{\"autoCreateUsersFromEmail\":\"maybe\",\"defaultSiteId\":\"x\"}",
            "{\"name\":\"\uD83E\uDD84\u202E\u0000\",\"emailDomains\":[\"\u00FC.example\",\"\"]}",
            "{\"email\":\"" + "\u00E9".repeat(5000) + "@x.org\"}", "[".repeat(3000) + "]".repeat(3000),
            "{\"a\":" + "9".repeat(2000) + "}", "site,email\nx,\"broken");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "text/csv; charset=nonsense", "multipart/form-data");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRoute_answersHostileInputWithA4xxProblem_neverA500OrAStackTrace() {
        List<String> wrong = new ArrayList<>();
        Random random = new Random(15);
        int sent = 0;
        for (Route route : routes()) {
            List<String> targets = new ArrayList<>();
            for (String value : PATH_VALUES) {
                if (route.method().equals("DELETE") && value.matches("[0-9]{1,9}")) {
                    continue;
                }
                targets.add(route.path().replaceAll("\\{[^}]+}", value));
            }
            // a delete gets an id nothing has, so the fuzz never removes what another test of this context made
            String plain = route.path().replaceAll("\\{[^}]+}", route.method().equals("DELETE") ? "999999999" : "1");
            for (String query : QUERIES) {
                targets.add(plain + "?" + query);
            }
            for (String target : targets) {
                sent++;
                check(wrong, route.method(), target, Map.of(), route.method().equals("GET") ? null : "{}".getBytes());
            }
            if (!route.method().equals("GET")) {
                for (String body : BODIES) {
                    String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                    sent += 2;
                    check(wrong, route.method(), plain, Map.of("Content-Type", "application/json"), bytes(body));
                    check(wrong, route.method(), plain, Map.of("Content-Type", type), bytes(body));
                }
                sent++;
                check(wrong, route.method(), plain, Map.of("Content-Type", "application/json"),
                        ("{\"name\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
                sent++;
                check(wrong, route.method(), plain, Map.of("Content-Type", "application/json; charset=windows-1252"),
                        new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFC, (byte) 0xC3, '"', '}'});
            }
            sent++;
            check(wrong, "DELETE", route.path().replaceAll("\\{[^}]+}", "999999999"), Map.of(), null);
            sent++;
            check(wrong, route.method(), plain, Map.of("Accept", "text/html", "Content-Type", "application/json"),
                    route.method().equals("GET") ? null : bytes("{"));
        }
        assertThat(sent).as("bounded, but every route several times").isBetween(300, 5000);
        assertThat(wrong).as(wrong.size() + " bad answers").isEmpty();
    }

    @Test
    void pathsTomcatOrTheFirewallReject_areProblemJson400s() {
        List<String> wrong = new ArrayList<>();
        for (String target : List.of("/api/users/%00", "/api/users/a%2Fb", "/api/../../etc/passwd", "/api/users/1;x=1",
                "/api/users;jsessionid=1", "/api/users/%2e%2e/%2e%2e/x", "/api/us%5Cers", "/api/users/%25%00",
                "/api/users/1%0d%0aX-Evil:1", "/%00", "/..")) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", target, AUTH, null);
            if (answer.status() < 400 || answer.status() >= 500 || !isProblem(answer) || LEAK.matcher(answer.body()).find()) {
                wrong.add(target + " -> " + answer.status() + " " + answer.contentType() + " " + answer.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void errorPageUnknownRoutesAndWrongMethods_areProblemJson() {
        RawHttp.Answer error = RawHttp.send(port, "GET", "/error", AUTH, null);
        RawHttp.Answer unknown = RawHttp.send(port, "GET", "/api/nothing-here", AUTH, null);
        RawHttp.Answer method = RawHttp.send(port, "DELETE", "/api/sites", AUTH, null);
        RawHttp.Answer media = RawHttp.send(port, "POST", "/api/sites",
                Map.of("Authorization", "Bearer " + ApiClient.TOKEN, "Content-Type", "application/xml"), bytes("<a/>"));

        assertThat(List.of(error.status(), unknown.status(), method.status(), media.status()))
                .containsExactly(404, 404, 405, 415);
        for (RawHttp.Answer answer : List.of(error, unknown, method, media)) {
            assertThat(isProblem(answer)).as(answer.toString()).isTrue();
            assertThat(LEAK.matcher(answer.body()).find()).as(answer.body()).isFalse();
        }
    }

    @Test
    void issue15Cases_areClear4xxNamingTheField() {
        ApiClient api = new ApiClient(port);

        ApiClient.Answer nullDomain = api.post("/api/sites", "{\"name\":\"S\",\"emailDomains\":[null]}");
        ApiClient.Answer spaced = api.get("/api/tenants/foo%20bar");
        ApiClient.Answer quoted = api.get("/api/tenants/a%22b");
        ApiClient.Answer deepPage = api.get("/api/users?page=50000000&size=500");
        ApiClient.Answer badSource = api.post("/api/tickets", "{\"userId\":1,\"subject\":\"x\",\"source\":\"FAX\"}");
        ApiClient.Answer badMode = api.post("/api/tenants/nope/sync", "{\"mode\":\"SOMETIMES\"}");
        ApiClient.Answer badUser = api.get("/api/users/abc");

        ApiAbuseTest.assertProblem(nullDomain, 400, "emailDomains[0]");
        ApiAbuseTest.assertProblem(spaced, 404, "tenant");
        ApiAbuseTest.assertProblem(quoted, 404, "tenant");
        ApiAbuseTest.assertProblem(deepPage, 400, "page");
        ApiAbuseTest.assertProblem(badSource, 400, "source");
        assertThat(badSource.json().get("detail").asString()).contains("source must be one of EMAIL, PORTAL, PHONE, HOTKEY");
        ApiAbuseTest.assertProblem(badMode, 400, "mode");
        assertThat(badMode.json().get("detail").asString()).contains("DELTA, FULL");
        ApiAbuseTest.assertProblem(badUser, 400, "userId");
        for (ApiClient.Answer answer : List.of(nullDomain, spaced, quoted, deepPage, badSource, badMode, badUser)) {
            assertThat(LEAK.matcher(answer.body()).find()).as(answer.body()).isFalse();
        }
    }

    @Test
    void enumValues_areAcceptedInAnyCase() {
        ApiClient api = new ApiClient(port);
        long site = api.post("/api/sites", "{\"name\":\"Fuzz enums\",\"emailDomains\":[\"fuzz-enums.example\"]}").json()
                .get("id").asLong();
        long user = api.post("/api/users", "{\"email\":\"enum@fuzz-enums.example\",\"siteId\":" + site + "}").json()
                .get("id").asLong();

        ApiClient.Answer ticket = api.post("/api/tickets", "{\"userId\":" + user + ",\"subject\":\"x\",\"source\":\"phone\"}");
        ApiClient.Answer sync = api.post("/api/tenants/nope-enum/sync", "{\"mode\":\"full\"}");

        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().get("source").asString()).isEqualTo("PHONE");
        assertThat(sync.status()).as("an unknown tenant, not a bad mode: " + sync.body()).isEqualTo(404);
    }

    private void check(List<String> wrong, String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(AUTH);
        all.putAll(headers);
        RawHttp.Answer answer = RawHttp.send(port, method, target, all, body);
        String shown = method + " " + abbreviate(target) + " " + (body == null ? "" : abbreviate(new String(body,
                StandardCharsets.UTF_8))) + " -> " + answer.status() + " " + answer.contentType() + " "
                + abbreviate(answer.body());
        if (answer.status() >= 500 || LEAK.matcher(answer.body()).find()) {
            wrong.add(shown);
        } else if (answer.status() >= 400 && !isProblem(answer)) {
            wrong.add(shown);
        }
    }

    private static boolean isProblem(RawHttp.Answer answer) {
        return answer.contentType().startsWith("application/problem+json") && answer.body().contains("\"status\":"
                + answer.status());
    }

    private List<Route> routes() {
        TreeSet<Route> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        routes.add(new Route(method.name(), path));
                    }
                }
            }
        });
        assertThat(routes).hasSizeGreaterThan(20);
        return List.copyOf(routes);
    }

    /** One route: method and path pattern. */
    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (path + method).compareTo(other.path + other.method);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
