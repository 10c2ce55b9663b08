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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Certificate + private key PEM files: MSAL signs a client assertion instead of sending a secret. */
class CertificateCredentialTest {

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();

    @TempDir
    Path dir;

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

    @Test
    void keyFileReadableByOthers_isUsedButWarnedAbout() throws Exception {
        server.wireMock().resetAll();
        server.stubToken("token.json");
        server.wireMock().stubFor(get(urlPathEqualTo("/v1.0/users/u1")).willReturn(server.json(200, "user.json")));
        KeyStore store = GraphTestServer.keystore();
        Path cert = pem(dir.resolve("app.crt"), "CERTIFICATE", store.getCertificate("localhost").getEncoded());
        Path key = pem(dir.resolve("app.key"), "PRIVATE KEY",
                ((PrivateKey) store.getKey("localhost", GraphTestServer.PASSWORD)).getEncoded());
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CredentialLoader.class);
        appender.start();
        logger.addAppender(appender);
        try {
            GraphDirectorySource source = new GraphDirectorySource(GraphProperties.defaults(), GraphTestServer.trust(),
                    Map.<String, String>of()::get, Clock.systemUTC());

            boolean exists = source.userExists(server.tenant(new TenantConnection.Credentials(null, null, cert, key)), "u1");

            assertThat(exists).isTrue();
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(event.getFormattedMessage()).contains("contoso").contains("app.key").contains("OTHERS_READ")
                        .contains("chmod 600");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void ownerOnlyKeyFile_isNotWarnedAbout() throws Exception {
        Path key = Files.writeString(dir.resolve("owner.key"), "x");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path loose = Files.writeString(dir.resolve("group.key"), "x");
        Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        TenantConnection tenant = server.tenant(new TenantConnection.Credentials(null, null, null, key));

        assertThat(CredentialLoader.warnIfLoose(tenant, key, "private key file")).isFalse();
        assertThat(CredentialLoader.warnIfLoose(tenant, loose, "private key file")).isTrue();
    }

    private static Path pem(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }
}
