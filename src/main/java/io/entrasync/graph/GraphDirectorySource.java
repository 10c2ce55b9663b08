package io.entrasync.graph;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySource;
import io.entrasync.source.GroupPage;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link DirectorySource} on Microsoft Graph: {@code users/delta} and {@code groups/delta} (with members) read
 * page by page through the tenant's Graph client, app-only tokens from MSAL4J, clients cached per tenant.
 * Thread-safe; one instance serves every tenant.
 */
@Component
public class GraphDirectorySource implements DirectorySource {

    static final String USER_SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,otherMails,"
            + "businessPhones,mobilePhone,department,jobTitle,companyName,officeLocation,accountEnabled,userType";
    static final String GROUP_SELECT = "id,displayName,description,members";
    private static final SelectFingerprint USER_FINGERPRINT = new SelectFingerprint(USER_SELECT);
    private static final SelectFingerprint GROUP_FINGERPRINT = new SelectFingerprint(GROUP_SELECT);

    private final DeltaReader reader;
    private final UserLookup lookup;
    private final MissingUsers missingUsers;
    private final DeltaPageParser parser = new DeltaPageParser();

    /**
     * @param properties retry budget and timeouts ({@code entra-sync.graph.*})
     * @param tlsTrust   which certificates each tenant's endpoints may present ({@link TlsTrust#jvmDefault()})
     */
    public GraphDirectorySource(GraphProperties properties, TlsTrust tlsTrust) {
        this(properties, tlsTrust, System::getenv, Clock.systemUTC());
    }

    /** The service's wiring: the tenant clients shared with the subscription calls. */
    @Autowired
    GraphDirectorySource(GraphProperties properties, TenantClients clients) {
        this(properties, clients, Clock.systemUTC());
    }

    /** For tests: a fake environment (secret variables) and clock. */
    GraphDirectorySource(GraphProperties properties, TlsTrust tlsTrust, Function<String, String> environment,
            Clock clock) {
        this(properties, new TenantClients(properties, Objects.requireNonNull(tlsTrust, "tlsTrust"),
                new CredentialLoader(environment), clock), clock);
    }

    private GraphDirectorySource(GraphProperties properties, TenantClients clients, Clock clock) {
        Objects.requireNonNull(properties, "properties");
        Backoff backoff = new Backoff(properties, clock);
        RetryingFetcher fetcher = new RetryingFetcher(properties, backoff);
        this.reader = new DeltaReader(clients, fetcher);
        this.lookup = new UserLookup(clients, properties, backoff);
        this.missingUsers = new MissingUsers(clients, fetcher, lookup);
    }

    @Override
    public DeltaOutcome readUsers(TenantConnection tenant, String deltaLink, boolean priorityLow,
            Consumer<UserPage> pages) {
        return reader.read(tenant, deltaLink, priorityLow, "/users/delta?$select=" + USER_SELECT, USER_FINGERPRINT,
                parser::users, pages);
    }

    @Override
    public DeltaOutcome readGroups(TenantConnection tenant, String deltaLink, boolean priorityLow,
            Consumer<GroupPage> pages) {
        return reader.read(tenant, deltaLink, priorityLow, "/groups/delta?$select=" + GROUP_SELECT,
                GROUP_FINGERPRINT, parser::groups, pages);
    }

    @Override
    public boolean userExists(TenantConnection tenant, String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        return lookup.exists(tenant, userId);
    }

    @Override
    public Set<String> missingUsers(TenantConnection tenant, Collection<String> userIds) {
        return missingUsers.missing(tenant, userIds);
    }
}
