package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every registered {@code /api} route, found from the handler mapping (so a new controller is covered without
 * touching this test), answers 401 without the admin token and with a wrong one; Actuator shows only health
 * (open) and Prometheus (admin token).
 */
@PostgresIntegrationTest
class EndpointSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One route as METHOD and path with every {variable} filled in. */
    private List<String> apiRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "1");
                if (methods.isEmpty()) {
                    routes.add("GET " + path);
                    routes.add("POST " + path);
                } else {
                    methods.forEach(m -> routes.add(m.name() + " " + path));
                }
            }
        });
        return new ArrayList<>(routes);
    }

    @Test
    void everyApiRoute_answers401WithoutTokenAndWithAWrongOne() throws Exception {
        List<String> routes = apiRoutes();
        assertThat(routes).as("the enumeration found the API").hasSizeGreaterThan(15)
                .contains("POST /api/tenants/1/sync", "GET /api/users", "POST /api/import");

        List<String> open = new ArrayList<>();
        for (String route : routes) {
            for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + ApiClient.TOKEN + "x",
                    "Basic YWRtaW46YWRtaW4=", ApiClient.TOKEN}) {
                HttpResponse<String> answer = send(route, authorization);
                if (answer.statusCode() != 401) {
                    open.add(route + " with " + authorization + " -> " + answer.statusCode());
                } else {
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(route)
                            .startsWith("application/problem+json");
                }
            }
        }

        assertThat(open).as("routes that did not answer 401").isEmpty();
    }

    @Test
    void theRightToken_opensEveryReadRoute() throws Exception {
        for (String route : apiRoutes()) {
            if (route.startsWith("GET ")) {
                assertThat(send(route, "Bearer " + ApiClient.TOKEN).statusCode()).as(route).isNotEqualTo(401);
            }
        }
    }

    @Test
    void actuator_exposesOnlyHealthAndAuthenticatedPrometheus() throws Exception {
        var anonymous = new ApiClient(port, null);
        var admin = new ApiClient(port);

        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(new ApiClient(port, "wrong").get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator").status()).isEqualTo(401);
        var links = admin.get("/actuator").json().get("_links");
        Set<String> exposed = new TreeSet<>();
        links.propertyNames().forEach(name -> exposed.add(name.replaceAll("-.*", "")));
        assertThat(exposed).isSubsetOf("self", "health", "prometheus");
        for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings",
                "metrics", "shutdown", "info", "quartz", "flyway", "scheduledtasks")) {
            assertThat(admin.get("/actuator/" + hidden).status()).as(hidden).isEqualTo(404);
            assertThat(anonymous.get("/actuator/" + hidden).status()).as(hidden).isIn(401, 404);
        }
        assertThat(anonymous.get("/actuator/health").body()).doesNotContain("postgres").doesNotContain("jdbc");
    }

    private HttpResponse<String> send(String route, String authorization) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
