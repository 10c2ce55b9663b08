package io.entrasync.notify;

import io.entrasync.source.TenantConnection;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link TenantConnection} as kept beside a subscription: tenant id, client id, cloud, endpoints and the credential
 * <em>reference</em> (variable name or file paths; never a secret), so a subscription whose mapping was removed or
 * became invalid can still be deleted at Graph.
 */
final class StoredConnection {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredConnection() {
    }

    static String encode(TenantConnection connection) {
        ObjectNode node = JSON.createObjectNode();
        node.put("tenantKey", connection.tenantKey());
        node.put("tenantId", connection.tenantId());
        node.put("clientId", connection.clientId());
        node.put("cloud", connection.cloud().name());
        node.put("graphEndpoint", connection.graphEndpoint());
        node.put("authorityHost", connection.authorityHost());
        TenantConnection.Credentials c = connection.credentials();
        if (c != null) {
            node.put("clientSecretEnv", c.clientSecretEnv());
            node.put("clientSecretFile", text(c.clientSecretFile()));
            node.put("certificateFile", text(c.certificateFile()));
            node.put("privateKeyFile", text(c.privateKeyFile()));
            // a tenant on the MSP's multi-tenant app gets its tokens through that app (TenantClients)
            node.put("mspApp", c.mspApp());
        }
        return JSON.writeValueAsString(node);
    }

    /** The connection, or null when none was stored (a row made before it was) or it cannot be read. */
    static TenantConnection decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(stored);
            return new TenantConnection(string(node, "tenantKey"), string(node, "tenantId"), string(node, "clientId"),
                    new TenantConnection.Credentials(string(node, "clientSecretEnv"), path(node, "clientSecretFile"),
                            path(node, "certificateFile"), path(node, "privateKeyFile"),
                            node.path("mspApp").asBoolean(false)),
                    TenantConnection.Cloud.valueOf(string(node, "cloud")), string(node, "graphEndpoint"),
                    string(node, "authorityHost"));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Path path(JsonNode node, String field) {
        String value = string(node, field);
        return value == null ? null : Path.of(value);
    }
}
