package io.entrasync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.TenantConnection;
import io.entrasync.source.TenantConnection.Cloud;
import org.junit.jupiter.api.Test;

class TenantClientsKeyTest {

    static final TenantConnection.Credentials SECRET = new TenantConnection.Credentials("SECRET", null, null, null);

    @Test
    void nationalCloud_usesItsWellKnownEndpoints() {
        TenantClients.ClientKey key = TenantClients.ClientKey.of(
                new TenantConnection("gov", "tid", "cid", SECRET, Cloud.USGOV, null, null));

        assertThat(key.authority()).isEqualTo("https://login.microsoftonline.us/tid/");
        assertThat(key.graphEndpoint()).isEqualTo("https://graph.microsoft.us");
    }

    @Test
    void customCloud_usesTheConfiguredEndpoints_withoutTrailingSlash() {
        TenantClients.ClientKey key = TenantClients.ClientKey.of(new TenantConnection("demo", "tid", "cid", SECRET,
                Cloud.CUSTOM, "https://graph.example/", "https://login.example/"));

        assertThat(key.authority()).isEqualTo("https://login.example/tid/");
        assertThat(key.graphEndpoint()).isEqualTo("https://graph.example");
    }

    @Test
    void everythingThatChangesTheApplication_changesTheKey() {
        TenantConnection base = new TenantConnection("t", "tid", "cid", SECRET, Cloud.GLOBAL, null, null);

        assertThat(TenantClients.ClientKey.of(base)).isEqualTo(TenantClients.ClientKey.of(
                new TenantConnection("t", "tid", "cid", SECRET, Cloud.GLOBAL, null, null)));
        assertThat(TenantClients.ClientKey.of(base)).isNotEqualTo(TenantClients.ClientKey.of(
                new TenantConnection("t", "other", "cid", SECRET, Cloud.GLOBAL, null, null)));
        assertThat(TenantClients.ClientKey.of(base)).isNotEqualTo(TenantClients.ClientKey.of(
                new TenantConnection("t", "tid", "cid", SECRET, Cloud.CHINA, null, null)));
        assertThat(TenantClients.ClientKey.of(base)).isNotEqualTo(TenantClients.ClientKey.of(new TenantConnection(
                "t", "tid", "cid", new TenantConnection.Credentials("OTHER", null, null, null), Cloud.GLOBAL, null, null)));
    }
}
