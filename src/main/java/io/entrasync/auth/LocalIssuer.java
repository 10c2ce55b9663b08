package io.entrasync.auth;

import java.net.URI;
import java.security.KeyStore;
import java.util.Objects;

/**
 * An OpenID Connect issuer on this machine that the service trusts when no issuer is configured: the bundled
 * simulator's demo provider (the {@code simulator} package declares it as a bean). Its self-signed certificate is
 * trusted for the issuer's own scheme, host and port alone, never for another address.
 *
 * @param issuerUri  the issuer, e.g. {@code https://127.0.0.1:8443/demo-oidc}
 * @param audience   the {@code aud} of its access tokens
 * @param clientId   the admin page's client id at that issuer (a public client: PKCE, no secret)
 * @param trustStore the certificate its TLS server presents (no private key)
 */
public record LocalIssuer(String issuerUri, String audience, String clientId, KeyStore trustStore) {

    public LocalIssuer {
        Objects.requireNonNull(issuerUri, "issuerUri");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(trustStore, "trustStore");
        if (!"https".equals(URI.create(issuerUri).getScheme())) {
            throw new IllegalArgumentException("a local issuer is served over https, not " + issuerUri);
        }
    }
}
