package io.entrasync.auth;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The person behind a verified ID token: roles from its {@code roles} claim (Entra app roles assigned to the user,
 * which Entra puts in the ID token), read by the same {@link IssuerTokens#roles} as bearer tokens. Someone with no
 * role of this service is refused ({@link RefusedSignIn}). No user-info call: the ID token says all that is needed.
 */
final class SignedInUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        Set<Role> roles = IssuerTokens.roles(request.getIdToken());
        if (roles.isEmpty()) {
            throw new RefusedSignIn(IssuerTokens.caller(request.getIdToken()));
        }
        return new DefaultOidcUser(Role.expand(roles).stream().map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toList()), request.getIdToken(), "sub");
    }
}
