package io.entrasync.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem bodies written before Spring MVC is reached, byte for byte as the security refusals, the size limit and
 * Tomcat's error page wrote them by hand before they shared this writer; text is escaped, so the body stays JSON.
 */
class ProblemResponseTest {

    @Test
    void theShapesOfTheRefusalsTheSizeLimitAndTheErrorPage_stayAsTheyWere() {
        assertThat(ProblemResponse.json(401, "Unauthorized", "a valid bearer credential is required", null, "/api/users"))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"a valid bearer credential is required\",\"instance\":\"/api/users\"}");
        assertThat(ProblemResponse.json(413, "Content Too Large", "too large", "body", "/api/import"))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                        + "\"detail\":\"too large\",\"field\":\"body\",\"instance\":\"/api/import\"}");
        assertThat(ProblemResponse.json(400, "Bad Request", "the request was rejected", "path", null))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"the request was rejected\",\"field\":\"path\"}");
    }

    @Test
    void quotesBackslashesAndControlCharacters_areEscaped() {
        String body = ProblemResponse.json(403, "Forbidden", "say \"no\" \\ then\nstop", null, "/api/\"x\"");

        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.get("detail").asString()).isEqualTo("say \"no\" \\ then\nstop");
        assertThat(json.get("instance").asString()).isEqualTo("/api/\"x\"");
        assertThat(json.has("field")).isFalse();
    }
}
