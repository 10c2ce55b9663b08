package io.entrasync.auth;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The admin page's one client registration, {@value #ID}, built from the trusted issuer's discovery document
 * ({@link IssuerDiscovery}, shared with the bearer tokens) on the first sign-in (not at start-up: the service starts
 * while the issuer is unreachable) and kept once built. A
 * confidential client when a secret is configured, else a public one; PKCE either way ({@link PageSignIn}).
 */
final class SignInRegistrations implements ClientRegistrationRepository {

    /** The registration id: the redirect URI is {@code <base URL>/login/oauth2/code/entra}. */
    static final String ID = "entra";

    private static final Logger log = LoggerFactory.getLogger(SignInRegistrations.class);

    private final TrustedIssuer issuer;
    private final IssuerDiscovery discovery;
    private volatile ClientRegistration registration;

    SignInRegistrations(TrustedIssuer issuer, IssuerDiscovery discovery) {
        this.issuer = issuer;
        this.discovery = discovery;
    }

    /** The registration, or null (the sign-in is then refused) when it is not {@value #ID} or discovery fails. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId) || !issuer.signInEnabled()) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            try {
                known = discover();
                registration = known;
            } catch (RuntimeException e) {
                log.warn("Sign-in unavailable: cannot read the discovery document of {}: {}", issuer.uri(),
                        e.getMessage());
                return null;
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        Map<String, Object> metadata = discovery.document();
        ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(ID)
                .clientId(issuer.clientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(discovery.text("authorization_endpoint"))
                .tokenUri(discovery.text("token_endpoint"))
                .jwkSetUri(discovery.text("jwks_uri"))
                .issuerUri(issuer.uri())
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(metadata)
                .clientName("Sign in");
        issuer.clientSecret().ifPresentOrElse(secret -> builder.clientSecret(secret)
                        .clientAuthenticationMethod(secretMethod(metadata)),
                () -> builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE));
        return builder.build();
    }

    /** Basic unless the issuer lists only {@code client_secret_post} (both work with Entra ID). */
    private static ClientAuthenticationMethod secretMethod(Map<String, Object> metadata) {
        Object methods = metadata.get("token_endpoint_auth_methods_supported");
        if (methods instanceof List<?> list && !list.contains("client_secret_basic") && list.contains("client_secret_post")) {
            return ClientAuthenticationMethod.CLIENT_SECRET_POST;
        }
        return ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
    }
}
