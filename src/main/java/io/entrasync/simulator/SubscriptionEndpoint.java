package io.entrasync.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET} and {@code POST /v1.0/subscriptions}, {@code GET}, {@code PATCH} and {@code DELETE
 * /v1.0/subscriptions/{id}} as Graph answers them for {@code users} and {@code groups}: 201 with the subscription after
 * the validation handshake succeeded, 400 {@code ValidationError} when it failed, the expiry exceeds 41,760 minutes or
 * the changeType holds anything but {@code updated} and {@code deleted} (Graph refuses {@code created} for users and
 * groups: {@code updated} covers creation), 404 {@code ResourceNotFound} for an unknown id. A PATCH may move the
 * expiry and the notificationUrl (the new URL is validated first), as Graph's "Update subscription" allows.
 */
final class SubscriptionEndpoint {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(41_760);
    private static final Set<String> RESOURCES = Set.of("users", "groups");
    private static final Set<String> CHANGE_TYPES = Set.of("updated", "deleted");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimSubscriptions subscriptions;

    SubscriptionEndpoint(SimSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    void handle(HttpExchange exchange, String tenantId, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        if ("/subscriptions".equals(path) && "POST".equals(method)) {
            create(exchange, tenantId, body);
            return;
        }
        if ("/subscriptions".equals(path) && "GET".equals(method)) {
            StringBuilder list = new StringBuilder("{\"value\":[");
            subscriptions.ofTenant(tenantId).forEach(s -> list.append(list.length() > 10 ? "," : "")
                    .append(new String(render(s), StandardCharsets.UTF_8)));
            SimulatorHandler.send(exchange, 200, list.append("]}").toString().getBytes(StandardCharsets.UTF_8), null);
            return;
        }
        String id = path.startsWith("/subscriptions/") ? path.substring("/subscriptions/".length()) : "";
        if ("GET".equals(method)) {
            subscriptions.lookedUp();
        }
        SimSubscriptions.Sub sub = id.isEmpty() ? null : subscriptions.get(tenantId, id);
        if (sub == null) {
            SimulatorHandler.send(exchange, 404, SimulatorHandler.graphError("ResourceNotFound",
                    "The object was not found."), null);
        } else if ("GET".equals(method)) {
            SimulatorHandler.send(exchange, 200, render(sub), null);
        } else if ("PATCH".equals(method)) {
            JsonNode request = read(body);
            String url = text(request, "notificationUrl");
            Instant expiry = expiry(request);
            if (expiry == null && (url == null || text(request, "expirationDateTime") != null)) {
                invalid(exchange, "expirationDateTime is missing, in the past or beyond 41760 minutes.");
                return;
            }
            if (url != null) {
                sub = subscriptions.moveTo(sub, url);
                if (sub == null) {
                    invalid(exchange, "Subscription validation request failed. Notification endpoint must respond "
                            + "with 200 OK to validation request.");
                    return;
                }
            }
            SimulatorHandler.send(exchange, 200, render(expiry == null ? sub : subscriptions.renew(sub, expiry)),
                    null);
        } else if ("DELETE".equals(method)) {
            subscriptions.delete(id);
            SimulatorHandler.send(exchange, 204, new byte[0], null);
        } else {
            SimulatorHandler.send(exchange, 405, SimulatorHandler.graphError("BadRequest", "Method not allowed."), null);
        }
    }

    private void create(HttpExchange exchange, String tenantId, byte[] body) throws IOException {
        JsonNode request = read(body);
        String resource = text(request, "resource");
        String url = text(request, "notificationUrl");
        Instant expiry = expiry(request);
        if (resource == null || !RESOURCES.contains(resource) || url == null || text(request, "changeType") == null) {
            invalid(exchange, "resource (users or groups), changeType and notificationUrl are required.");
            return;
        }
        if (expiry == null) {
            invalid(exchange, "expirationDateTime is missing, in the past or beyond 41760 minutes.");
            return;
        }
        for (String type : text(request, "changeType").split(",")) {
            if (!CHANGE_TYPES.contains(type.strip())) {
                invalid(exchange, "The changeType '" + type.strip() + "' is not supported for " + resource
                        + "; supported: updated, deleted.");
                return;
            }
        }
        String clientState = text(request, "clientState");
        if (clientState != null && clientState.length() > 128) {
            invalid(exchange, "clientState must not exceed 128 characters.");
            return;
        }
        SimSubscriptions.Sub sub = subscriptions.create(tenantId, resource, text(request, "changeType"), url,
                text(request, "lifecycleNotificationUrl"), clientState == null ? "" : clientState, expiry);
        if (sub == null) {
            invalid(exchange, "Subscription validation request failed. Notification endpoint must respond with "
                    + "200 OK to validation request.");
            return;
        }
        SimulatorHandler.send(exchange, 201, render(sub), null);
    }

    private static Instant expiry(JsonNode request) {
        String text = text(request, "expirationDateTime");
        try {
            Instant expiry = text == null ? null : OffsetDateTime.parse(text).toInstant();
            Instant now = Instant.now();
            return expiry == null || expiry.isBefore(now) || expiry.isAfter(now.plus(MAX_LIFETIME)) ? null : expiry;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] render(SimSubscriptions.Sub sub) {
        return ("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity\",\"id\":"
                + SimSubscriptions.quote(sub.id()) + ",\"resource\":" + SimSubscriptions.quote(sub.resource())
                + ",\"changeType\":" + SimSubscriptions.quote(sub.changeType()) + ",\"notificationUrl\":"
                + SimSubscriptions.quote(sub.notificationUrl())
                + (sub.lifecycleUrl() == null ? "" : ",\"lifecycleNotificationUrl\":"
                        + SimSubscriptions.quote(sub.lifecycleUrl()))
                + ",\"expirationDateTime\":" + SimSubscriptions.quote(sub.expiresAt().toString())
                + (sub.clientState().isEmpty() ? "" : ",\"clientState\":" + SimSubscriptions.quote(sub.clientState()))
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void invalid(HttpExchange exchange, String message) throws IOException {
        SimulatorHandler.send(exchange, 400, SimulatorHandler.graphError("ValidationError", message), null);
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
