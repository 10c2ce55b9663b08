package io.entrasync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /{tenantId}/oauth2/v2.0/token} with {@code grant_type=client_credentials}, answering like Entra ID:
 * a bearer token, or an OAuth error whose description starts with the {@code AADSTS} code Entra uses.
 */
final class TokenEndpoint {

    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([A-Z0-9]+)\"");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Function<String, TenantRegistration> registrations;
    private final AccessTokens tokens;
    private final Clock clock;
    private final BiPredicate<String, String> servicePrincipalMissing;

    /**
     * @param servicePrincipalMissing {@code (tenantId, clientId)} → true while the app has no service principal in
     *                                the tenant (not consented yet, or still propagating): AADSTS7000229
     */
    TokenEndpoint(Function<String, TenantRegistration> registrations, AccessTokens tokens, Clock clock,
            BiPredicate<String, String> servicePrincipalMissing) {
        this.registrations = registrations;
        this.tokens = tokens;
        this.clock = clock;
        this.servicePrincipalMissing = servicePrincipalMissing;
    }

    /** The answer to a token request: an HTTP status and a JSON body. */
    record Answer(int status, byte[] body) {
    }

    Answer token(String tenantId, Map<String, String> form, String base) {
        TenantRegistration tenant = registrations.apply(tenantId);
        String clientId = form.get("client_id");
        if (tenant == null) {
            return error(400, "invalid_request", 90002, "Tenant '" + tenantId + "' not found. Check to make sure you "
                    + "have the correct tenant ID and are signing into the correct cloud.", base);
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + form.get("grant_type") + "'.", base);
        }
        if (clientId == null || tenant.clientId() != null && !tenant.clientId().equalsIgnoreCase(clientId)) {
            return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenantId + "'.", base);
        }
        if (servicePrincipalMissing.test(tenantId, clientId)) {
            // What Entra answers for a multi-tenant app in a tenant without its service principal: before admin
            // consent, and for a little while after it while the new service principal propagates.
            return error(400, "invalid_client", 7000229, "The client application " + clientId + " is missing "
                    + "service principal in the tenant " + tenantId + ". See instructions here: "
                    + "https://go.microsoft.com/fwlink/?linkid=2225119", base);
        }
        String scope = form.get("scope");
        if (scope == null || java.util.Arrays.stream(scope.split("\\s+")).noneMatch(s -> s.endsWith("/.default"))) {
            return error(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource "
                    + "identifier (application ID URI).", base);
        }
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if (secret != null) {
            if (tenant.clientSecret() == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    tenant.clientSecret().getBytes(StandardCharsets.UTF_8))) {
                return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                        + "being sent in the request is the client secret value, not the client secret ID, for a "
                        + "secret added to app '" + clientId + "'.", base);
            }
        } else if (assertion != null) {
            if (!assertionValid(tenant, assertion)) {
                return error(401, "invalid_client", 700027, "Client assertion failed signature validation.", base);
            }
        } else {
            return error(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
                    + "required for the 'client_credentials' grant type.", base);
        }
        JsonOut json = new JsonOut(256).beginObject().field("token_type", "Bearer");
        json.name("expires_in").value(AccessTokens.LIFETIME_SECONDS);
        json.name("ext_expires_in").value(AccessTokens.LIFETIME_SECONDS);
        json.field("access_token", tokens.issue(tenant.tenantId())).endObject();
        return new Answer(200, json.bytes());
    }

    /** A JWT signed (RS256 or PS256) by the key of the registered certificate. */
    private static boolean assertionValid(TenantRegistration tenant, String assertion) {
        String[] parts = assertion.split("\\.");
        if (tenant.certificate() == null || parts.length != 3) {
            return false;
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            Matcher alg = ALG.matcher(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
            Signature signature;
            if (!alg.find()) {
                return false;
            } else if ("RS256".equals(alg.group(1))) {
                signature = Signature.getInstance("SHA256withRSA");
            } else if ("PS256".equals(alg.group(1))) {
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return false;
            }
            signature.initVerify(tenant.certificate().getPublicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(decoder.decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private Answer error(int status, String error, int code, String description, String base) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(clock.instant());
        JsonOut json = new JsonOut(512).beginObject().field("error", error)
                .field("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                        + " Correlation ID: " + correlation + " Timestamp: " + timestamp);
        json.name("error_codes").beginArray().value(code).endArray();
        json.field("timestamp", timestamp).field("trace_id", trace).field("correlation_id", correlation)
                .field("error_uri", base + "/error?code=" + code).endObject();
        return new Answer(status, json.bytes());
    }
}
