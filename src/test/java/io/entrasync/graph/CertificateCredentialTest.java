package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate + private key PEM files: MSAL signs a client assertion instead of sending a secret. */
class CertificateCredentialTest {

    static GraphTestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = new GraphTestServer();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void certificateAndKeyPem_signAClientAssertion() throws Exception {
        server.wireMock().resetAll();
        server.stubToken("token.json");
        server.wireMock().stubFor(get(urlPathEqualTo("/v1.0/users/u1")).willReturn(server.json(200, "user.json")));
        KeyStore store = GraphTestServer.keystore();
        Path cert = pem(dir.resolve("app.crt"), "CERTIFICATE", store.getCertificate("localhost").getEncoded());
        Path key = pem(dir.resolve("app.key"), "PRIVATE KEY",
                ((PrivateKey) store.getKey("localhost", GraphTestServer.PASSWORD)).getEncoded());
        GraphDirectorySource source = new GraphDirectorySource(GraphProperties.defaults(), GraphTestServer.trust(),
                Map.<String, String>of()::get, Clock.systemUTC());

        boolean exists = source.userExists(server.tenant(new TenantConnection.Credentials(null, null, cert, key)), "u1");

        assertThat(exists).isTrue();
        server.wireMock().verify(1, postRequestedFor(urlPathEqualTo(GraphTestServer.TOKEN_PATH))
                .withRequestBody(containing("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
                .withRequestBody(containing("client_assertion=ey"))
                .withRequestBody(notContaining("client_secret")));
    }

    @Test
    void unreadableKeyFile_failsNamingTenantAndFile() throws Exception {
        Path cert = pem(dir.resolve("app.crt"), "CERTIFICATE",
                GraphTestServer.keystore().getCertificate("localhost").getEncoded());
        Path key = Files.writeString(dir.resolve("app.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        GraphDirectorySource source = new GraphDirectorySource(GraphProperties.defaults(), GraphTestServer.trust(),
                Map.<String, String>of()::get, Clock.systemUTC());

        assertThatThrownBy(() -> source.userExists(server.tenant(new TenantConnection.Credentials(null, null, cert, key)), "u1"))
                .isInstanceOf(DirectorySourceException.class)
                .hasMessageContaining("contoso").hasMessageContaining("app.key");
    }

    private static Path pem(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }
}
