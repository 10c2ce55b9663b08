package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.source.TenantConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Tenant files using the MSP's multi-tenant app: {@code credentials: { app: msp }}. */
class MspAppMappingTest {

    static final String FILE = """
            tenant: contoso
            tenantId: 11111111-2222-3333-4444-555555555555
            credentials: { app: msp }
            schedule: "0 */15 * * * ?"
            sites: [ { default: HQ } ]
            """;

    static final MspApp MSP = MspApp.of("bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "/run/secrets/msp-secret", null, null,
            "custom", "https://login.example.test", "https://graph.example.test/");

    @Test
    void tenantOfTheMspApp_isReachedWithTheAppsClientIdCredentialAndCloud_forItsOwnTenantId() {
        TenantMappingStatus status = new MappingLoader(MSP).load("contoso.yaml", FILE);

        assertThat(status.errors()).isEmpty();
        TenantConnection connection = status.mapping().connection();
        assertThat(connection.tenantId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(connection.clientId()).isEqualTo("bbbbbbbb-cccc-dddd-eeee-ffffffffffff");
        assertThat(connection.credentials()).isEqualTo(
                new TenantConnection.Credentials(null, Path.of("/run/secrets/msp-secret"), null, null, true));
        assertThat(connection.cloud()).isEqualTo(TenantConnection.Cloud.CUSTOM);
        assertThat(connection.effectiveGraphEndpoint()).isEqualTo("https://graph.example.test");
        assertThat(connection.effectiveAuthorityHost()).isEqualTo("https://login.example.test");
    }

    @Test
    void appMsp_withoutTheMspAppConfigured_isAnErrorNamingTheVariables() {
        TenantMappingStatus status = new MappingLoader().load("contoso.yaml", FILE);

        assertThat(status.errors()).extracting(MappingError::toString).containsExactly("contoso.yaml:3:21: "
                + "credentials.app: the MSP app is not configured: " + MspApp.CONFIGURE);
        assertThat(MspApp.CONFIGURE).contains("ENTRA_SYNC_MSP_CLIENT_ID", "ENTRA_SYNC_MSP_CLIENT_SECRET_FILE",
                "ENTRA_SYNC_MSP_CERTIFICATE_FILE", "ENTRA_SYNC_MSP_PRIVATE_KEY_FILE");
    }

    @Test
    void appMsp_withKeysTheAppDecides_orAnotherApp_isRefused() {
        TenantMappingStatus status = new MappingLoader(MSP).load("contoso.yaml", FILE
                .replace("credentials: { app: msp }", "clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\n"
                        + "credentials: { app: mps, clientSecretEnv: X }"));

        assertThat(status.errors()).extracting(e -> e.line() + ": " + e.key() + ": " + e.message()).containsExactly(
                "3: clientId: clientId comes from the MSP app (ENTRA_SYNC_MSP_*) when credentials.app is msp; remove it",
                "4: credentials.app: unknown app 'mps'; the one app is msp, the MSP's multi-tenant app (or give the "
                        + "tenant its own clientId and credentials)",
                "4: credentials.clientSecretEnv: credentials.app: msp uses the MSP app's credential; remove "
                        + "'clientSecretEnv' (or remove app to give this tenant its own app registration)");
    }

    @Test
    void mspApp_isCheckedAsAMappingFilesConnection_errorsNamingTheVariables() {
        assertThat(MspApp.of(null, null, null, null, null, null, null)).as("not configured").isNull();
        assertThat(MspApp.of("bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "/s", null, null, null, null, null).cloud())
                .isEqualTo(TenantConnection.Cloud.GLOBAL);
        assertThatThrownBy(() -> MspApp.of("not-a-guid", null, null, null, "custom", "http://login", null))
                .hasMessageContaining("ENTRA_SYNC_MSP_CLIENT_ID: clientId 'not-a-guid' is not a GUID")
                .hasMessageContaining("ENTRA_SYNC_MSP_CLIENT_SECRET_FILE / ENTRA_SYNC_MSP_CERTIFICATE_FILE: missing")
                .hasMessageContaining("ENTRA_SYNC_MSP_AUTHORITY_HOST: authorityHost must be an absolute https URL")
                .hasMessageContaining("ENTRA_SYNC_MSP_GRAPH_ENDPOINT: missing required key 'graphEndpoint'");
    }

    @Test
    void validation_warnsWhenTheMspAppsCredentialFileIsMissingHere_namingItsVariable() {
        var warnings = SecretReferences.warnings("contoso.yaml", FILE,
                new MappingLoader(MSP).load("contoso.yaml", FILE).mapping(), name -> null);

        assertThat(warnings).extracting(MappingError::toString).containsExactly("contoso.yaml:3:16: credentials.app: "
                + "the MSP app's ENTRA_SYNC_MSP_CLIENT_SECRET_FILE /run/secrets/msp-secret does not exist here; runs "
                + "of every tenant using the MSP app fail until it is mounted");
    }
}
