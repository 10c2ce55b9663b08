package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PostgresIntegrationTest
class SecurityTest {

    @LocalServerPort
    int port;

    @Test
    void apiWithoutToken_is401ProblemDetail() {
        var answer = new ApiClient(port, null).get("/api/users");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).contains("admin token");
    }

    @Test
    void apiWithWrongToken_is401() {
        assertThat(new ApiClient(port, "wrong").get("/api/users").status()).isEqualTo(401);
    }

    @Test
    void healthIsOpen() {
        var answer = new ApiClient(port, null).get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusNeedsTheToken() {
        assertThat(new ApiClient(port, null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(new ApiClient(port).get("/actuator/prometheus").status()).isEqualTo(200);
    }
}
