package io.entrasync.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's sign-in: a small OpenID Connect provider under {@value #PATH} on the simulator's HTTPS server —
 * discovery, {@code authorize} (a page listing the {@link DemoUsers}; picking one answers with a code), {@code token}
 * (authorization code with PKCE S256 required, for the one public client {@value #CLIENT_ID}) and the JWKS. ID and
 * access tokens are RS256 with Entra-shaped claims ({@code oid}, {@code preferred_username}, {@code roles}); access
 * tokens carry the audience {@value #AUDIENCE}. Redirects go to loopback addresses only: the demo runs on this
 * machine.
 */
final class DemoOidcProvider {

    static final String PATH = "/demo-oidc";
    static final String CLIENT_ID = "entra-sync-demo-page";
    static final String AUDIENCE = "api://entra-sync-demo";

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final String issuer;
    private final RSAKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** What a code stands for until it is redeemed, once. */
    private record Grant(DemoUsers.DemoUser user, String redirectUri, String challenge, String nonce, Instant expires) {
    }

    DemoOidcProvider(String issuer, RSAKey key, Clock clock) {
        this.issuer = issuer;
        this.key = key;
        this.clock = clock;
    }

    String issuer() {
        return issuer;
    }

    /** Answers a request under {@value #PATH}. */
    void handle(HttpExchange exchange, String path, Map<String, String> query, Map<String, String> form)
            throws IOException {
        String method = exchange.getRequestMethod();
        switch (path.substring(PATH.length())) {
            case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
            case "/jwks" -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
            case "/authorize" -> authorize(exchange, query);
            case "/token" -> {
                if ("POST".equals(method)) {
                    token(exchange, form);
                } else {
                    json(exchange, 405, error("invalid_request", "POST the token request"));
                }
            }
            default -> json(exchange, 404, error("invalid_request", "no such endpoint: " + path));
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", issuer + "/authorize");
        metadata.put("token_endpoint", issuer + "/token");
        metadata.put("jwks_uri", issuer + "/jwks");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("scopes_supported", List.of("openid", "profile"));
        metadata.put("grant_types_supported", List.of("authorization_code"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        return metadata;
    }

    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        String problem = checkAuthorizeRequest(query);
        if (problem != null) {
            html(exchange, 400, "<p>This sign-in request is refused: " + escape(problem) + "</p>");
            return;
        }
        String login = query.get("user");
        if (login == null) {
            html(exchange, 200, userPicker(query));
            return;
        }
        DemoUsers.DemoUser user = DemoUsers.byLogin(login).orElse(null);
        if (user == null) {
            html(exchange, 400, "<p>No demo user " + escape(login) + ".</p>");
            return;
        }
        String code = randomToken();
        codes.put(code, new Grant(user, query.get("redirect_uri"), query.get("code_challenge"), query.get("nonce"),
                clock.instant().plus(CODE_LIFETIME)));
        String redirect = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + enc(code) + (query.get("state") == null ? "" : "&state=" + enc(query.get("state")));
        exchange.getResponseHeaders().set("Location", redirect);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static String checkAuthorizeRequest(Map<String, String> query) {
        if (!CLIENT_ID.equals(query.get("client_id"))) {
            return "unknown client_id " + query.get("client_id") + " (the demo's client is " + CLIENT_ID + ")";
        }
        if (!"code".equals(query.get("response_type"))) {
            return "response_type must be code";
        }
        String scope = query.getOrDefault("scope", "");
        if (!List.of(scope.split(" ")).contains("openid")) {
            return "the scope must include openid";
        }
        if (query.get("code_challenge") == null || !"S256".equals(query.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge with code_challenge_method=S256";
        }
        String redirect = query.get("redirect_uri");
        try {
            URI uri = URI.create(redirect == null ? "" : redirect);
            if (uri.getHost() == null || !LOOPBACK.contains(uri.getHost())
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return "the redirect_uri must be on this machine (localhost or 127.0.0.1), not " + redirect;
            }
        } catch (IllegalArgumentException e) {
            return "the redirect_uri is not a URI";
        }
        return null;
    }

    private String userPicker(Map<String, String> query) {
        StringBuilder page = new StringBuilder("<h1>entra-sync demo sign-in</h1><p>Pick a demo user. Each holds one"
                + " role of entra-sync (the bundled simulator's sign-in; no password in the demo).</p><ul>");
        for (DemoUsers.DemoUser user : DemoUsers.ALL) {
            StringBuilder link = new StringBuilder(issuer + "/authorize?");
            query.forEach((k, v) -> {
                if (!k.equals("user")) {
                    link.append(enc(k)).append('=').append(enc(v)).append('&');
                }
            });
            link.append("user=").append(enc(user.login()));
            page.append("<li><a id=\"").append(escape(user.login())).append("\" href=\"").append(escape(link.toString()))
                    .append("\">").append(escape(user.login())).append("</a> — ").append(escape(user.name()))
                    .append(", ").append(escape(String.join(", ", user.roles()))).append("</li>");
        }
        return page.append("</ul>").toString();
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 400, error("unsupported_grant_type", "only authorization_code"));
            return;
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (grant == null || grant.expires().isBefore(clock.instant())) {
            json(exchange, 400, error("invalid_grant", "the code is unknown, used or expired"));
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            json(exchange, 400, error("invalid_grant", "client_id or redirect_uri differ from the authorize request"));
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
            json(exchange, 400, error("invalid_grant", "the code_verifier does not match the code_challenge"));
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken(grant.user(), now));
        answer.put("id_token", idToken(grant, now));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
        answer.put("scope", "openid profile");
        json(exchange, 200, answer);
    }

    /** An access token for this service's API, as a script would present it. */
    String accessToken(DemoUsers.DemoUser user, Instant now) {
        return sign(common(user, now).audience(AUDIENCE).claim("azp", CLIENT_ID).claim("scp", "access_as_user")
                .build());
    }

    private String idToken(Grant grant, Instant now) {
        JWTClaimsSet.Builder claims = common(grant.user(), now).audience(CLIENT_ID);
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        return sign(claims.build());
    }

    private JWTClaimsSet.Builder common(DemoUsers.DemoUser user, Instant now) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(user.oid()).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).claim("oid", user.oid()).claim("name", user.name())
                .claim("preferred_username", user.login()).claim("roles", user.roles());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        SimulatorHandler.send(exchange, status, JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>entra-sync demo sign-in"
                + "</title></head><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
