package io.entrasync.auth;

import static io.entrasync.auth.Role.ADMIN;
import static io.entrasync.auth.Role.APPROVER;
import static io.entrasync.auth.Role.INBOUND_MAIL;
import static io.entrasync.auth.Role.OPERATOR;
import static io.entrasync.auth.Role.READER;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one place that says which role each route needs. Controllers state no checks. A role includes the lower ones
 * ({@link Role#expand}): Admin may call everything, Operator and Approver may read. A GET route also answers HEAD
 * with the same role. An {@code /api} route missing here needs Admin (and fails the route table test).
 */
public final class RouteRoles {

    /** One route: method, Spring path pattern, the least role it needs. */
    public record Route(HttpMethod method, String pattern, Role role) {
    }

    /** A request matched to its route, with the values of the pattern's variables. */
    public record Match(Route route, Map<String, String> variables) {
    }

    /** Literal paths before patterns with variables at the same place ({@code orphaned} before {@code {tenant}}). */
    static final List<Route> ROUTES = List.of(
            // users, tickets
            new Route(HttpMethod.GET, "/api/users", READER),
            new Route(HttpMethod.POST, "/api/users", OPERATOR),
            new Route(HttpMethod.GET, "/api/users/{userId}", READER),
            new Route(HttpMethod.PATCH, "/api/users/{userId}", OPERATOR),
            new Route(HttpMethod.POST, "/api/users/{userId}/deactivate", OPERATOR),
            new Route(HttpMethod.POST, "/api/users/{userId}/activate", OPERATOR),
            new Route(HttpMethod.GET, "/api/users/{userId}/tickets", READER),
            new Route(HttpMethod.GET, "/api/users/{userId}/explain", READER),
            new Route(HttpMethod.POST, "/api/tickets", OPERATOR),
            // sites, departments
            new Route(HttpMethod.GET, "/api/sites", READER),
            new Route(HttpMethod.POST, "/api/sites", OPERATOR),
            new Route(HttpMethod.PATCH, "/api/sites/{siteId}", OPERATOR),
            new Route(HttpMethod.DELETE, "/api/sites/{siteId}", OPERATOR),
            new Route(HttpMethod.GET, "/api/sites/{siteId}/main-user-changes", READER),
            new Route(HttpMethod.GET, "/api/departments", READER),
            new Route(HttpMethod.PATCH, "/api/departments/{departmentId}", OPERATOR),
            new Route(HttpMethod.DELETE, "/api/departments/{departmentId}", OPERATOR),
            // tenants, runs, holds
            new Route(HttpMethod.GET, "/api/tenants", READER),
            new Route(HttpMethod.GET, "/api/tenants/orphaned", READER),
            new Route(HttpMethod.POST, "/api/tenants/orphaned/{tenant}/release", ADMIN),
            new Route(HttpMethod.POST, "/api/tenants/connect", ADMIN),
            new Route(HttpMethod.GET, "/api/tenants/connect/{id}", ADMIN),
            new Route(HttpMethod.GET, "/api/tenants/connect/{id}/groups", ADMIN),
            new Route(HttpMethod.PUT, "/api/tenants/connect/{id}/groups", ADMIN),
            new Route(HttpMethod.GET, "/api/tenants/{tenant}", READER),
            new Route(HttpMethod.POST, "/api/tenants/{tenant}/sync", OPERATOR),
            new Route(HttpMethod.POST, "/api/tenants/{tenant}/check", OPERATOR),
            new Route(HttpMethod.POST, "/api/tenants/{tenant}/hold/release", APPROVER),
            new Route(HttpMethod.GET, "/api/sync-runs", READER),
            new Route(HttpMethod.GET, "/api/sync-runs/{runId}", READER),
            new Route(HttpMethod.GET, "/api/sync-runs/{runId}/changes", READER),
            new Route(HttpMethod.POST, "/api/sync-runs/{runId}/approve", APPROVER),
            new Route(HttpMethod.POST, "/api/sync-runs/{runId}/reject", APPROVER),
            // mappings, intake, settings
            new Route(HttpMethod.POST, "/api/mappings/validate", OPERATOR),
            new Route(HttpMethod.POST, "/api/inbound-email", INBOUND_MAIL),
            new Route(HttpMethod.GET, "/api/inbound-email", READER),
            new Route(HttpMethod.GET, "/api/inbound-email/{messageId}", READER),
            new Route(HttpMethod.POST, "/api/inbound-email/{messageId}/assign", OPERATOR),
            new Route(HttpMethod.POST, "/api/import", OPERATOR),
            new Route(HttpMethod.GET, "/api/settings", READER),
            // alerts
            new Route(HttpMethod.GET, "/api/alerts", READER),
            new Route(HttpMethod.PUT, "/api/settings", ADMIN),
            // the auth package's own
            new Route(HttpMethod.GET, "/api/keys", ADMIN),
            new Route(HttpMethod.POST, "/api/keys", ADMIN),
            new Route(HttpMethod.DELETE, "/api/keys/{keyId}", ADMIN),
            new Route(HttpMethod.GET, "/api/audit", ADMIN),
            new Route(HttpMethod.GET, "/api/audit.csv", ADMIN));

    private static final Map<Route, PathPattern> PARSED = ROUTES.stream().collect(java.util.stream.Collectors.toMap(
            r -> r, r -> PathPatternParser.defaultInstance.parse(r.pattern())));

    private RouteRoles() {
    }

    /** Every route of the table. */
    public static List<Route> routes() {
        return ROUTES;
    }

    /** The route a request names (HEAD as GET), with its variables; none for a path outside the table. */
    static Optional<Match> match(String method, String path) {
        String effective = method.equals("HEAD") ? "GET" : method;
        PathContainer container = PathContainer.parsePath(path);
        for (Route route : ROUTES) {
            if (!route.method().name().equals(effective)) {
                continue;
            }
            PathPattern.PathMatchInfo info = PARSED.get(route).matchAndExtract(container);
            if (info != null) {
                return Optional.of(new Match(route, info.getUriVariables()));
            }
        }
        return Optional.empty();
    }
}
