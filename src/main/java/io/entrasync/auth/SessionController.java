package io.entrasync.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/session}: what the admin page needs before it draws anything — who is signed in (name, roles),
 * whether "Sign in" is offered and whether the admin token works at all. Open to everyone: it tells nothing about
 * the data. Reading it also sets the CSRF cookie the page echoes on writes.
 */
@RestController
class SessionController {

    private final PageSignIn signIn;
    private final AdminToken adminToken;

    SessionController(PageSignIn signIn, AdminToken adminToken) {
        this.signIn = signIn;
        this.adminToken = adminToken;
    }

    /** The page's sign-in state; {@code user} is null without a signed-in session. */
    record Session(Map<String, Object> user, String signIn, boolean adminToken) {
    }

    @GetMapping("/auth/session")
    ResponseEntity<Session> session(CsrfToken csrf) {
        if (csrf != null) {
            csrf.getToken(); // loads the deferred token, so the XSRF-TOKEN cookie is written
        }
        Map<String, Object> user = null;
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller
                && caller.caller().kind() == Caller.Kind.USER) {
            user = new LinkedHashMap<>();
            user.put("id", caller.caller().id());
            user.put("name", caller.caller().name());
            List<String> roles = caller.roles().stream().map(Role::claim).sorted().toList();
            user.put("roles", roles);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Session(user, signIn.available() ? PageSignIn.START : null, adminToken.enabled()));
    }
}
