package io.entrasync.source;

import java.nio.file.Path;

/**
 * How to reach one tenant's directory. Holds references to secrets (an environment variable name or file
 * paths), never a secret itself, so it is safe to log.
 *
 * @param tenantKey     our key for the tenant (mapping file's {@code tenant})
 * @param tenantId      the Entra tenant id (GUID or verified domain)
 * @param clientId      the app registration's client id
 * @param credentials   where the client secret or certificate lives
 * @param cloud         which national cloud; {@link Cloud#CUSTOM} uses the two endpoints below
 * @param graphEndpoint Graph root without {@code /v1.0}; only for {@link Cloud#CUSTOM}, else null
 * @param authorityHost login host root (https); only for {@link Cloud#CUSTOM}, else null
 */
public record TenantConnection(
        String tenantKey,
        String tenantId,
        String clientId,
        Credentials credentials,
        Cloud cloud,
        String graphEndpoint,
        String authorityHost) {

    /** National clouds with their well-known endpoints, plus a custom pair (tests, the demo simulator). */
    public enum Cloud {
        GLOBAL("https://graph.microsoft.com", "https://login.microsoftonline.com"),
        USGOV("https://graph.microsoft.us", "https://login.microsoftonline.us"),
        USGOV_DOD("https://dod-graph.microsoft.us", "https://login.microsoftonline.us"),
        CHINA("https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"),
        CUSTOM(null, null);

        private final String graphEndpoint;
        private final String authorityHost;

        Cloud(String graphEndpoint, String authorityHost) {
            this.graphEndpoint = graphEndpoint;
            this.authorityHost = authorityHost;
        }

        public String graphEndpoint() {
            return graphEndpoint;
        }

        public String authorityHost() {
            return authorityHost;
        }
    }

    /**
     * A reference to the tenant's credential: exactly one of a secret environment variable, a secret file, or a
     * certificate + private key pair (PEM files). {@code mspApp}: these are the MSP's multi-tenant app's credentials
     * ({@code credentials: { app: msp }}), shared by every tenant that uses it; each gets tokens for its own tenant.
     */
    public record Credentials(String clientSecretEnv, Path clientSecretFile, Path certificateFile, Path privateKeyFile,
            boolean mspApp) {

        public Credentials(String clientSecretEnv, Path clientSecretFile, Path certificateFile, Path privateKeyFile) {
            this(clientSecretEnv, clientSecretFile, certificateFile, privateKeyFile, false);
        }
    }

    /** The Graph root this connection talks to (without {@code /v1.0}). */
    public String effectiveGraphEndpoint() {
        return cloud == Cloud.CUSTOM ? graphEndpoint : cloud.graphEndpoint();
    }

    /** The authority host this connection gets tokens from. */
    public String effectiveAuthorityHost() {
        return cloud == Cloud.CUSTOM ? authorityHost : cloud.authorityHost();
    }
}
