package io.entrasync.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Access tokens of the trusted OpenID Connect issuer ({@link TrustedIssuer}). The JWKS named by the issuer's discovery
 * document ({@link IssuerDiscovery}, shared with the page's sign-in) is fetched on the first token, not at start-up
 * (the service starts while the issuer is unreachable), then cached by Nimbus and fetched again when a token names an
 * unknown {@code kid} (key rotation). The signature algorithms are those of the JWKS's keys. Checked: the signature, {@code iss},
 * {@code aud}, {@code exp} (required) and {@code nbf} (60 s clock skew). Roles come from the {@code roles} claim (Entra app roles).
 */
final class IssuerTokens {

    private IssuerTokens() {
    }

    /** A provider authenticating {@code BearerTokenAuthenticationToken}s as {@link CallerAuthentication}s. */
    static JwtAuthenticationProvider provider(TrustedIssuer issuer, IssuerDiscovery discovery) {
        // built on the first token; a failure (issuer unreachable) is not kept, the next token tries again
        JwtDecoder decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(discovery.text("jwks_uri"))
                    .discoverJwsAlgorithms().restOperations(issuer.restTemplate()).build();
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer.uri()),
                    new JwtAudienceValidator(issuer.audience()),
                    // a token without an expiry would be valid forever: refused
                    new JwtClaimValidator<Object>("exp", Objects::nonNull)));
            return nimbus;
        });
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> new CallerAuthentication(caller(jwt), roles(jwt)));
        return provider;
    }

    static Caller caller(ClaimAccessor jwt) {
        String id = first(jwt, "oid", "sub");
        String name = first(jwt, "preferred_username", "name", "upn", "azp", "client_id", "appid", "sub");
        return new Caller(Caller.Kind.USER, id == null ? "unknown" : id, name == null ? id : name);
    }

    /** The known roles of the {@code roles} claim; other values (other apps' roles) are ignored. */
    static Set<Role> roles(ClaimAccessor jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : values) {
            Role.ofClaim(String.valueOf(value)).ifPresent(roles::add);
        }
        return roles;
    }

    private static String first(ClaimAccessor jwt, String... claims) {
        for (String claim : claims) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
