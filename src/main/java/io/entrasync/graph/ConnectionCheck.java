package io.entrasync.graph;

import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes a tenant's connection without changing anything: a fresh token request (never a cached token, so a wrong
 * or expired secret shows), {@code GET /users?$top=1}, {@code GET /groups?$top=1}, and each group the mapping names.
 * One {@link Line} per check, with the fix when it failed. Thread-safe.
 */
@Component
public class ConnectionCheck {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One check's outcome.
     *
     * @param check  what was checked ({@code token}, {@code read users}, {@code group 'Berlin Office'} …)
     * @param status {@code ok}, {@code failed}, or {@code skipped} (an earlier check failed)
     * @param detail what was found
     * @param fix    what to do, null unless failed
     */
    public record Line(String check, String status, String detail, String fix) {
    }

    private final GraphProperties properties;
    private final TlsTrust tlsTrust;
    private final java.util.function.Function<String, String> environment;
    private final Clock clock;

    @Autowired
    public ConnectionCheck(GraphProperties properties, TlsTrust tlsTrust) {
        this(properties, tlsTrust, System::getenv, Clock.systemUTC());
    }

    /** For tests: a fake environment (secret variables). */
    ConnectionCheck(GraphProperties properties, TlsTrust tlsTrust, java.util.function.Function<String, String> environment,
            Clock clock) {
        this.properties = properties;
        this.tlsTrust = tlsTrust;
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * The report of {@code POST /api/tenants/{tenant}/check} and of the connect flow's check.
     *
     * @param tenant our key for the tenant
     * @param ok     every check passed
     * @param checks one line per check
     */
    public record Report(String tenant, boolean ok, List<Line> checks) {
    }

    /**
     * "Test connection" for one tenant: {@link #check} as a report. Reads only.
     *
     * @param groups as for {@link #check} (a mapping's {@code namedGroups()})
     */
    public Report report(TenantConnection tenant, Map<String, String> groups) {
        List<Line> lines = check(tenant, groups);
        return new Report(tenant.tenantKey(), lines.stream().allMatch(l -> l.status().equals("ok")), lines);
    }

    /**
     * @param groups the groups the mapping names (display name or object id) → where it names them
     *               ({@code scope.groups}, {@code sites[0].group} …)
     */
    public List<Line> check(TenantConnection tenant, Map<String, String> groups) {
        List<Line> lines = new ArrayList<>();
        TenantClients clients = new TenantClients(properties, tlsTrust, new CredentialLoader(environment), clock);
        RetryingFetcher fetcher = new RetryingFetcher(properties, new Backoff(properties, clock));
        TenantClient client;
        try {
            client = clients.forTenant(tenant);
            client.tokens().token();
            lines.add(new Line("token", "ok", "Entra issued an access token for application " + tenant.clientId()
                    + " in tenant " + tenant.tenantId(), null));
        } catch (DirectorySourceException e) {
            lines.add(new Line("token", "failed", e.getMessage(), EntraAdvice.forToken(e.errorCode())));
            skipRest(lines, groups, "no access token");
            return lines;
        }
        read(lines, "read users", "/users?$top=1&$select=id", tenant, client, fetcher);
        if (!read(lines, "read groups", "/groups?$top=1&$select=id", tenant, client, fetcher)) {
            groups.forEach((group, where) -> lines.add(skipped(group, where, "groups cannot be read")));
            return lines;
        }
        groups.forEach((group, where) -> lines.add(group(group, where, tenant, client, fetcher)));
        return lines;
    }

    private boolean read(List<Line> lines, String check, String pathAndQuery, TenantConnection tenant,
            TenantClient client, RetryingFetcher fetcher) {
        try {
            JsonNode answer = get(tenant, client, fetcher, pathAndQuery);
            lines.add(new Line(check, "ok", "GET " + pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
                    + " answered " + answer.path("value").size() + " object(s)", null));
            return true;
        } catch (DirectorySourceException e) {
            lines.add(new Line(check, "failed", e.getMessage(), EntraAdvice.forRead(e.status(), e.errorCode())));
            return false;
        }
    }

    private Line group(String group, String where, TenantConnection tenant, TenantClient client,
            RetryingFetcher fetcher) {
        String check = "group '" + group + "' (" + where + ")";
        try {
            if (OBJECT_ID.matcher(group).matches()) {
                JsonNode found = get(tenant, client, fetcher, "/groups?$filter=" + encode("id eq '" + group + "'")
                        + "&$select=id,displayName");
                return found.path("value").isEmpty() ? missing(check, group, where)
                        : new Line(check, "ok", "found: " + found.path("value").get(0).path("displayName").asString(""),
                                null);
            }
            JsonNode found = get(tenant, client, fetcher, "/groups?$filter=" + encode("displayName eq '"
                    + group.replace("'", "''") + "'") + "&$select=id,displayName");
            int count = found.path("value").size();
            if (count == 0) {
                return missing(check, group, where);
            }
            String id = found.path("value").get(0).path("id").asString("");
            return new Line(check, "ok", count == 1 ? "found: " + id
                    : count + " groups have this name (" + id + " …); the rule matches members of any", null);
        } catch (DirectorySourceException e) {
            return new Line(check, "failed", e.getMessage(), EntraAdvice.forRead(e.status(), e.errorCode()));
        }
    }

    private static Line missing(String check, String group, String where) {
        return new Line(check, "failed", "the tenant has no group '" + group + "'", "correct " + where
                + " in the mapping file: a group name that matches nothing puts its users out of that rule "
                + "(for scope: out of scope, so the sync would deactivate them)");
    }

    /** One Graph read of a look at a tenant (this check, {@link MspTenantReader}): its JSON, or the refusal. */
    static JsonNode get(TenantConnection tenant, TenantClient client, RetryingFetcher fetcher, String pathAndQuery) {
        try {
            return fetcher.get(tenant.tenantKey(), client, client.graphBaseUrl() + pathAndQuery, false,
                    new ReadCounter(), fetcher.budget(), (InputStream in) -> JSON.readTree(in));
        } catch (ResyncRequiredSignal impossible) {
            throw new DirectorySourceException(tenant.tenantKey(), 400, impossible.graphCode(), "tenant '"
                    + tenant.tenantKey() + "': GET " + pathAndQuery + " answered " + impossible.graphCode(), null);
        }
    }

    private static void skipRest(List<Line> lines, Map<String, String> groups, String why) {
        lines.add(new Line("read users", "skipped", why, null));
        lines.add(new Line("read groups", "skipped", why, null));
        groups.forEach((group, where) -> lines.add(skipped(group, where, why)));
    }

    private static Line skipped(String group, String where, String why) {
        return new Line("group '" + group + "' (" + where + ")", "skipped", why, null);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
