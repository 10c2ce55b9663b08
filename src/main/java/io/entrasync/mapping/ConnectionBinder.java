package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Entry;
import io.entrasync.mapping.YamlTree.ScalarNode;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.TenantConnection.Cloud;
import io.entrasync.source.TenantConnection.Credentials;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds the connection keys (tenant, tenantId, clientId, credentials, cloud, endpoints). Values under
 * {@code credentials} are never echoed in messages: they might be a secret pasted by mistake.
 */
final class ConnectionBinder {

    static final String INLINE_SECRET = "inline secrets are refused: keep the secret out of the mapping file and "
            + "reference it with credentials.clientSecretEnv (name of an environment variable) or "
            + "credentials.clientSecretFile (path of a file), or use certificateFile + privateKeyFile";

    private static final Pattern TENANT_KEY = Pattern.compile("[a-z0-9-]+");
    /** Keys that are routes of their own under /api/tenants. */
    private static final Set<String> RESERVED_TENANT_KEYS = Set.of("orphaned");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> CREDENTIAL_KEYS =
            List.of("clientSecretEnv", "clientSecretFile", "certificateFile", "privateKeyFile");

    private final MapReader root;
    /** The MSP's multi-tenant app, null when not configured. */
    private final MspApp msp;

    /** Whether {@code key} may be a tenant key (the pattern, and not a reserved route). */
    static boolean isTenantKey(String key) {
        return key != null && TENANT_KEY.matcher(key).matches() && !RESERVED_TENANT_KEYS.contains(key);
    }

    ConnectionBinder(MapReader root, MspApp msp) {
        this.root = root;
        this.msp = msp;
    }

    TenantConnection bind() {
        String tenant = root.text("tenant", true);
        if (tenant != null && !TENANT_KEY.matcher(tenant).matches()) {
            root.errorAtValue("tenant", "tenant key '" + tenant + "' may hold only lower-case letters, digits and "
                    + "dashes ([a-z0-9-]+); it is used in URLs");
        } else if (tenant != null && RESERVED_TENANT_KEYS.contains(tenant)) {
            root.errorAtValue("tenant", "tenant key '" + tenant + "' is reserved: /api/tenants/" + tenant
                    + " lists the tenants whose accounts no mapping file claims; choose another key");
        }
        String tenantId = root.text("tenantId", true);
        if (tenantId != null && !GUID.matcher(tenantId).matches() && !DOMAIN.matcher(tenantId).matches()) {
            root.errorAtValue("tenantId", "tenantId '" + tenantId + "' is neither a GUID nor a domain name "
                    + "(the Entra tenant id, e.g. 11111111-2222-3333-4444-555555555555 or contoso.onmicrosoft.com)");
        }
        if (root.node("credentials") instanceof YamlTree.MapNode refs && refs.entries().containsKey("app")) {
            return withApp(tenant, tenantId);
        }
        String clientId = root.text("clientId", true);
        if (clientId != null && !GUID.matcher(clientId).matches()) {
            root.errorAtValue("clientId", "clientId '" + clientId + "' is not a GUID (the app registration's "
                    + "Application (client) ID)");
        }
        Credentials credentials = credentials();
        Cloud cloud = cloud();
        String graphEndpoint = endpoint(cloud, "graphEndpoint");
        String authorityHost = endpoint(cloud, "authorityHost");
        if (graphEndpoint != null && graphEndpoint.toLowerCase(Locale.ROOT).endsWith("/v1.0")) {
            root.errorAtValue("graphEndpoint", "graphEndpoint is the Graph root without /v1.0 (the service appends it)");
        }
        return new TenantConnection(tenant, tenantId, clientId, credentials, cloud, graphEndpoint, authorityHost);
    }

    /**
     * {@code credentials: { app: msp }}: the tenant is reached with the MSP's multi-tenant app, which decides client
     * id, credential and cloud; the file gives only its tenant.
     */
    private TenantConnection withApp(String tenant, String tenantId) {
        MapReader credentials = root.map("credentials");
        for (Entry key : credentials.entries()) {
            if (!"app".equals(key.key())) {
                credentials.errorAtKey(key.key(), "credentials.app: msp uses the MSP app's credential; remove '"
                        + key.key() + "' (or remove app to give this tenant its own app registration)");
            }
        }
        String app = credentials.text("app", true);
        if (app != null && !"msp".equals(app)) {
            credentials.errorAtValue("app", "unknown app '" + app + "'; the one app is msp, the MSP's multi-tenant "
                    + "app (or give the tenant its own clientId and credentials)");
        } else if (app != null && msp == null) {
            credentials.errorAtValue("app", "the MSP app is not configured: "
                    + MspApp.CONFIGURE);
        }
        for (String key : MspApp.DECIDED_BY_APP) {
            if (root.has(key)) {
                root.errorAtKey(key, key + " comes from the MSP app (ENTRA_SYNC_MSP_*) when credentials.app is msp; "
                        + "remove it");
            }
        }
        return msp == null ? new TenantConnection(tenant, tenantId, null, null, Cloud.GLOBAL, null, null)
                : msp.connection(tenant, tenantId);
    }

    private Cloud cloud() {
        String name = root.text("cloud", false);
        if (name == null) {
            return Cloud.GLOBAL;
        }
        Cloud cloud = Clouds.byName(name);
        if (cloud == null) {
            root.errorAtValue("cloud", "unknown cloud '" + name + "'" + Suggestions.didYouMean(name, Clouds.NAMES)
                    + "; expected one of " + String.join(", ", Clouds.NAMES));
        }
        return cloud == null ? Cloud.GLOBAL : cloud;
    }

    private String endpoint(Cloud cloud, String key) {
        String value = root.text(key, false);
        if (cloud != Cloud.CUSTOM) {
            if (value != null) {
                root.errorAtKey(key, key + " is only used with cloud: custom (cloud " + Clouds.name(cloud)
                        + " has its own endpoints)");
            }
            return null;
        }
        if (value == null) {
            root.problems().add(root.has("cloud") ? root.valueLocation("cloud") : root.location(), key,
                    "missing required key '" + key + "': cloud: custom needs graphEndpoint and authorityHost "
                            + "(absolute https URLs)");
            return null;
        }
        try {
            URI uri = URI.create(value);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        root.errorAtValue(key, key + " must be an absolute https URL without query (MSAL and Graph need https), "
                + "found '" + value + "'");
        return null;
    }

    private Credentials credentials() {
        if (!root.has("credentials")) {
            root.require("credentials");
            return null;
        }
        if (root.node("credentials") instanceof ScalarNode) {
            root.errorAtValue("credentials", "credentials must be a mapping of references; " + INLINE_SECRET);
            return null;
        }
        MapReader credentials = root.map("credentials");
        if (credentials == null) {
            return null;
        }
        for (Entry key : credentials.entries()) {
            if (!CREDENTIAL_KEYS.contains(key.key())) {
                credentials.errorAtKey(key.key(), "'" + key.key() + "' is not a credential reference"
                        + Suggestions.didYouMean(key.key(), CREDENTIAL_KEYS) + "; " + INLINE_SECRET);
            }
        }
        String env = credentials.text("clientSecretEnv", false);
        if (env != null && !ENV_NAME.matcher(env).matches()) {
            credentials.errorAtValue("clientSecretEnv", "the value is not an environment variable name "
                    + "([A-Za-z_][A-Za-z0-9_]*); " + INLINE_SECRET);
            env = null;
        }
        Path secretFile = path(credentials, "clientSecretFile");
        Path certificate = path(credentials, "certificateFile");
        Path privateKey = path(credentials, "privateKeyFile");
        int kinds = (credentials.has("clientSecretEnv") ? 1 : 0) + (credentials.has("clientSecretFile") ? 1 : 0)
                + (credentials.has("certificateFile") || credentials.has("privateKeyFile") ? 1 : 0);
        if (kinds == 0 && !credentials.problems().any()) {
            credentials.problems().add(credentials.location(), "credentials", "credentials need one of "
                    + "clientSecretEnv, clientSecretFile, or certificateFile with privateKeyFile");
        } else if (kinds > 1) {
            credentials.problems().add(credentials.location(), "credentials", "give only one of clientSecretEnv, "
                    + "clientSecretFile, or certificateFile with privateKeyFile");
        } else if (credentials.has("certificateFile") != credentials.has("privateKeyFile")) {
            credentials.require("certificateFile", "privateKeyFile");
        } else if (certificate != null || privateKey != null) {
            SigningKeyCheck.Problem problem = SigningKeyCheck.check(privateKey, certificate);
            if (problem != null) {
                credentials.errorAtValue(problem.key(), problem.message());
            }
        }
        return new Credentials(env, secretFile, certificate, privateKey);
    }

    private static Path path(MapReader credentials, String key) {
        String value = credentials.text(key, false);
        if (value == null) {
            return null;
        }
        if (value.contains("\n") || value.contains("-----BEGIN") || value.contains("-----END")) {
            credentials.errorAtValue(key, "the value looks like key material, not a file path; " + INLINE_SECRET);
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            credentials.errorAtValue(key, "the value is not a valid file path; " + INLINE_SECRET);
            return null;
        }
    }
}
