package io.entrasync.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * The one OpenID Connect issuer this service trusts, resolved at start-up: the configured one
 * ({@code ENTRA_SYNC_AUTH_ISSUER_URI}, with the page's client id and secret), else the bundled simulator's demo
 * provider ({@link LocalIssuer}) when it runs, else none. Also the HTTP client to reach it: the JVM's trust store,
 * except for a local issuer, whose own certificate is trusted for its own address alone.
 */
@Component
final class TrustedIssuer {

    private static final Logger log = LoggerFactory.getLogger(TrustedIssuer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String uri;
    private final String audience;
    private final String clientId;
    private final String clientSecret;
    private final ClientHttpRequestFactory requestFactory;

    TrustedIssuer(AuthProperties properties, ObjectProvider<LocalIssuer> local) {
        LocalIssuer demo = local.getIfAvailable();
        HttpClient jvmTrust = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        if (properties.issuerConfigured()) {
            this.uri = properties.issuerUri().strip();
            this.audience = properties.audience().strip();
            this.clientId = AuthProperties.blank(properties.clientId()) ? null : properties.clientId().strip();
            this.clientSecret = secret(properties);
            this.requestFactory = factory(jvmTrust);
            if (demo != null) {
                log.info("The configured issuer {} is trusted; the simulator's demo sign-in is not", uri);
            }
        } else if (demo != null) {
            this.uri = demo.issuerUri();
            this.audience = demo.audience();
            this.clientId = demo.clientId();
            this.clientSecret = null;
            URI origin = URI.create(demo.issuerUri());
            ClientHttpRequestFactory ownAddress = factory(HttpClient.newBuilder().connectTimeout(TIMEOUT)
                    .sslContext(trusting(demo.trustStore())).build());
            ClientHttpRequestFactory other = factory(jvmTrust);
            this.requestFactory = (requestUri, method) -> (sameOrigin(requestUri, origin) ? ownAddress : other)
                    .createRequest(requestUri, method);
            log.info("No issuer configured: the admin page signs in with the simulator's demo users at {}", uri);
        } else {
            this.uri = null;
            this.audience = null;
            this.clientId = null;
            this.clientSecret = null;
            this.requestFactory = factory(jvmTrust);
        }
    }

    boolean present() {
        return uri != null;
    }

    /** Whether the admin page can sign people in (an issuer and a client id). */
    boolean signInEnabled() {
        return uri != null && clientId != null;
    }

    String uri() {
        return uri;
    }

    String audience() {
        return audience;
    }

    String clientId() {
        return clientId;
    }

    /** The page's client secret; empty for a public client (PKCE alone). */
    Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** HTTP requests to the issuer (discovery, JWKS, token endpoint). */
    ClientHttpRequestFactory requestFactory() {
        return requestFactory;
    }

    RestTemplate restTemplate() {
        return new RestTemplate(requestFactory);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && a.getPort() == b.getPort();
    }

    private static JdkClientHttpRequestFactory factory(HttpClient client) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(TIMEOUT);
        return factory;
    }

    private static String secret(AuthProperties properties) {
        if (!AuthProperties.blank(properties.clientSecret())) {
            return properties.clientSecret().strip();
        }
        if (AuthProperties.blank(properties.clientSecretFile())) {
            return null;
        }
        Path file = Path.of(properties.clientSecretFile().strip());
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException("ENTRA_SYNC_AUTH_CLIENT_SECRET_FILE (entra-sync.auth.client-secret-file) "
                        + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("ENTRA_SYNC_AUTH_CLIENT_SECRET_FILE (entra-sync.auth.client-secret-file): "
                    + "cannot read " + file, e);
        }
    }

    private static SSLContext trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the local issuer's certificate", e);
        }
    }
}
