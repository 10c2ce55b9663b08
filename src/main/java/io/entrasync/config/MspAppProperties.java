package io.entrasync.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MSP's one multi-tenant app registration, under {@code entra-sync.msp.*} ({@code ENTRA_SYNC_MSP_*}): tenant
 * files that say {@code credentials: { app: msp }} get tokens for their own tenant with it. All null when not
 * configured. Holds file paths, never a secret.
 *
 * @param clientId          {@code ENTRA_SYNC_MSP_CLIENT_ID}: the app's Application (client) ID
 * @param clientSecretFile  {@code ENTRA_SYNC_MSP_CLIENT_SECRET_FILE}: a file holding its client secret
 * @param certificateFile   {@code ENTRA_SYNC_MSP_CERTIFICATE_FILE}: its certificate (PEM), with the key below
 * @param privateKeyFile    {@code ENTRA_SYNC_MSP_PRIVATE_KEY_FILE}: the certificate's PKCS#8 RSA key (PEM)
 * @param cloud             {@code ENTRA_SYNC_MSP_CLOUD}: global (default), usgov, usgov-dod, china or custom
 * @param authorityHost     {@code ENTRA_SYNC_MSP_AUTHORITY_HOST}: with cloud custom, the https login host
 * @param graphEndpoint     {@code ENTRA_SYNC_MSP_GRAPH_ENDPOINT}: with cloud custom, the https Graph root
 */
@ConfigurationProperties("entra-sync.msp")
public record MspAppProperties(String clientId, String clientSecretFile, String certificateFile,
        String privateKeyFile, String cloud, String authorityHost, String graphEndpoint) {
}
