package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.TenantConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The connection kept beside a subscription comes back as it was stored, so a removed tenant's one can be deleted. */
class StoredConnectionTest {

    @Test
    void aTenantOnTheMspApp_isStillOnTheMspAppWhenRead() {
        TenantConnection msp = new TenantConnection("northwind", "11111111-2222-3333-4444-555555555555", "msp-client",
                new TenantConnection.Credentials(null, Path.of("/config/msp-app/secret"), null, null, true),
                TenantConnection.Cloud.GLOBAL, null, null);

        TenantConnection read = StoredConnection.decode(StoredConnection.encode(msp));

        assertThat(read).isEqualTo(msp);
        assertThat(read.credentials().mspApp()).isTrue();
    }

    @Test
    void aRowStoredBeforeTheFlag_readsAsATenantOfItsOwnApp() {
        TenantConnection read = StoredConnection.decode("{\"tenantKey\":\"contoso\",\"tenantId\":\"t\",\"clientId\":\"c\","
                + "\"cloud\":\"GLOBAL\",\"clientSecretEnv\":\"CONTOSO_SECRET\"}");

        assertThat(read.credentials().mspApp()).isFalse();
        assertThat(read.credentials().clientSecretEnv()).isEqualTo("CONTOSO_SECRET");
    }
}
