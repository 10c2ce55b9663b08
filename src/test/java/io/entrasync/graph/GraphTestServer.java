package io.entrasync.graph;

import io.entrasync.support.TestTls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.entrasync.source.TenantConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock over https with a self-signed PKCS12 keystore (made with keytool into target/) whose SAN covers
 * localhost and 127.0.0.1; serves both the token endpoint and Graph. Trusted through the {@link TlsTrust} hook.
 * A test class holds one as {@code @RegisterExtension static final GraphTestServer server = new GraphTestServer();}:
 * started with the class, stopped after its tests (those of its {@code @Nested} classes included).
 */
final class GraphTestServer implements AfterAllCallback {

    static final String TENANT_ID = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String SECRET_ENV = "CONTOSO_SECRET";
    static final String SECRET = "not-a-real-secret~value";
    static final String TOKEN_PATH = "/" + TENANT_ID + "/oauth2/v2.0/token";
    static final char[] PASSWORD = TestTls.PASSWORD;
    static final Path KEYSTORE = TestTls.KEYSTORE;

    private final WireMockServer server;

    GraphTestServer() {
        ensureKeystore();
        server = new WireMockServer(wireMockConfig()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(KEYSTORE.toAbsolutePath().toString())
                .keystoreType("PKCS12")
                .keystorePassword(new String(PASSWORD))
                .keyManagerPassword(new String(PASSWORD)));
        server.start();
    }

    WireMockServer wireMock() {
        return server;
    }

    String base() {
        return "https://localhost:" + server.httpsPort();
    }

    void stop() {
        server.stop();
    }

    /** Stops after the class that holds it; a {@code @Nested} class inherits the extension and must not stop it. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            stop();
        }
    }

    TenantConnection tenant() {
        return tenant(new TenantConnection.Credentials(SECRET_ENV, null, null, null));
    }

    TenantConnection tenant(TenantConnection.Credentials credentials) {
        return new TenantConnection("contoso", TENANT_ID, CLIENT_ID, credentials, TenantConnection.Cloud.CUSTOM,
                base(), base());
    }

    /** Trusts exactly the test keystore, for every tenant. */
    static TlsTrust trust() {
        return TestTls.trust();
    }

    static KeyStore keystore() {
        return TestTls.keystore();
    }

    void stubToken(String fixture) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(200, fixture)));
    }

    /** A fixture from src/test/resources/graph with {@code {{base}}} replaced by this server's https root. */
    ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(fixture(fixture).replace("{{base}}", base()));
    }

    static String fixture(String name) {
        try (InputStream in = GraphTestServer.class.getResourceAsStream("/graph/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ensureKeystore() {
        TestTls.ensureKeystore();
    }
}
