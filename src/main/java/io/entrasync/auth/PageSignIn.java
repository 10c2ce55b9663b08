package io.entrasync.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin page's session: sign-in with the authorization-code flow and PKCE at the trusted issuer (Spring
 * Security's {@code oauth2Login}), the person's roles from the ID token's {@code roles} claim as a
 * {@link CallerAuthentication} of kind {@code user} (the same roles and route table as bearer calls), CSRF
 * protection of the page's writes (cookie {@code XSRF-TOKEN} echoed in the {@code X-XSRF-TOKEN} header by
 * {@code api.js}), sign-out, and the audit trail of sign-ins, refused sign-ins and sign-outs. The browser holds
 * only the session cookie; tokens stay on the server.
 */
@Component
public class PageSignIn {

    /** Where the page starts a sign-in. */
    public static final String START = "/oauth2/authorization/" + SignInRegistrations.ID;

    private static final Logger log = LoggerFactory.getLogger(PageSignIn.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final TrustedIssuer issuer;
    private final IssuerDiscovery discovery;
    private final CallerSecurity callers;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    private final String sessionCookie;

    PageSignIn(TrustedIssuer issuer, IssuerDiscovery discovery, CallerSecurity callers, ApplicationEventPublisher events,
               @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        this.sessionCookie = sessionCookie;
        this.issuer = issuer;
        this.discovery = discovery;
        this.callers = callers;
        this.events = events;
    }

    /** Whether the page offers "Sign in" (an issuer and the page's client id are known). */
    public boolean available() {
        return issuer.signInEnabled();
    }

    /** Session, CSRF, sign-in and sign-out for the page's filter chain. */
    public void configure(HttpSecurity http) throws Exception {
        callers.refuseAndAudit(http);
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(f -> f.changeSessionId()))
                // a refused call is not remembered for after a sign-in (the page starts over at /): no session is
                // made for callers without credentials
                .requestCache(c -> c.disable())
                // only a request that carries a session cookie can ride on someone's sign-in; a request without one
                // is answered 401 by the route's role check, as before
                .csrf(c -> c.spa().requireCsrfProtectionMatcher(request -> !SAFE.contains(request.getMethod())
                        && request.getRequestedSessionId() != null))
                .logout(l -> l.logoutUrl("/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication instanceof CallerAuthentication caller) {
                                audit(request, caller.caller(), "sign-out", 204);
                            }
                        })
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT))
                        .deleteCookies(sessionCookie));
        if (!issuer.signInEnabled()) {
            return;
        }
        SignInRegistrations registrations = new SignInRegistrations(issuer, discovery);
        DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        // PKCE for confidential clients too (public clients get it anyway)
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(RestClient.builder().requestFactory(issuer.requestFactory())
                .messageConverters(c -> {
                    c.clear();
                    c.add(new FormHttpMessageConverter());
                    c.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        // an issuer that cannot be reached (discovery fails) sends the person back to the page with a reason, not a 500
        http.addFilterBefore(new IssuerReachable(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
        http.oauth2Login(o -> o.loginPage("/")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(a -> a.authorizationRequestResolver(requests))
                .tokenEndpoint(t -> t.accessTokenResponseClient(tokens))
                .userInfoEndpoint(u -> u.oidcUserService(new SignedInUsers()))
                .successHandler(this::signedIn)
                .failureHandler(this::refused));
    }

    /** Keeps the person as a {@link CallerAuthentication} in the session, so every check reads one kind of caller. */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcUser user = (OidcUser) authentication.getPrincipal();
        CallerAuthentication caller = new CallerAuthentication(IssuerTokens.caller(user.getIdToken()),
                IssuerTokens.roles(user.getIdToken()));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(caller);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("{} ({}) signed in to the admin page from {}", caller.caller().name(), caller.caller().id(),
                request.getRemoteAddr());
        audit(request, caller.caller(), "sign-in", 200);
        response.sendRedirect(request.getContextPath() + "/");
    }

    private void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String address = request.getRemoteAddr();
        callers.failedSignIn(address);
        if (e instanceof RefusedSignIn noRole) {
            log.warn("Refused sign-in of {} ({}) from {}: no role of this service", noRole.caller().name(),
                    noRole.caller().id(), address);
            audit(request, noRole.caller(), "sign-in", 403);
            response.sendRedirect(request.getContextPath() + "/?sign-in=no-role");
            return;
        }
        // the message names what failed (state, nonce, signature, issuer), never a code or token
        log.warn("Refused sign-in from {}: {}", address, e.getMessage());
        audit(request, Caller.anonymous(address), "sign-in", 401);
        response.sendRedirect(request.getContextPath() + "/?sign-in=failed");
    }

    /** Answers the start of a sign-in with a redirect to the page when the issuer's discovery cannot be read. */
    private static final class IssuerReachable extends OncePerRequestFilter {
        private final SignInRegistrations registrations;

        IssuerReachable(SignInRegistrations registrations) {
            this.registrations = registrations;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().equals(request.getContextPath() + START);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (registrations.findByRegistrationId(SignInRegistrations.ID) == null) {
                response.sendRedirect(request.getContextPath() + "/?sign-in=unavailable");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private void audit(HttpServletRequest request, Caller who, String action, int status) {
        events.publishEvent(new AuditEvent(clock.instant(), who, action, null, status, request.getRemoteAddr()));
    }
}
