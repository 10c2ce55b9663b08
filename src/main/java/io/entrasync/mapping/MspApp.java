package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Entry;
import io.entrasync.mapping.YamlTree.Location;
import io.entrasync.mapping.YamlTree.MapNode;
import io.entrasync.mapping.YamlTree.ScalarNode;
import io.entrasync.source.TenantConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The MSP's one multi-tenant app, configured once by environment variables and used by every tenant file that says
 * {@code credentials: { app: msp }}: such a tenant gets tokens for its own {@code tenantId} with this app's client
 * id, credential and cloud (each customer tenant grants the app admin consent). Holds references, never secrets.
 */
public record MspApp(String clientId, TenantConnection.Credentials credentials, TenantConnection.Cloud cloud,
        String graphEndpoint, String authorityHost) {

    /** What configures the app, for messages. */
    static final String CONFIGURE = "set ENTRA_SYNC_MSP_CLIENT_ID with ENTRA_SYNC_MSP_CLIENT_SECRET_FILE, or with "
            + "ENTRA_SYNC_MSP_CERTIFICATE_FILE + ENTRA_SYNC_MSP_PRIVATE_KEY_FILE (and ENTRA_SYNC_MSP_CLOUD when not "
            + "global)";

    /** Mapping-file key of each setting → its environment variable. */
    private static final Map<String, String> VARIABLES = Map.of(
            "clientId", "ENTRA_SYNC_MSP_CLIENT_ID",
            "credentials", "ENTRA_SYNC_MSP_CLIENT_SECRET_FILE / ENTRA_SYNC_MSP_CERTIFICATE_FILE",
            "credentials.clientSecretFile", "ENTRA_SYNC_MSP_CLIENT_SECRET_FILE",
            "credentials.certificateFile", "ENTRA_SYNC_MSP_CERTIFICATE_FILE",
            "credentials.privateKeyFile", "ENTRA_SYNC_MSP_PRIVATE_KEY_FILE",
            "cloud", "ENTRA_SYNC_MSP_CLOUD",
            "graphEndpoint", "ENTRA_SYNC_MSP_GRAPH_ENDPOINT",
            "authorityHost", "ENTRA_SYNC_MSP_AUTHORITY_HOST");

    /**
     * The app from its settings, checked exactly as a mapping file's connection keys are (a custom cloud needs both
     * https endpoints, a certificate pair must be RSA of 2048 bits or more, …).
     *
     * @return null when none of the settings is given (no MSP app)
     * @throws IllegalArgumentException naming each environment variable that is wrong
     */
    public static MspApp of(String clientId, String clientSecretFile, String certificateFile, String privateKeyFile,
            String cloud, String authorityHost, String graphEndpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "clientId", clientId);
        put(settings, "cloud", cloud);
        put(settings, "graphEndpoint", graphEndpoint);
        put(settings, "authorityHost", authorityHost);
        Map<String, String> credentials = new LinkedHashMap<>();
        put(credentials, "clientSecretFile", clientSecretFile);
        put(credentials, "certificateFile", certificateFile);
        put(credentials, "privateKeyFile", privateKeyFile);
        if (settings.isEmpty() && credentials.isEmpty()) {
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        entry(entries, "tenant", "msp");
        entry(entries, "tenantId", "00000000-0000-0000-0000-000000000000");
        settings.forEach((key, value) -> entry(entries, key, value));
        if (!credentials.isEmpty()) {
            Map<String, Entry> refs = new LinkedHashMap<>();
            credentials.forEach((key, value) -> entry(refs, key, value));
            entries.put("credentials", new Entry("credentials", Location.START, new MapNode(Location.START, refs)));
        }
        Problems problems = new Problems("environment");
        TenantConnection bound = new ConnectionBinder(new MapReader(new MapNode(Location.START, entries), "", problems),
                null).bind();
        if (problems.any()) {
            throw new IllegalArgumentException("the MSP app is misconfigured: " + problems.errors().stream()
                    .map(e -> VARIABLES.getOrDefault(e.key(), e.key()) + ": " + e.message())
                    .collect(Collectors.joining("; ")) + " (" + CONFIGURE + ")");
        }
        TenantConnection.Credentials refs = bound.credentials();
        return new MspApp(bound.clientId(), new TenantConnection.Credentials(null, refs.clientSecretFile(),
                refs.certificateFile(), refs.privateKeyFile(), true), bound.cloud(), bound.graphEndpoint(),
                bound.authorityHost());
    }

    /** How tenant {@code tenantKey} ({@code tenantId}) is reached with this app. */
    public TenantConnection connection(String tenantKey, String tenantId) {
        return new TenantConnection(tenantKey, tenantId, clientId, credentials, cloud, graphEndpoint, authorityHost);
    }

    /** What the status page and logs may show: no paths (they may say more about a cluster than needed). */
    @Override
    public String toString() {
        return "MspApp[clientId=" + clientId + ", cloud=" + Clouds.name(cloud) + "]";
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    private static void entry(Map<String, Entry> entries, String key, String value) {
        entries.put(key, new Entry(key, Location.START, new ScalarNode(Location.START, value)));
    }

    /** Keys a tenant file using the MSP app must not give: the app decides them. */
    static final List<String> DECIDED_BY_APP = List.of("clientId", "cloud", "graphEndpoint", "authorityHost");
}
