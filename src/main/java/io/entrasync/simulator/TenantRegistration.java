package io.entrasync.simulator;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A simulated tenant's app registration: who may get tokens for it.
 *
 * @param tenantId     the tenant id in token URLs (GUID-like; letters, digits, dots and dashes)
 * @param clientId     the application (client) id; null accepts any
 * @param clientSecret the accepted client secret; null accepts none
 * @param certificate  accepted for {@code client_assertion} (RS256/PS256 signed by its key); null accepts none
 */
public record TenantRegistration(String tenantId, String clientId, String clientSecret, X509Certificate certificate) {

    public TenantRegistration {
        Objects.requireNonNull(tenantId, "tenantId");
        if (!tenantId.matches("[A-Za-z0-9.-]{1,64}")) {
            throw new IllegalArgumentException("tenantId may hold letters, digits, dots and dashes only: " + tenantId);
        }
    }

    public static TenantRegistration withSecret(String tenantId, String clientId, String clientSecret) {
        return new TenantRegistration(tenantId, clientId, clientSecret, null);
    }

    @Override
    public String toString() {
        return "TenantRegistration[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "***") + ", certificate=" + (certificate != null) + "]";
    }
}
