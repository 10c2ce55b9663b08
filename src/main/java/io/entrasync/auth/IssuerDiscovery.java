package io.entrasync.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The trusted issuer's OpenID discovery document ({@code <issuer>/.well-known/openid-configuration}), fetched once
 * for both of its readers: the bearer tokens' JWKS location ({@link IssuerTokens}) and the page's client registration
 * ({@link SignInRegistrations}). Fetched on first use, not at start-up (the service starts while the issuer is
 * unreachable); a failed fetch is not kept, so the next token or sign-in tries again. Key rotation does not need the
 * document again: the JWKS itself is fetched anew when a token names an unknown {@code kid}.
 */
@Component
final class IssuerDiscovery {

    private final TrustedIssuer issuer;
    private volatile Map<String, Object> document;

    IssuerDiscovery(TrustedIssuer issuer) {
        this.issuer = issuer;
    }

    /** The document, fetched on the first call; throws when it cannot be read or names another issuer. */
    Map<String, Object> document() {
        Map<String, Object> known = document;
        if (known == null) {
            synchronized (this) {
                known = document;
                if (known == null) {
                    known = fetch();
                    document = known;
                }
            }
        }
        return known;
    }

    /** A required text entry of the document, e.g. {@code jwks_uri}. */
    String text(String name) {
        Object value = document().get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalStateException("the discovery document has no " + name);
        }
        return s;
    }

    private Map<String, Object> fetch() {
        String location = issuer.uri().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        Map<String, Object> metadata = issuer.restTemplate().exchange(location, HttpMethod.GET, null,
                new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
        // as Spring's issuer-location decoder checks: a document for another issuer is not trusted
        if (metadata == null || !issuer.uri().equals(metadata.get("issuer"))) {
            throw new IllegalStateException("the discovery document names issuer "
                    + (metadata == null ? null : metadata.get("issuer")) + ", not " + issuer.uri());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
