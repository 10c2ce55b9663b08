package io.entrasync.auth;

import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Decides who presents a bearer credential: the static admin token (when switched on), an API key (by its
 * {@value ApiKeys#PREFIX} prefix), else an access token of the configured issuer. Anything else is refused with
 * {@link InvalidBearerTokenException} (401). The exception messages never contain the credential.
 */
final class BearerAuthentication implements AuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);

    private final AdminToken adminToken;
    private final ApiKeys apiKeys;
    private final JwtAuthenticationProvider issuerTokens;

    BearerAuthentication(AdminToken adminToken, ApiKeys apiKeys, TrustedIssuer issuer, IssuerDiscovery discovery) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
        this.issuerTokens = issuer.present() ? IssuerTokens.provider(issuer, discovery) : null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (adminToken.matches(token)) {
            return new CallerAuthentication(Caller.ADMIN_TOKEN, EnumSet.of(Role.ADMIN));
        }
        if (token.startsWith(ApiKeys.PREFIX)) {
            return apiKeys.authenticate(token)
                    .map(key -> new CallerAuthentication(ApiKeys.caller(key), key.heldRoles()))
                    .orElseThrow(() -> new InvalidBearerTokenException("unknown, expired or revoked API key"));
        }
        if (issuerTokens == null) {
            throw new InvalidBearerTokenException("not a valid admin token or API key (no token issuer is configured)");
        }
        try {
            return issuerTokens.authenticate(authentication);
        } catch (InvalidBearerTokenException e) {
            throw e;
        } catch (RuntimeException e) {
            // the issuer's discovery document or JWKS could not be fetched (or another non-token failure): the
            // token cannot be checked, so it is refused, and the next token tries the issuer again
            log.warn("Could not check a bearer token against the issuer: {}", e.getMessage());
            throw new InvalidBearerTokenException("the token could not be checked against its issuer");
        }
    }
}
