package io.entrasync.graph;

import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Confirms which users a full read did not mention are gone, with {@code POST /directoryObjects/getByIds}
 * ({@code {"ids":[…],"types":["user"]}}, up to {@value #BATCH} ids per call, as Graph's "directoryObject: getByIds"
 * documents): an id the answer does not list has no user behind it any more (hard-deleted, or soft-deleted into
 * deletedItems). Graph documents {@code Directory.Read.All} for the call; an app registration with only
 * {@code User.Read.All} is answered 403, and then each remaining id is checked with {@code GET /users/{id}}.
 */
final class MissingUsers {

    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(MissingUsers.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantClients clients;
    private final RetryingFetcher fetcher;
    private final UserLookup lookup;

    MissingUsers(TenantClients clients, RetryingFetcher fetcher, UserLookup lookup) {
        this.clients = clients;
        this.fetcher = fetcher;
        this.lookup = lookup;
    }

    /** Of {@code userIds}, those Graph has no user for. Any doubt (an error, a refusal other than 403) throws. */
    Set<String> missing(TenantConnection tenant, Collection<String> userIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        Set<String> missing = new LinkedHashSet<>();
        if (ids.isEmpty()) {
            return missing;
        }
        TenantClient client = clients.forTenant(tenant);
        ReadCounter counter = new ReadCounter();
        ThrottleBudget budget = fetcher.budget();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Set<String> found;
            try {
                found = fetcher.post(tenant.tenantKey(), client, client.graphBaseUrl() + "/directoryObjects/getByIds",
                        JSON.writeValueAsString(Map.of("ids", batch, "types", List.of("user"))), counter, budget,
                        MissingUsers::userIds);
            } catch (ResyncRequiredSignal unexpected) {
                throw new DirectorySourceException(tenant.tenantKey(), 400, unexpected.graphCode(), "tenant '"
                        + tenant.tenantKey() + "': POST /directoryObjects/getByIds answered " + unexpected.graphCode(),
                        null);
            } catch (DirectorySourceException e) {
                if (e.status() != 403) {
                    throw e;
                }
                log.warn("tenant {}: POST /directoryObjects/getByIds was refused (HTTP 403{}); confirming {} users one "
                        + "GET /users/{{id}} each. Grant the application Directory.Read.All with admin consent to "
                        + "confirm them in batches of {}", tenant.tenantKey(),
                        e.errorCode() == null ? "" : ", " + e.errorCode(), ids.size() - from, BATCH);
                for (String id : ids.subList(from, ids.size())) {
                    if (!lookup.exists(tenant, id)) {
                        missing.add(id);
                    }
                }
                return missing;
            }
            for (String id : batch) {
                if (!found.contains(id)) {
                    missing.add(id);
                }
            }
        }
        return missing;
    }

    /** The ids of the users in a getByIds answer ({@code value[]}, {@code @odata.type} {@code #microsoft.graph.user}). */
    private static Set<String> userIds(InputStream body) {
        JsonNode value = JSON.readTree(body).path("value");
        Set<String> ids = new HashSet<>();
        for (JsonNode object : value) {
            String type = object.path("@odata.type").asString("#microsoft.graph.user");
            if ("#microsoft.graph.user".equalsIgnoreCase(type) && object.hasNonNull("id")) {
                ids.add(object.get("id").asString());
            }
        }
        return ids;
    }
}
