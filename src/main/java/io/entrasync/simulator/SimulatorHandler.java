package io.entrasync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the simulator's requests and answers with Graph's and Entra's status codes and error bodies. */
final class SimulatorHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SimulatorHandler.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("/([A-Za-z0-9.-]+)/oauth2/v2\\.0/token");
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d{1,6})");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,100}");

    private final GraphSimulator simulator;
    private final TokenEndpoint tokenEndpoint;
    private final AccessTokens tokens;

    SimulatorHandler(GraphSimulator simulator, TokenEndpoint tokenEndpoint, AccessTokens tokens) {
        this.simulator = simulator;
        this.tokenEndpoint = tokenEndpoint;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            byte[] body = readBody(exchange.getRequestBody());
            String path = exchange.getRequestURI().getRawPath();
            Matcher token = TOKEN_PATH.matcher(path);
            if (path.equals(AdminConsent.PATH)) {
                simulator.adminConsent().handle(exchange, query(exchange.getRequestURI().getRawQuery()),
                        form(exchange, body));
            } else if (path.startsWith(DemoOidcProvider.PATH + "/")) {
                simulator.demoSignIn().handle(exchange, path, query(exchange.getRequestURI().getRawQuery()),
                        form(exchange, body));
            } else if ("POST".equals(exchange.getRequestMethod()) && token.matches()) {
                TokenEndpoint.Answer answer = tokenEndpoint.token(token.group(1), form(exchange, body), base(exchange));
                send(exchange, answer.status(), answer.body(), null);
            } else if (path.startsWith("/v1.0/subscriptions")) {
                String tenantId = tenantOf(exchange);
                if (tenantId == null) {
                    send(exchange, 401, graphError("InvalidAuthenticationToken", "Access token validation failure."),
                            null);
                } else {
                    simulator.subscriptionEndpoint().handle(exchange, tenantId, path.substring("/v1.0".length()), body);
                }
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/v1.0/")) {
                graph(exchange, path.substring("/v1.0".length()), body);
            } else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1.0/directoryObjects/getByIds")) {
                graph(exchange, "/directoryObjects/getByIds", body);
            } else {
                send(exchange, 400, graphError("BadRequest", "Resource not found for the segment '" + path + "'."), null);
            }
        } catch (RuntimeException e) {
            log.warn("simulator failed on {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.toString());
            send(exchange, 500, graphError("generalException", "The simulator failed on this request."), null);
        }
    }

    private String tenantOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String tenantId = authorization != null && authorization.startsWith("Bearer ")
                ? tokens.tenantOf(authorization.substring("Bearer ".length()).strip()) : null;
        return tenantId == null || simulator.directory(tenantId) == null ? null : tenantId;
    }

    private void graph(HttpExchange exchange, String path, byte[] body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String tenantId = tenantOf(exchange);
        TenantDirectory directory = tenantId == null ? null : simulator.directory(tenantId);
        if (directory == null) {
            send(exchange, 401, graphError("InvalidAuthenticationToken",
                    authorization == null ? "Access token is empty." : "Access token validation failure."), null);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (path) {
            case "/users/delta", "/users/delta()" -> delta(exchange, directory, "users", query);
            case "/groups/delta", "/groups/delta()" -> delta(exchange, directory, "groups", query);
            case "/users" -> {
                DirectoryListing.Answer answer = DirectoryListing.users(directory, query, base(exchange));
                send(exchange, answer.status(), answer.body(), null);
            }
            case "/groups" -> {
                DirectoryListing.Answer answer = DirectoryListing.groups(directory, query, base(exchange));
                send(exchange, answer.status(), answer.body(), null);
            }
            case "/organization" -> organization(exchange, directory, query);
            case "/directoryObjects/getByIds" -> {
                GetByIds.Answer answer = GetByIds.answer(directory, body);
                send(exchange, answer.status(), answer.body(), null);
            }
            default -> {
                if (path.startsWith("/users/") && path.indexOf('/', "/users/".length()) < 0) {
                    user(exchange, directory, URLDecoder.decode(path.substring("/users/".length()), StandardCharsets.UTF_8));
                } else {
                    send(exchange, 400, graphError("BadRequest", "Resource not found for the segment '" + path + "'."),
                            null);
                }
            }
        }
    }

    /**
     * {@code GET /v1.0/organization}: a collection holding the caller's tenant alone, as Graph answers an app token;
     * {@code $select} keeps {@code id} plus the fields named.
     */
    private void organization(HttpExchange exchange, TenantDirectory directory, Map<String, String> query)
            throws IOException {
        String select = query.get("$select");
        java.util.Set<String> fields = new java.util.HashSet<>();
        if (select != null) {
            for (String field : select.split(",")) {
                fields.add(field.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        JsonOut json = new JsonOut(1024).beginObject().field("@odata.context", base(exchange)
                + "/v1.0/$metadata#organization" + (select == null ? "" : "(" + select.strip() + ")"))
                .name("value").beginArray();
        simulator.organization(directory.tenantId).write(json, directory.tenantId, select == null, fields);
        send(exchange, 200, json.endArray().endObject().bytes(), null);
    }

    private void delta(HttpExchange exchange, TenantDirectory directory, String resource, Map<String, String> query)
            throws IOException {
        Integer preferred = preferredPageSize(exchange);
        int pageSize = preferred != null ? preferred : simulator.settings().pageSize();
        PageToken token;
        if (query.containsKey("$skiptoken") || query.containsKey("$deltatoken")) {
            boolean skip = query.containsKey("$skiptoken");
            PageToken given = PageToken.decode(skip ? query.get("$skiptoken") : query.get("$deltatoken"));
            if (!valid(given, directory, resource)) {
                // Graph answers an expired or unknown token of a directory object (users, groups) with 400
                // syncStateNotFound, not 410 (delta links of identity resources last 7 days).
                send(exchange, 400, graphError("syncStateNotFound", "The sync state generation is not found. The "
                        + "delta token is expired and data must be synchronized again."), null);
                return;
            }
            if (skip) {
                token = preferred == null ? given : new PageToken(given.resource(), given.tenantId(), given.epoch(),
                        given.since(), given.snapshot(), given.position(), given.afterKey(), preferred);
            } else {
                simulator.driftBeforeDelta(directory);
                token = given.nextRound(currentVersion(directory), pageSize);
            }
        } else {
            token = new PageToken(resource, directory.tenantId, directory.epoch, -1, currentVersion(directory), 0, -1,
                    pageSize);
        }
        pause();
        DeltaPager.Page page = "users".equals(resource) ? DeltaPager.users(directory, token, base(exchange))
                : DeltaPager.groups(directory, token, base(exchange));
        send(exchange, 200, page.body(), preferred == null ? null : "odata.maxpagesize=" + preferred);
    }

    private static boolean valid(PageToken token, TenantDirectory directory, String resource) {
        if (token == null || !token.resource().equals(resource) || !token.tenantId().equals(directory.tenantId)
                || token.epoch() != directory.epoch || token.pageSize() < 1
                || token.pageSize() > SimulatorSettings.MAX_PAGE_SIZE) {
            return false;
        }
        directory.lock.readLock().lock();
        try {
            return token.snapshot() >= directory.oldestValidVersion && token.snapshot() <= directory.version;
        } finally {
            directory.lock.readLock().unlock();
        }
    }

    private void user(HttpExchange exchange, TenantDirectory directory, String id) throws IOException {
        int index = directory.userIds.index(id);
        directory.lock.readLock().lock();
        byte[] body = null;
        try {
            if (index >= 0 && index < directory.userCount && directory.isLive(index)) {
                JsonOut json = new JsonOut(1024);
                UserRenderer.write(json, directory, index);
                body = json.bytes();
            }
        } finally {
            directory.lock.readLock().unlock();
        }
        if (body == null) {
            send(exchange, 404, graphError("Request_ResourceNotFound", "Resource '" + id
                    + "' does not exist or one of its queried reference-property objects are not present."), null);
        } else {
            send(exchange, 200, body, null);
        }
    }

    private static int currentVersion(TenantDirectory directory) {
        directory.lock.readLock().lock();
        try {
            return directory.version;
        } finally {
            directory.lock.readLock().unlock();
        }
    }

    private void pause() {
        long millis = simulator.settings().latency().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Integer preferredPageSize(HttpExchange exchange) {
        for (String prefer : exchange.getRequestHeaders().getOrDefault("Prefer", java.util.List.of())) {
            Matcher matcher = MAX_PAGE_SIZE.matcher(prefer);
            if (matcher.find()) {
                return Math.max(1, Math.min(SimulatorSettings.MAX_PAGE_SIZE, Integer.parseInt(matcher.group(1))));
            }
        }
        return null;
    }

    private String base(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && HOST.matcher(host).matches() ? "https://" + host : simulator.baseUrl();
    }

    private static Map<String, String> form(HttpExchange exchange, byte[] body) {
        Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    form.putIfAbsent("client_id", URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8));
                    form.putIfAbsent("client_secret", URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException ignored) {
                // not Basic credentials after all: the body decides
            }
        }
        return form;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(64 * 1024);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return body;
    }

    static byte[] graphError(String code, String message) {
        String requestId = UUID.randomUUID().toString();
        JsonOut json = new JsonOut(384).beginObject().name("error").beginObject().field("code", code)
                .field("message", message).name("innerError").beginObject()
                .field("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString())
                .field("request-id", requestId).field("client-request-id", requestId)
                .endObject().endObject().endObject();
        return json.bytes();
    }

    static void send(HttpExchange exchange, int status, byte[] body, String preferenceApplied)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
        if (preferenceApplied != null) {
            exchange.getResponseHeaders().set("Preference-Applied", preferenceApplied);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
