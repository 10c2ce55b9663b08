package io.entrasync.auth;

import io.entrasync.problem.ProblemResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security of the API, applied by the web layer's filter chain: who is calling ({@link BearerAuthentication}),
 * which role each route needs ({@link RouteRoles}), refusals as problem+json (401 naming no secret, 403 naming the
 * role needed), throttling of failed sign-ins per client address (429 with Retry-After) and the audit trail
 * ({@link AuditRecorder}).
 */
@Component
public class CallerSecurity {

    private static final Logger log = LoggerFactory.getLogger(CallerSecurity.class);
    private static final String BEARER = "Bearer ";

    private final BearerAuthentication authentication;
    private final FailedSignIns failedSignIns;
    private final AuditRecorder auditRecorder;

    CallerSecurity(AdminToken adminToken, ApiKeys apiKeys, AuthProperties properties, TrustedIssuer issuer,
                   IssuerDiscovery discovery, ApplicationEventPublisher events) {
        this.authentication = new BearerAuthentication(adminToken, apiKeys, issuer, discovery);
        this.failedSignIns = new FailedSignIns(properties.failedSignIns(), properties.failedSignInWindow(),
                Clock.systemUTC());
        this.auditRecorder = new AuditRecorder(events, Clock.systemUTC());
    }

    /** Authentication by bearer credentials, refusals, throttling and the audit trail. */
    public void authenticate(HttpSecurity http) throws Exception {
        Refusals refusals = new Refusals();
        http.oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new AnyBearer())
                        .authenticationManagerResolver(request -> authentication)
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterAfter(auditRecorder, SecurityContextHolderFilter.class)
                .addFilterBefore(new Throttle(), BearerTokenAuthenticationFilter.class);
    }

    /**
     * Refusals and the audit trail for callers of the admin page's session (no bearer credential): an {@code /api}
     * call without a signed-in session is answered 401 like a bearer call without a credential.
     */
    public void refuseAndAudit(HttpSecurity http) throws Exception {
        Refusals refusals = new Refusals();
        http.exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterAfter(auditRecorder, SecurityContextHolderFilter.class);
    }

    /** Counts a refused sign-in against its client address, as a refused bearer credential is. */
    void failedSignIn(String clientAddress) {
        failedSignIns.failed(clientAddress);
    }

    /**
     * The role of every route of {@link RouteRoles} (GET routes answer HEAD alike); the OpenAPI description and
     * Actuator (Prometheus) need Reader; any other {@code /api} path needs Admin.
     */
    public void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        for (RouteRoles.Route route : RouteRoles.routes()) {
            auth.requestMatchers(route.method(), route.pattern()).hasAuthority(route.role().authority());
            if (route.method() == HttpMethod.GET) {
                auth.requestMatchers(HttpMethod.HEAD, route.pattern()).hasAuthority(route.role().authority());
            }
        }
        auth.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/actuator/**")
                .hasAuthority(Role.READER.authority())
                .requestMatchers("/api/**").hasAuthority(Role.ADMIN.authority());
    }

    /** Any {@code Authorization: Bearer <credential>}: admin tokens predate the token68 rule of RFC 6750. */
    private static final class AnyBearer implements BearerTokenResolver {
        @Override
        public String resolve(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String token = header.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
    }

    /** Answers 429 to a client address that presented too many refused credentials lately. */
    private final class Throttle extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long retryAfter = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? 0
                    : failedSignIns.retryAfterSeconds(request.getRemoteAddr());
            if (retryAfter > 0) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
                problem(request, response, HttpStatus.TOO_MANY_REQUESTS, "too many refused credentials from this"
                        + " address; retry in " + retryAfter + " s");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** 401 and 403 as problem details; a refused credential counts against its client address and is logged. */
    private final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            String presented = new AnyBearer().resolve(request);
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                failedSignIns.failed(request.getRemoteAddr());
                log.warn("Refused credentials from {} for {} {}: {}", request.getRemoteAddr(), request.getMethod(),
                        request.getRequestURI(), scrub(e.getMessage(), presented));
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problem(request, response, HttpStatus.UNAUTHORIZED, "a valid bearer credential is required: "
                    + "Authorization: Bearer <admin token, API key or access token of the configured issuer>"
                    + " (or a signed-in session of the admin page)");
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
                throws IOException {
            String needed = RouteRoles.match(request.getMethod(), request.getRequestURI())
                    .map(m -> m.route().role().claim())
                    .orElse(request.getRequestURI().startsWith("/api/") ? Role.ADMIN.claim() : Role.READER.claim());
            var current = SecurityContextHolder.getContext().getAuthentication();
            String held = current instanceof CallerAuthentication caller
                    ? caller.roles().stream().map(Role::claim).sorted().collect(Collectors.joining(", ")) : "";
            problem(request, response, HttpStatus.FORBIDDEN, "this call needs the role " + needed + " (or a role that"
                    + " includes it); the caller holds " + (held.isEmpty() ? "no role of this service" : held));
        }
    }

    private static String scrub(String message, String presented) {
        if (message == null) {
            return "refused";
        }
        return presented == null || presented.length() < 4 ? message : message.replace(presented, "<credential>");
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String detail) throws IOException {
        ProblemResponse.write(response, status, detail, null, request.getRequestURI());
    }
}
