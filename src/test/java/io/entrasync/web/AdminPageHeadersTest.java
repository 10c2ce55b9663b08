package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin page is public static content served at / with a strict CSP and the other security headers. */
@PostgresIntegrationTest
class AdminPageHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pageAndModulesAreServedWithoutTokenAndWithSecurityHeaders() {
        var page = new ApiClient(port, null).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>").doesNotContain("style=");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("Permissions-Policy")).contains("camera=()", "geolocation=()");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        for (String module : new String[]{"/js/app.js", "/js/api.js", "/js/dom.js", "/js/chart.js", "/css/admin.css"}) {
            var file = new ApiClient(port, null).get(module);
            assertThat(file.status()).as(module).isEqualTo(200);
            assertThat(file.body()).as(module).doesNotContain("innerHTML", "eval(");
        }
    }

    @Test
    void headAnswersCarryTheSecurityHeadersToo() {
        for (String path : new String[] {"/", "/index.html", "/js/app.js", "/api/users", "/actuator/health"}) {
            var answer = RawHttp.send(port, "HEAD", path, java.util.Map.of(), null);
            assertThat(answer.status()).as(path).isIn(200, 401);
            assertThat(answer.headers().get("content-security-policy")).as(path).contains("default-src 'self'");
            assertThat(answer.headers().get("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(answer.headers().get("x-frame-options")).as(path).isEqualTo("DENY");
            assertThat(answer.headers().get("referrer-policy")).as(path).isEqualTo("no-referrer");
            assertThat(answer.headers().get("permissions-policy")).as(path).contains("camera=()");
            assertThat(answer.headers().get("cross-origin-opener-policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void theApiStillNeedsTheToken() {
        assertThat(new ApiClient(port, null).get("/api/tenants").status()).isEqualTo(401);
    }
}
