package io.entrasync.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /users/{id}} through the Graph SDK client: absent only on 404 with Graph's not-found code, present on
 * 200; throttling is retried like delta pages; anything else throws, so a flaky directory never confirms a removal.
 */
final class UserLookup {

    private static final Logger log = LoggerFactory.getLogger(UserLookup.class);
    private static final Set<String> NOT_FOUND_CODES = Set.of("Request_ResourceNotFound", "ResourceNotFound");

    private final TenantClients clients;
    private final GraphProperties properties;
    private final Backoff backoff;

    UserLookup(TenantClients clients, GraphProperties properties, Backoff backoff) {
        this.clients = clients;
        this.properties = properties;
        this.backoff = backoff;
    }

    boolean exists(TenantConnection tenant, String userId) {
        TenantClient client = clients.forTenant(tenant);
        String tenantKey = tenant.tenantKey();
        Supplier<Object> call = () -> client.graph().users().byUserId(userId)
                .get(config -> config.queryParameters.select = new String[] {"id"});
        ThrottleBudget budget = backoff.budget();
        for (int attempt = 0; ; attempt++) {
            int status;
            String code;
            String retryAfter = null;
            try {
                call.get();
                return true;
            } catch (ApiException e) {
                status = e.getResponseStatusCode();
                code = e instanceof ODataError odata && odata.getError() != null ? odata.getError().getCode() : null;
                if (status == 404 && code != null && NOT_FOUND_CODES.contains(code)) {
                    return false;
                }
                if (!GraphErrors.isThrottledOrUnavailable(status)) {
                    throw new DirectorySourceException(tenantKey, status, code, "tenant '" + tenantKey
                            + "': GET /users/" + userId + " answered HTTP " + status + (code == null ? "" : " (" + code + ")")
                            + "; cannot tell whether the user exists", null);
                }
                retryAfter = e.getResponseHeaders().containsKey("Retry-After")
                        ? e.getResponseHeaders().get("Retry-After").stream().findFirst().orElse(null) : null;
            } catch (DirectorySourceException e) {
                throw e;
            } catch (RuntimeException e) {
                // a network fault (Kiota wraps it in a RuntimeException) is retried; anything else is a bug of ours
                NetworkFailure network = NetworkFailure.of(e).orElseThrow(() -> new DirectorySourceException(
                        tenantKey, 0, "unexpected", "tenant '" + tenantKey + "': GET /users/" + userId
                        + " failed unexpectedly", e));
                status = 0;
                code = network.code();
            }
            if (attempt >= properties.maxRetries()) {
                throw new DirectorySourceException(tenantKey, status, code, "tenant '" + tenantKey + "': GET /users/"
                        + userId + " gave up after " + attempt + " retries; last answer HTTP " + status, null);
            }
            var wait = backoff.waitBefore(attempt + 1, retryAfter);
            budget.book(tenantKey, "GET /users/" + userId, status, backoff.parseRetryAfter(retryAfter), wait);
            log.warn("tenant {}: GET /users/{} answered HTTP {}; retrying in {} ms", tenantKey, userId, status,
                    wait.toMillis());
            try {
                backoff.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DirectorySourceException(tenantKey, status, "interrupted",
                        "tenant '" + tenantKey + "': interrupted while checking user " + userId, e);
            }
        }
    }
}
