package io.entrasync.auth;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A sign-in of a person the issuer knows but who holds no role of this service: refused (and audited by name). */
final class RefusedSignIn extends OAuth2AuthenticationException {

    private final transient Caller caller;

    RefusedSignIn(Caller caller) {
        super(new OAuth2Error("access_denied", caller.name() + " holds no role of entra-sync", null));
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }
}
