/**
 * Who is calling, with which role, and the trail they leave: bearer tokens of an OpenID Connect issuer (roles from
 * the token's {@code roles} claim), API keys, the static admin token; the route table that says which role each
 * {@code /api} route needs; throttling of failed sign-ins; the admin page's sign-in at the one trusted issuer
 * ({@link io.entrasync.auth.PageSignIn}: authorization code with PKCE, a session cookie, CSRF on the page's writes;
 * the configured issuer, else the simulator's demo provider, {@link io.entrasync.auth.LocalIssuer}); and the audit
 * trail of every mutating or refused call, sign-in and sign-out.
 * Controllers elsewhere state no checks: {@link io.entrasync.auth.RouteRoles} is the one place.
 */
package io.entrasync.auth;
