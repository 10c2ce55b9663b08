package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description: behind the admin token, every /api route in it, every operation with the problem shape. */
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
    void description_needsTheAdminToken_andNoSwaggerUiIsServed() {
        ApiClient anonymous = new ApiClient(port, "wrong");

        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs.yaml").status()).isEqualTo(401);
        assertThat(new ApiClient(port).get("/v3/api-docs.yaml").body()).contains("openapi:");
        assertThat(new ApiClient(port).get("/swagger-ui.html").status()).isEqualTo(404);
        assertThat(new ApiClient(port).get("/swagger-ui/index.html").status()).isEqualTo(404);
    }
}
