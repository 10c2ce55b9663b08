package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.auth.RouteRoles;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description: behind the admin token, every /api route in it, every operation with the problem shape,
 * written for people (summary, description, operationId, a declared tag, its least role from {@link RouteRoles}).
 * It is also written to {@code target/openapi.json}, where {@code .ci/lint-openapi} runs Redocly's and Spectral's
 * rules on it; the rules that matter most are asserted here, so {@code mvn verify} alone keeps them.
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
class OpenApiTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiRoute_isDescribed_withTheProblemShapeForErrors() {
        JsonNode doc = new ApiClient(port).get("/v3/api-docs").json();
        JsonNode paths = doc.get("paths");

        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String path : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (path.startsWith("/api/")) {
                        JsonNode operation = paths.path(path).path(method.name().toLowerCase(Locale.ROOT));
                        if (operation.isMissingNode()) {
                            missing.add(method + " " + path);
                        } else {
                            assertThat(operation.at("/responses/4XX/content/application~1problem+json/schema/$ref")
                                    .asString()).as(method + " " + path).isEqualTo("#/components/schemas/Problem");
                        }
                    }
                }
            }
        });
        assertThat(missing).isEmpty();
        assertThat(paths.size()).isGreaterThan(15);
        assertThat(doc.at("/components/schemas/Problem/properties/field").isMissingNode())
                .as(doc.at("/components/schemas").toString()).isFalse();
        assertThat(doc.at("/components/securitySchemes/adminToken/scheme").asString()).isEqualTo("bearer");
        assertThat(paths.has("/error")).isFalse();
        assertThat(doc.at("/components/schemas/JsonNode/properties/email/type").asString()).isEqualTo("string");
    }

    @Test
    void everyOperation_isWrittenForPeople_withItsRoleFromTheRouteTable() throws IOException {
        String json = new ApiClient(port).get("/v3/api-docs").body();
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        JsonNode doc = new ApiClient(port).get("/v3/api-docs").json();

        assertThat(doc.at("/info/description").asString()).contains("role");
        assertThat(doc.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
        assertThat(doc.at("/info/contact/name").asString()).isNotBlank();
        assertThat(doc.at("/servers/0/url").asString()).isEqualTo("/");

        Map<String, String> declaredTags = new LinkedHashMap<>();
        doc.get("tags").forEach(tag -> declaredTags.put(tag.get("name").asString(),
                tag.path("description").asString()));
        assertThat(declaredTags.keySet()).containsAll(OpenApiDescription.TAGS.keySet());
        assertThat(declaredTags.values()).allSatisfy(description -> assertThat(description).isNotBlank());

        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        Set<String> usedTags = new HashSet<>();
        Map<String, String> tableRoles = new HashMap<>();
        RouteRoles.routes().forEach(r -> tableRoles.put(r.method().name() + " " + r.pattern(), r.role().claim()));
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = entry.getValue();
            for (String field : new String[]{"summary", "description", "operationId"}) {
                if (operation.path(field).asString("").isBlank()) {
                    problems.add(name + ": no " + field);
                }
            }
            if (!operationIds.add(operation.path("operationId").asString(""))) {
                problems.add(name + ": operationId used twice");
            }
            if (operation.path("tags").isEmpty()) {
                problems.add(name + ": no tag");
            }
            operation.path("tags").forEach(tag -> {
                usedTags.add(tag.asString());
                if (!declaredTags.containsKey(tag.asString())) {
                    problems.add(name + ": tag '" + tag.asString() + "' is not declared");
                }
            });
            if (operation.path("responses").propertyNames().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + ": no 2xx response");
            }
            String role = tableRoles.get(name);
            if (role == null) {
                problems.add(name + ": not in RouteRoles");
            } else if (!role.equals(operation.path(OpenApiDescription.REQUIRED_ROLE).asString(""))
                    || !operation.path("description").asString("").contains("Requires role `" + role + "`")) {
                problems.add(name + ": role " + role + " not in " + OpenApiDescription.REQUIRED_ROLE
                        + " and the description");
            }
        }));
        assertThat(problems).as("each /api route needs @Operation(operationId, summary, description), a tag declared "
                + "in OpenApiDescription.TAGS, and its role in RouteRoles").isEmpty();
        assertThat(usedTags).as("declared tags no operation uses").containsAll(declaredTags.keySet());
        assertThat(doc.at("/paths/~1api~1sync-runs~1{runId}~1approve/post/description").asString())
                .contains("Requires role `EntraSync.Approver` (also granted by `EntraSync.Admin`).");
        assertThat(doc.at("/paths/~1api~1users/get/x-required-role").asString()).isEqualTo("EntraSync.Reader");
        assertThat(doc.at("/paths/~1api~1users/get/description").asString().split("Requires role", -1)).hasSize(2);
        // parameters are described; the header parameters OpenAPI ignores are not listed
        assertThat(doc.at("/paths/~1api~1tenants~1{tenant}~1sync/post/parameters/0/description").asString())
                .contains("tenant key");
        assertThat(doc.at("/paths/~1api~1users/get/parameters").findValuesAsString("description")).hasSize(7);
        assertThat(doc.at("/paths/~1api~1audit/get/parameters").findValuesAsString("name")).doesNotContain("Accept");
        assertThat(doc.at("/paths/~1api~1import/post/parameters").isMissingNode()).isTrue();
        // the success code each route really answers, not springdoc's default 200
        assertThat(doc.at("/paths/~1api~1users/post/responses").propertyNames()).contains("201").doesNotContain("200");
        assertThat(doc.at("/paths/~1api~1tenants~1{tenant}~1sync/post/responses").propertyNames()).contains("202");
        assertThat(doc.at("/paths/~1api~1sites~1{siteId}/delete/responses").propertyNames()).contains("204");
        assertThat(doc.at("/components/schemas/UserView/properties/ownedFields/description").asString())
                .contains("GET /api/users/{userId}");
        assertThat(doc.at("/components/schemas/UserView/properties/ownedFields/additionalProperties/$ref").asString())
                .endsWith("/FieldOwner");
        assertThat(doc.at("/components/schemas/FieldOwner/properties").propertyNames())
                .contains("tenant", "file", "rule", "remedy");

        Set<String> referenced = new HashSet<>();
        Matcher ref = Pattern.compile("\"#/components/schemas/([^\"]+)\"").matcher(json);
        while (ref.find()) {
            referenced.add(ref.group(1));
        }
        assertThat(referenced).as("unused schemas").containsAll(doc.at("/components/schemas").propertyNames());
    }

    @Test
    void description_needsTheAdminToken_andNoSwaggerUiIsServed() {
        ApiClient anonymous = new ApiClient(port, "wrong");

        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs.yaml").status()).isEqualTo(401);
        assertThat(new ApiClient(port).get("/v3/api-docs.yaml").body()).contains("openapi:");
        assertThat(new ApiClient(port).get("/swagger-ui.html").status()).isEqualTo(404);
        assertThat(new ApiClient(port).get("/swagger-ui/index.html").status()).isEqualTo(404);
    }
}
