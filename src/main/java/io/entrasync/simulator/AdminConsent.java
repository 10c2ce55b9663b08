package io.entrasync.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The identity platform's v2.0 admin-consent endpoint, {@code /organizations/v2.0/adminconsent}, for the MSP app:
 * {@code GET} with {@code client_id}, {@code scope}, {@code redirect_uri} and {@code state} shows a small page listing
 * the customer tenants with Accept / Cancel (the simulator has no sign-in: the admin picks the tenant); the form's
 * {@code POST} answers as Microsoft's "Admin consent on the Microsoft identity platform" page documents:
 * Accept → 302 to {@code redirect_uri?admin_consent=True&tenant=<id>&scope=…&state=…}; Cancel → 302 with
 * {@code error=access_denied} and an {@code AADSTS65004} description (plus {@code admin_consent=True}, which the
 * documented error answer carries too). A request whose {@code client_id} or {@code redirect_uri} is missing or wrong
 * is never redirected: Microsoft shows an error page with the AADSTS code instead; one with a bad {@code scope} is
 * redirected with {@code error=invalid_request} / {@code invalid_scope}. Consent starts the tenant's propagation
 * delay ({@link #servicePrincipalMissing}).
 */
final class AdminConsent {

    static final String PATH = "/organizations/v2.0/adminconsent";

    private final Clock clock;
    private final Supplier<MspAppRegistration> app;
    private final Supplier<List<CustomerTenant>> customers;
    private final Map<String, Instant> consentedAt = new ConcurrentHashMap<>();

    AdminConsent(Clock clock, Supplier<MspAppRegistration> app, Supplier<List<CustomerTenant>> customers) {
        this.clock = clock;
        this.app = app;
        this.customers = customers;
    }

    /** Records the tenant's admin consent now (the page's Accept, or a test). */
    void consent(String tenantId) {
        consentedAt.put(tenantId, clock.instant());
    }

    boolean consented(String tenantId) {
        return consentedAt.containsKey(tenantId);
    }

    /**
     * Whether the MSP app has no usable service principal in the customer tenant yet: never consented, or consented
     * less than the app's propagation delay ago. Other tenants and other apps are not gated here.
     */
    boolean servicePrincipalMissing(String tenantId, String clientId) {
        MspAppRegistration msp = app.get();
        if (msp == null || clientId == null || !msp.clientId().equalsIgnoreCase(clientId) || customer(tenantId) == null) {
            return false;
        }
        Instant at = consentedAt.get(tenantId);
        return at == null || clock.instant().isBefore(at.plus(msp.propagationDelay()));
    }

    void handle(HttpExchange exchange, Map<String, String> query, Map<String, String> form) throws IOException {
        boolean post = "POST".equals(exchange.getRequestMethod());
        if (!post && !"GET".equals(exchange.getRequestMethod())) {
            page(exchange, 405, "Method not allowed", "<p>Use GET.</p>");
            return;
        }
        Map<String, String> params = post ? form : query;
        MspAppRegistration msp = app.get();
        String clientId = params.get("client_id");
        String redirectUri = params.get("redirect_uri");
        if (clientId == null || clientId.isBlank()) {
            errorPage(exchange, 900144, "The request body must contain the following parameter: 'client_id'.");
            return;
        }
        if (msp == null || !msp.clientId().equalsIgnoreCase(clientId.strip())) {
            errorPage(exchange, 700016, "Application with identifier '" + clientId + "' was not found in the "
                    + "directory 'organizations'. This can happen if the application has not been installed by the "
                    + "administrator of the tenant or consented to by any user in the tenant. You might have sent "
                    + "your authentication request to the wrong tenant.");
            return;
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            errorPage(exchange, 900144, "The request body must contain the following parameter: 'redirect_uri'.");
            return;
        }
        if (!absoluteHttp(redirectUri)) {
            errorPage(exchange, 90102, "'redirect_uri' value must be a valid absolute URI.");
            return;
        }
        String state = params.get("state");
        String scope = params.get("scope");
        if (scope == null || scope.isBlank()) {
            redirect(exchange, redirectUri, error("invalid_request", "AADSTS900144: The request body must contain "
                    + "the following parameter: 'scope'.", state));
            return;
        }
        if (Arrays.stream(scope.strip().split("\\s+")).noneMatch(s -> s.endsWith("/.default"))) {
            redirect(exchange, redirectUri, error("invalid_scope", "AADSTS70011: The provided value for the input "
                    + "parameter 'scope' is not valid. Application permissions are granted with the '/.default' "
                    + "scope of the resource.", state));
            return;
        }
        if (!post) {
            consentPage(exchange, msp, clientId, redirectUri, scope, state);
            return;
        }
        if (!"accept".equals(params.get("decision"))) {
            Map<String, String> refusal = new LinkedHashMap<>();
            refusal.put("admin_consent", "True");
            refusal.putAll(error("access_denied", "AADSTS65004: User declined to consent to access the app.", state));
            redirect(exchange, redirectUri, refusal);
            return;
        }
        CustomerTenant tenant = customer(params.get("tenant"));
        if (tenant == null) {
            errorPage(exchange, 90002, "Tenant '" + params.get("tenant") + "' not found. Pick one of the tenants "
                    + "listed on the consent page.");
            return;
        }
        consent(tenant.tenantId());
        Map<String, String> success = new LinkedHashMap<>();
        success.put("admin_consent", "True");
        success.put("tenant", tenant.tenantId());
        success.put("scope", scope);
        if (state != null) {
            success.put("state", state);
        }
        redirect(exchange, redirectUri, success);
    }

    private CustomerTenant customer(String tenantId) {
        if (tenantId == null) {
            return null;
        }
        return customers.get().stream().filter(c -> c.tenantId().equalsIgnoreCase(tenantId)).findFirst().orElse(null);
    }

    private static Map<String, String> error(String error, String description, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (state != null) {
            params.put("state", state);
        }
        return params;
    }

    private static boolean absoluteHttp(String uri) {
        try {
            URI parsed = new URI(uri.strip());
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && parsed.getHost() != null
                    && parsed.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void redirect(HttpExchange exchange, String redirectUri, Map<String, String> params)
            throws IOException {
        StringBuilder location = new StringBuilder(redirectUri.strip());
        char separator = redirectUri.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> param : params.entrySet()) {
            location.append(separator).append(param.getKey()).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private void consentPage(HttpExchange exchange, MspAppRegistration msp, String clientId, String redirectUri,
            String scope, String state) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<p><strong>").append(html(msp.displayName())).append("</strong> (").append(html(clientId))
                .append(") asks for the permissions <code>").append(html(scope)).append("</code> in your organization."
                        + " Accepting grants them for every user of the organization you pick.</p>");
        body.append("<form method=\"post\" action=\"").append(PATH).append("\">");
        hidden(body, "client_id", clientId);
        hidden(body, "redirect_uri", redirectUri);
        hidden(body, "scope", scope);
        if (state != null) {
            hidden(body, "state", state);
        }
        body.append("<fieldset><legend>Sign in as the administrator of</legend>");
        boolean first = true;
        for (CustomerTenant tenant : customers.get()) {
            String id = "tenant-" + tenant.tenantId();
            body.append("<div><input type=\"radio\" name=\"tenant\" id=\"").append(html(id)).append("\" value=\"")
                    .append(html(tenant.tenantId())).append('"').append(first ? " checked" : "").append("> <label for=\"")
                    .append(html(id)).append("\">").append(html(tenant.displayName())).append(" <small>(")
                    .append(html(tenant.domain())).append(", ").append(html(tenant.tenantId())).append(")")
                    .append(consented(tenant.tenantId()) ? " — already consented" : "").append("</small></label></div>");
            first = false;
        }
        body.append("</fieldset><p><button type=\"submit\" id=\"accept\" name=\"decision\" value=\"accept\">Accept"
                + "</button> <button type=\"submit\" id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button>"
                + "</p></form><p><small>Graph simulator: a demo stand-in for Microsoft's consent screen.</small></p>");
        page(exchange, 200, "Permissions requested", body.toString());
    }

    private void errorPage(HttpExchange exchange, int code, String message) throws IOException {
        String trace = UUID.randomUUID().toString();
        page(exchange, 400, "Sorry, but we’re having trouble signing you in.", "<p id=\"error\">AADSTS" + code + ": "
                + html(message) + "</p><p><small>Trace ID: " + trace + "<br>Correlation ID: " + UUID.randomUUID()
                + "<br>Timestamp: " + clock.instant() + "</small></p>");
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        byte[] bytes = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                + "</title></head><body><h1>" + html(title) + "</h1>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void hidden(StringBuilder body, String name, String value) {
        body.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(value))
                .append("\">");
    }

    private static String html(String text) {
        return Objects.toString(text, "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
