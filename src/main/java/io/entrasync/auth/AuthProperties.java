package io.entrasync.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.auth.*}.
 *
 * @param issuerUri         the OpenID Connect issuer whose access tokens are accepted ({@code ENTRA_SYNC_AUTH_ISSUER_URI},
 *                          e.g. {@code https://login.microsoftonline.com/<tenant-id>/v2.0}); blank: no tokens of an
 *                          issuer, only the admin token and API keys
 * @param audience          the {@code aud} those tokens must carry ({@code ENTRA_SYNC_AUTH_AUDIENCE}: the API's
 *                          application ID URI or client id); required with an issuer
 * @param adminTokenEnabled whether the static admin token works at all ({@code ENTRA_SYNC_AUTH_ADMIN_TOKEN_ENABLED})
 * @param failedSignIns     how many refused credentials one client address may present per window before it is
 *                          answered 429
 * @param failedSignInWindow the window of {@code failedSignIns}
 * @param clientId          the admin page's sign-in: the app registration's client id ({@code ENTRA_SYNC_AUTH_CLIENT_ID});
 *                          blank: the page offers only the admin token
 * @param clientSecret      its client secret ({@code ENTRA_SYNC_AUTH_CLIENT_SECRET}); blank with no file: a public
 *                          client (PKCE only)
 * @param clientSecretFile  a file holding the client secret ({@code ENTRA_SYNC_AUTH_CLIENT_SECRET_FILE}, e.g. a
 *                          mounted Kubernetes Secret); used when {@code clientSecret} is blank
 */
@ConfigurationProperties("entra-sync.auth")
public record AuthProperties(String issuerUri, String audience, @DefaultValue("true") boolean adminTokenEnabled,
                             @DefaultValue("10") int failedSignIns, @DefaultValue("1m") Duration failedSignInWindow,
                             String clientId, String clientSecret, String clientSecretFile) {

    public AuthProperties {
        if (issuerUri != null && !issuerUri.isBlank() && (audience == null || audience.isBlank())) {
            throw new IllegalStateException("ENTRA_SYNC_AUTH_ISSUER_URI (entra-sync.auth.issuer-uri) is set but "
                    + "ENTRA_SYNC_AUTH_AUDIENCE (entra-sync.auth.audience) is not: tokens of any audience of that issuer "
                    + "would be accepted; set it to the API's application ID URI or client id");
        }
        if (!blank(clientId) && blank(issuerUri)) {
            throw new IllegalStateException("ENTRA_SYNC_AUTH_CLIENT_ID (entra-sync.auth.client-id) is set but "
                    + "ENTRA_SYNC_AUTH_ISSUER_URI (entra-sync.auth.issuer-uri) is not: the page's sign-in needs the issuer");
        }
        if (failedSignIns < 1) {
            throw new IllegalStateException("entra-sync.auth.failed-sign-ins must be at least 1, not " + failedSignIns);
        }
    }

    /** The secret never appears in logs. */
    @Override
    public String toString() {
        return "AuthProperties[issuerUri=" + issuerUri + ", audience=" + audience + ", adminTokenEnabled="
                + adminTokenEnabled + ", clientId=" + clientId + ", clientSecret=" + (blank(clientSecret) ? "" : "***")
                + ", clientSecretFile=" + clientSecretFile + "]";
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    boolean issuerConfigured() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
