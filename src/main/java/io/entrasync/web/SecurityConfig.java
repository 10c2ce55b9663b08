package io.entrasync.web;

import io.entrasync.auth.CallerSecurity;
import io.entrasync.auth.PageSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * One filter chain per kind of caller, the roles of every route from one place ({@code auth/RouteRoles}, applied by
 * {@code auth/CallerSecurity}):
 * <ol>
 * <li>the Graph webhook ({@code /webhooks/**}): open, stateless; notifications prove themselves by their
 * clientState (notify package);</li>
 * <li>bearer callers (any request with an {@code Authorization} header): the admin token, API keys, access tokens of
 * the trusted issuer; stateless, no CSRF (a browser never attaches a bearer token by itself);</li>
 * <li>the admin page's session (everything else): sign-in with the issuer ({@code auth/PageSignIn}), CSRF on
 * writes of a session, the static page, health probes. An {@code /api} call with neither a session nor a bearer
 * credential is answered 401 here.</li>
 * </ol>
 * Every chain writes the same security headers, eagerly (HEAD answers carry them too).
 */
@Configuration
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**");
        stateless(http);
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return headers(http).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, CallerSecurity callers) throws Exception {
        http.securityMatcher(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION));
        callers.authenticate(http);
        stateless(http);
        http.authorizeHttpRequests(auth -> {
            health(auth);
            callers.authorize(auth);
            auth.anyRequest().permitAll();
        });
        return headers(http).build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageSecurity(HttpSecurity http, CallerSecurity callers, PageSignIn signIn) throws Exception {
        signIn.configure(http);
        http.httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .authorizeHttpRequests(auth -> {
                    health(auth);
                    callers.authorize(auth);
                    auth.anyRequest().permitAll();
                });
        return headers(http).build();
    }

    private static void health(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
    }

    private static void stateless(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
    }

    private static HttpSecurity headers(HttpSecurity http) throws Exception {
        // security headers written before the request is handled, not when the answer is committed: HEAD answers
        // (no body) were otherwise left without any of them
        http.headers(h -> h.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        }));
        return http.headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                .referrerPolicy(r -> r.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                // the admin page uses no device features and shares nothing across origins
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"))
                .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Resource-Policy", "same-origin")));
    }

    /** No form or basic users exist: this stops Boot from generating (and logging) a default password. */
    @Bean
    UserDetailsService noLocalUsers() {
        return username -> {
            throw new UsernameNotFoundException(username);
        };
    }
}
