package io.entrasync.auth;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller with the roles it effectively holds ({@link Role#expand}); never carries a secret. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Set<Role> roles;

    CallerAuthentication(Caller caller, Set<Role> held) {
        super(Role.expand(held).stream().map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toList()));
        this.caller = caller;
        this.roles = Role.expand(held);
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    Set<Role> roles() {
        return roles;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.id();
    }
}
