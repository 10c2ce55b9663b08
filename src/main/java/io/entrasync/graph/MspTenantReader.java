package io.entrasync.graph;

import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a customer tenant with the MSP's multi-tenant app right after its admin consent: a fresh token for the
 * tenant id (never a cached one: the consent is what is being proven), the tenant's organization, and a group search
 * for the group picker (with the service's shared clients: searched as the user types, after the proof). Token refusals keep Entra's {@code AADSTS…} code in {@link DirectorySourceException#errorCode()},
 * so the caller can tell "the service principal is still propagating" from a real refusal. Thread-safe.
 */
@Component
public class MspTenantReader {

    /** Graph's {@code $top} for the picker: a page of candidates, not the whole directory. */
    static final int SEARCH_LIMIT = 25;

    /** The tenant as {@code GET /organization} describes it. */
    public record Organization(String id, String displayName, List<String> verifiedDomains) {
    }

    /** One group the search found. */
    public record FoundGroup(String id, String displayName, String description) {
    }

    private final GraphProperties properties;
    private final TlsTrust tlsTrust;
    private final TenantClients shared;

    MspTenantReader(GraphProperties properties, TlsTrust tlsTrust, TenantClients shared) {
        this.properties = properties;
        this.tlsTrust = tlsTrust;
        this.shared = shared;
    }

    /**
     * A fresh token for {@code tenant}'s tenant id, then {@code GET /organization?$select=id,displayName,verifiedDomains}.
     *
     * @return the first organization of the answer, or null when Graph answered none
     * @throws DirectorySourceException the token request was refused (its code: {@code AADSTS7000229} …) or the read
     *                                  failed
     */
    public Organization organization(TenantConnection tenant) {
        TenantClient client = freshClient(tenant);
        client.tokens().token();
        JsonNode answer = get(tenant, client, "/organization?$select=id,displayName,verifiedDomains");
        JsonNode first = answer.path("value").path(0);
        if (first.isMissingNode()) {
            return null;
        }
        List<String> domains = new ArrayList<>();
        first.path("verifiedDomains").forEach(d -> domains.add(d.path("name").asString("")));
        return new Organization(first.path("id").asString(""), first.path("displayName").asString(""),
                List.copyOf(domains));
    }

    /** Groups whose display name starts with {@code prefix} (at most {@value #SEARCH_LIMIT}), Graph's order. */
    public List<FoundGroup> groupsStartingWith(TenantConnection tenant, String prefix) {
        // the consent is proven by now: the service's shared clients, whose token and connections a search reuses
        TenantClient client = shared.forTenant(tenant);
        String filter = "startswith(displayName,'" + prefix.replace("'", "''") + "')";
        JsonNode answer = get(tenant, client, "/groups?$filter=" + ConnectionCheck.encode(filter)
                + "&$select=id,displayName,description&$top=" + SEARCH_LIMIT);
        List<FoundGroup> groups = new ArrayList<>();
        answer.path("value").forEach(g -> groups.add(new FoundGroup(g.path("id").asString(""),
                g.path("displayName").asString(""), g.path("description").isNull() ? null
                        : g.path("description").asString(null))));
        return List.copyOf(groups);
    }

    /** Clients of their own: a token cached from before the consent (or a refusal) must not decide the proof. */
    private TenantClient freshClient(TenantConnection tenant) {
        return new TenantClients(properties, tlsTrust, new CredentialLoader(System::getenv), Clock.systemUTC())
                .forTenant(tenant);
    }

    private JsonNode get(TenantConnection tenant, TenantClient client, String pathAndQuery) {
        return ConnectionCheck.get(tenant, client, new RetryingFetcher(properties, new Backoff(properties,
                Clock.systemUTC())), pathAndQuery);
    }
}
