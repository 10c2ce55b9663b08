package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plain parts: which roles include which, how a request finds its route (and that README lists each), the failed
 * sign-in window.
 */
class RolesAndThrottleUnitTest {

    @Test
    void higherRolesIncludeLowerOnes_inboundMailIncludesNothing() {
        assertThat(Role.expand(EnumSet.of(Role.ADMIN))).containsExactlyInAnyOrder(Role.values());
        assertThat(Role.expand(EnumSet.of(Role.OPERATOR)))
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.READER, Role.INBOUND_MAIL);
        assertThat(Role.expand(EnumSet.of(Role.APPROVER))).containsExactlyInAnyOrder(Role.APPROVER, Role.READER);
        assertThat(Role.expand(EnumSet.of(Role.INBOUND_MAIL))).containsExactly(Role.INBOUND_MAIL);
        assertThat(Role.expand(Set.of())).isEmpty();
        assertThat(Role.ofClaim("EntraSync.Operator")).contains(Role.OPERATOR);
        assertThat(Role.ofClaim("entrasync.operator")).as("claims are case-sensitive, as Entra writes them")
                .isEmpty();
    }

    @Test
    void aRequestFindsItsRoute_literalSegmentsBeforeVariables_headAsGet() {
        var orphaned = RouteRoles.match("POST", "/api/tenants/orphaned/acme/release").orElseThrow();
        assertThat(orphaned.route().role()).isEqualTo(Role.ADMIN);
        assertThat(orphaned.variables()).isEqualTo(Map.of("tenant", "acme"));
        assertThat(RouteRoles.match("GET", "/api/tenants/orphaned").orElseThrow().route().pattern())
                .isEqualTo("/api/tenants/orphaned");
        assertThat(RouteRoles.match("HEAD", "/api/users/7").orElseThrow().variables()).isEqualTo(Map.of("userId", "7"));
        assertThat(RouteRoles.match("DELETE", "/api/users/7")).isEmpty();
        assertThat(RouteRoles.match("GET", "/api/nothing-here")).isEmpty();
    }

    @Test
    void theReadmeListsEveryRouteWithItsRole() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (RouteRoles.Route route : RouteRoles.routes()) {
            assertThat(readme).contains("| `" + route.method().name() + " " + route.pattern() + "` | "
                    + route.role().claim());
        }
    }

    @Test
    void anAddressIsThrottledAfterTheLimit_untilItsWindowEnds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        FailedSignIns failed = new FailedSignIns(3, Duration.ofMinutes(1), clock);

        failed.failed("10.0.0.1");
        failed.failed("10.0.0.1");
        assertThat(failed.retryAfterSeconds("10.0.0.1")).isZero();
        clock.advance(Duration.ofSeconds(15));
        failed.failed("10.0.0.1");

        assertThat(failed.retryAfterSeconds("10.0.0.1")).isEqualTo(45);
        assertThat(failed.retryAfterSeconds("10.0.0.2")).as("per address").isZero();
        clock.advance(Duration.ofSeconds(45));
        assertThat(failed.retryAfterSeconds("10.0.0.1")).isZero();
        failed.failed("10.0.0.1");
        assertThat(failed.retryAfterSeconds("10.0.0.1")).as("a new window").isZero();
    }
}
