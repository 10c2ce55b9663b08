package io.entrasync.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server in its own small Spring application on a
 * random port (discovery, JWKS, token endpoint), issuing client-credentials access tokens with an Entra-shaped
 * {@code roles} claim and audience. One client per role: client id = the name in {@link #CLIENTS}, secret
 * {@value #SECRET}{@code -<client id>} (the server wants every secret unique). The signing key is the test's ({@link #signer()}), so tests can also sign tokens the provider
 * would not issue (expired, another issuer). The admin page's client {@link #PAGE_CLIENT} signs {@link #PEOPLE}
 * in through the provider's login form (authorization code, PKCE), their ID tokens carrying Entra-shaped
 * {@code roles}. Started once per JVM and shared.
 */
public final class OidcTestProvider {

    public static final String AUDIENCE = "api://entra-sync-test";
    public static final String SECRET = "test-client-secret";

    /** client id → its roles claim; {@code foreign-audience} gets Admin but another audience. */
    public static final Map<String, List<String>> CLIENTS = Map.of(
            "reader", List.of("EntraSync.Reader"),
            "operator", List.of("EntraSync.Operator"),
            "approver", List.of("EntraSync.Approver"),
            "admin", List.of("EntraSync.Admin"),
            "reader-approver", List.of("EntraSync.Reader", "EntraSync.Approver"),
            "no-role", List.of("Other.App.Role"),
            "foreign-audience", List.of("EntraSync.Admin"));

    /** The admin page's client (authorization code with PKCE, secret {@link #PAGE_SECRET}). */
    public static final String PAGE_CLIENT = "page";
    public static final String PAGE_SECRET = SECRET + "-" + PAGE_CLIENT;

    /**
     * People who sign in through the provider's login form: user name → password and roles claim of their ID token.
     * {@code ada} is an Approver; {@code nora} holds only another app's role.
     */
    public record Person(String password, String displayName, List<String> roles) {
    }

    public static final Map<String, Person> PEOPLE = Map.of(
            "ada", new Person("ada-password-1", "Ada Approver", List.of("EntraSync.Approver")),
            "nora", new Person("nora-password-1", "Nora Norole", List.of("Other.App.Role")));

    private static OidcTestProvider instance;

    private final ConfigurableApplicationContext context;
    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Requests for the JWKS, counted: the service fetches it lazily, caches it and refreshes on an unknown kid. */
    private final AtomicInteger jwksRequests;
    /** Requests for the discovery document, counted: the service fetches it once, for tokens and sign-in alike. */
    private final AtomicInteger discoveryRequests;

    private OidcTestProvider() {
        KEYS.add(newKey());
        context = new SpringApplicationBuilder(Provider.class).web(WebApplicationType.SERVLET)
                .properties(properties()).run("--spring.config.name=oidc-test-provider");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        issuer = "http://127.0.0.1:" + port;
        jwksRequests = context.getBean(RequestCounter.class).jwks;
        discoveryRequests = context.getBean(RequestCounter.class).discovery;
    }

    /** The shared provider, started on first use. */
    public static synchronized OidcTestProvider get() {
        if (instance == null) {
            instance = new OidcTestProvider();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.context::close));
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** Points the service at the provider's issuer (known once the provider has started on its random port). */
    public static class Issuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("entra-sync.auth.issuer-uri=" + get().issuer()).applyTo(context);
        }
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    /** An access token for a client of {@link #CLIENTS}, from the provider's token endpoint (client credentials). */
    public String token(String client) {
        String basic = Base64.getEncoder().encodeToString((client + ":" + SECRET + "-" + client).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token for " + client + ": " + response.statusCode() + " " + response.body());
            }
            return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token signed by the provider's current key (same kid) with the claims given; for tokens it would not issue. */
    public String sign(JWTClaimsSet claims) {
        return sign(KEYS.get(KEYS.size() - 1), claims);
    }

    /** Claims like the provider's, for the service's audience, valid now, with {@code roles}. */
    public JWTClaimsSet.Builder claims(List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("test-subject").audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", roles).jwtID(UUID.randomUUID().toString());
    }

    /** Rotates: a new signing key joins the JWKS and signs from now on; answers its kid. */
    public String rotate() {
        RSAKey key = newKey();
        KEYS.add(key);
        return key.getKeyID();
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA key; with {@code kid} to impersonate a key of the provider. */
    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey currentKey() {
        return KEYS.get(KEYS.size() - 1);
    }

    private static RSAKey newKey() {
        return newKey(UUID.randomUUID().toString());
    }

    private static final List<RSAKey> KEYS = new CopyOnWriteArrayList<>();

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        String prefix = "spring.security.oauth2.authorizationserver.client.";
        for (String client : CLIENTS.keySet()) {
            properties.put(prefix + client + ".registration.client-id", client);
            properties.put(prefix + client + ".registration.client-secret", "{noop}" + SECRET + "-" + client);
            properties.put(prefix + client + ".registration.client-authentication-methods", "client_secret_basic");
            properties.put(prefix + client + ".registration.authorization-grant-types", "client_credentials");
        }
        String page = prefix + PAGE_CLIENT;
        properties.put(page + ".registration.client-id", PAGE_CLIENT);
        properties.put(page + ".registration.client-secret", "{noop}" + PAGE_SECRET);
        properties.put(page + ".registration.client-authentication-methods", "client_secret_basic");
        properties.put(page + ".registration.authorization-grant-types", "authorization_code");
        // a loopback IP redirect URI: the provider accepts it on any port (RFC 8252), the service's port is random
        properties.put(page + ".registration.redirect-uris", "http://127.0.0.1/login/oauth2/code/entra");
        properties.put(page + ".registration.scopes", "openid,profile");
        properties.put(page + ".require-proof-key", "true");
        properties.put(page + ".require-authorization-consent", "false");
        return properties;
    }

    /** The provider application: Boot's authorization server auto-configuration with the test's keys and claims. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(classes = {
            org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
            org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
            org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
            org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration.class})
    static class Provider {

        /** The JWKS: every key the test made, so a rotated key is served beside the older ones. */
        @Bean
        JWKSource<SecurityContext> jwkSource() {
            return (selector, securityContext) -> selector.select(new JWKSet(new ArrayList<>(KEYS)));
        }

        /** The login form's people ({@link #PEOPLE}). */
        @Bean
        org.springframework.security.core.userdetails.UserDetailsService people() {
            var users = new org.springframework.security.provisioning.InMemoryUserDetailsManager();
            PEOPLE.forEach((name, person) -> users.createUser(org.springframework.security.core.userdetails.User
                    .withUsername(name).password("{noop}" + person.password()).roles("USER").build()));
            return users;
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> entraShapedClaims() {
            return context -> {
                context.getJwsHeader().keyId(KEYS.get(KEYS.size() - 1).getKeyID());
                if (org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames.ID_TOKEN
                        .equals(context.getTokenType().getValue())) {
                    // as Entra puts a user's app roles in the ID token (token configuration)
                    String name = context.getPrincipal().getName();
                    Person person = PEOPLE.get(name);
                    context.getClaims().claim("oid", "oid-" + name).claim("preferred_username", name + "@test")
                            .claim("name", person == null ? name : person.displayName())
                            .claim("roles", person == null ? List.of() : person.roles());
                    return;
                }
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                        || !CLIENTS.containsKey(context.getRegisteredClient().getClientId())) {
                    return;
                }
                String client = context.getRegisteredClient().getClientId();
                context.getClaims().audience(List.of(client.equals("foreign-audience") ? "api://another-app" : AUDIENCE))
                        .claim("roles", CLIENTS.get(client))
                        .claim("oid", "oid-" + client)
                        .claim("azp", client);
            };
        }

        @Bean
        RequestCounter requestCounter() {
            return new RequestCounter();
        }

        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<RequestCounter> requestCounterRegistration(RequestCounter counter) {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(counter);
            registration.setOrder(Integer.MIN_VALUE);
            return registration;
        }
    }

    /** Counts JWKS and discovery requests. */
    static final class RequestCounter extends OncePerRequestFilter {
        final AtomicInteger jwks = new AtomicInteger();
        final AtomicInteger discovery = new AtomicInteger();

        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                                        jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, IOException {
            if (request.getRequestURI().equals("/oauth2/jwks")) {
                jwks.incrementAndGet();
            } else if (request.getRequestURI().startsWith("/.well-known/")) {
                discovery.incrementAndGet();
            }
            chain.doFilter(request, response);
        }
    }
}
